"""`make new` starts an article that passes `make check`, and never reuses a URL."""

import os
import pty
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from site_pages import ROOT, make_site

import vntext
from content_intake import new_article
from vntext.source import read_source

SCRIPT = ROOT / "scripts" / "new_article.py"
FIELDS = ["title", "date", "category", "tags", "author", "source", "summary", "slug"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def new(tmp_path: Path, *args: str, env: dict[str, str] | None = None, stdin=subprocess.DEVNULL):
    settings = tmp_path / "settings.py"
    if not settings.exists():
        make_site(tmp_path)
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--settings", str(settings), *args],
        cwd=tmp_path,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ["PATH"], **(env or {})},
    )


def check(tmp_path: Path) -> subprocess.CompletedProcess:
    """`make check` on the copy."""
    return subprocess.run(
        [sys.executable, "-m", "content_intake", str(tmp_path / "settings.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ["PATH"]},
    )


def test_a_new_article_has_every_field_and_passes_the_check_once_written(tmp_path):
    before = datetime.now(vntext.TIMEZONE).replace(second=0, microsecond=0)
    result = new(
        tmp_path, "--title", "Hội nghị báo cáo viên tháng 12", "--category", "Tin từ các đơn vị"
    )
    after = datetime.now(vntext.TIMEZONE)
    assert result.returncode == 0, result.stderr

    path = tmp_path / result.stdout.strip()
    assert path == tmp_path / "content/articles/tin-tu-cac-don-vi/hoi-nghi-bao-cao-vien-thang-12.md"
    source = read_source(path)
    assert list(source.metadata) == FIELDS
    values = {key: value for key, (value, _) in source.metadata.items()}
    assert values["title"] == "Hội nghị báo cáo viên tháng 12"
    assert values["category"] == "Tin từ các đơn vị"
    assert values["slug"] == "hoi-nghi-bao-cao-vien-thang-12"
    assert before <= vntext.parse_date(values["date"]) <= after
    assert len(values["date"]) == len("2023-12-12 16:13")
    assert {values[key] for key in ("tags", "author", "source", "summary")} == {""}
    body = source.text.split("\n")[source.body_line - 1 :]
    assert "Viết nội dung bài ở đây" in "\n".join(body)

    checked = check(tmp_path)
    assert checked.returncode == 1, "the hint must not be published"
    assert (
        f"{path.name}:{source.body_line}: đoạn hướng dẫn của `make new` vẫn còn" in checked.stdout
    )

    path.write_text(
        source.text.replace(body[0], "Sáng 12/12, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị."),
        encoding="utf-8",
    )
    checked = check(tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "không có lỗi" in checked.stdout


def test_title_and_category_come_from_make_variables(tmp_path):
    """`make new TITLE=... CATEGORY=...` passes them in the environment, quotes and all."""
    title = 'Học tập "tấm gương" Bác Hồ'
    result = new(tmp_path, env={"TITLE": title, "CATEGORY": "hoc tap va lam theo bac"})
    assert result.returncode == 0, result.stderr
    path = tmp_path / result.stdout.strip()
    assert path.parent.name == "hoc-tap-va-lam-theo-bac"
    metadata = read_source(path).metadata
    assert metadata["title"][0] == title
    assert metadata["category"][0] == "Học tập và làm theo Bác"
    checked = check(tmp_path).stdout
    assert "1 lỗi" in checked and "vẫn còn" in checked, (
        "the header is valid; only the body is unwritten"
    )


def test_a_category_may_be_given_by_its_url_slug(tmp_path):
    result = new(
        tmp_path,
        "--title",
        "Nhận diện luận điệu sai trái",
        "--category",
        "bao-ve-nen-tang-tu-tuong",
    )
    assert result.returncode == 0, result.stderr
    assert (
        read_source(tmp_path / result.stdout.strip()).metadata["category"][0]
        == "Bảo vệ nền tảng tư tưởng của Đảng"
    )


def test_the_title_of_an_article_of_another_year_starts_a_new_article(tmp_path):
    """Titles of yearly events repeat: another year is another URL, so another article."""
    make_site(tmp_path)
    # Another spelling of a seed title (other case, no accents): the same slug, in 2024.
    result = new(
        tmp_path,
        "--title",
        "KE HOACH thuc hien cong tac giao duc ly luan chinh tri nam 2024!",
        "--category",
        "Tin từ các đơn vị",
    )
    assert result.returncode == 0, result.stderr
    slug = "ke-hoach-thuc-hien-cong-tac-giao-duc-ly-luan-chinh-tri-nam-2024"
    year = datetime.now(vntext.TIMEZONE).year
    created = tmp_path / result.stdout.strip()
    assert created == tmp_path / f"content/articles/tin-tu-cac-don-vi/{slug}-{year}.md"
    assert read_source(created).metadata["slug"][0] == slug
    assert (tmp_path / f"content/articles/tin-tu-cac-don-vi/{slug}.md").exists()


def test_a_draft_keeps_its_slug(tmp_path):
    make_site(tmp_path)
    draft = tmp_path / "content/articles/ly-luan-chinh-tri/ban-nhap.md"
    draft.write_text(
        "Title: Bài đang viết\nStatus: draft\nSlug: bai-dang-viet\n\nNháp.\n", encoding="utf-8"
    )
    result = new(tmp_path, "--title", "Bài đang viết", "--category", "Lý luận chính trị")
    assert result.returncode != 0
    assert "ban-nhap.md" in result.stderr


def test_an_unknown_category_is_refused_with_the_list(tmp_path):
    make_site(tmp_path)
    before = snapshot(tmp_path / "content")
    result = new(tmp_path, "--title", "Tin mới", "--category", "Thời sự")
    assert result.returncode != 0
    assert "chuyên mục 'Thời sự' không có trong danh sách" in result.stderr
    assert "Tuyên giáo các cấp; Tin từ các đơn vị" in result.stderr
    assert snapshot(tmp_path / "content") == before


def test_a_title_without_letters_is_refused(tmp_path):
    result = new(tmp_path, "--title", "… !!! …", "--category", "Lý luận chính trị")
    assert result.returncode != 0
    assert "không có chữ hay số" in result.stderr


def test_a_title_too_long_for_a_file_name_is_refused(tmp_path):
    result = new(
        tmp_path, "--title", "Nâng cao chất lượng " * 15, "--category", "Lý luận chính trị"
    )
    assert result.returncode != 0
    assert "tiêu đề quá dài để làm đường dẫn (299 ký tự không dấu, tối đa 200)" in result.stderr
    assert not list((tmp_path / "content" / "articles" / "ly-luan-chinh-tri").glob("nang-cao-*"))


def test_without_a_terminal_nothing_is_asked(tmp_path):
    """In CI, or with stdin from a pipe, a missing value is an error, not a hang."""
    no_title = new(tmp_path, "--category", "Lý luận chính trị", env={"CI": "true"})
    assert no_title.returncode != 0
    assert (
        'thiếu tiêu đề: chạy make new TITLE="Tiêu đề bài" CATEGORY="Tên chuyên mục"'
        in no_title.stderr
    )
    no_category = new(tmp_path, "--title", "Tin mới", stdin=subprocess.PIPE)
    assert no_category.returncode != 0
    assert "thiếu chuyên mục" in no_category.stderr
    assert not list((tmp_path / "content").rglob("tin-moi.md"))


def test_at_a_terminal_title_and_category_are_asked(tmp_path):
    controller, terminal = pty.openpty()
    try:
        os.write(controller, "Hội thi báo cáo viên giỏi\n3\n".encode())
        result = new(tmp_path, stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 0, result.stderr
    assert "3. Lý luận chính trị" in result.stderr
    path = tmp_path / result.stdout.strip()
    assert path == tmp_path / "content/articles/ly-luan-chinh-tri/hoi-thi-bao-cao-vien-gioi.md"
    assert read_source(path).metadata["category"][0] == "Lý luận chính trị"


VIETNAMESE_WORD = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắầẩễộớờởỡợúùủũụứừửữựýỳỷỹỵ0123456789",
    min_size=1,
    max_size=8,
)


@hypothesis_settings(max_examples=25, deadline=None)
@given(
    words=st.lists(VIETNAMESE_WORD, min_size=1, max_size=6),
    variant=st.sampled_from([str.upper, str.title, vntext.fold, lambda title: f"  {title} !"]),
)
def test_any_title_is_created_once_then_refused(words, variant):
    """The second time, any spelling with the same slug is refused and nothing is written."""
    title = " ".join(words)
    with tempfile.TemporaryDirectory() as folder:
        settings = str(make_site(Path(folder)))
        articles = Path(folder) / "content" / "articles"
        assume(vntext.slugify(title) not in {path.stem for path in articles.rglob("*.md")})
        first = new_article.main(
            ["--settings", settings, "--title", title, "--category", "Tuyên giáo các cấp"]
        )
        created = articles / "tuyen-giao-cac-cap" / f"{vntext.slugify(title)}.md"
        assert first == 0
        assert read_source(created).metadata["title"][0] == " ".join(
            vntext.normalize(title).split()
        )
        before = snapshot(articles)
        second = new_article.main(
            ["--settings", settings, "--title", variant(title), "--category", "Lý luận chính trị"]
        )
        assert second == 1
        assert snapshot(articles) == before
