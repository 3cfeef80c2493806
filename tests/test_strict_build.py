"""A build never drops content silently: bad files stop it, naming file, line and fix."""

import subprocess
import sys
from pathlib import Path

import pytest
from site_pages import GOOD_ARTICLE, ROOT, SETTINGS_FILE

GOOD = GOOD_ARTICLE


def build(tmp_path: Path, files: dict[str, str | bytes]) -> subprocess.CompletedProcess:
    """`pelican` as `make html` runs it, on a content folder holding only `files`.

    Pelican logs to stdout and our checks to stderr: both are read as one stream.
    """
    content = tmp_path / "content"
    for name, text in files.items():
        path = content / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(SETTINGS_FILE),
            "-o",
            str(tmp_path / "output"),
            "--fatal",
            "warnings",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"COLUMNS": "250", "PATH": ""},
        timeout=120,
    )


def without(key: str) -> str:
    return "".join(line for line in GOOD.splitlines(keepends=True) if not line.startswith(key))


def test_a_good_article_builds(tmp_path):
    result = build(tmp_path, {"good.md": GOOD})
    assert result.returncode == 0, result.stdout
    assert (
        tmp_path / "output" / "tin" / "2023" / "hoi-nghi-bao-cao-vien-thang-12" / "index.html"
    ).exists()


@pytest.mark.parametrize(
    "files, bad_file, line, words",
    [
        ({"no-title.md": without("Title:")}, "no-title.md", 1, "thiếu trường Title"),
        ({"no-date.md": without("Date:")}, "no-date.md", 1, "thiếu trường Date"),
        (
            {"bad-date.md": GOOD.replace("2023-12-12 16:13", "hôm qua")},
            "bad-date.md",
            2,
            "hãy viết 2023-12-12 16:13 hoặc 12/12/2023 16:13",
        ),
        (
            {"bad-category.md": GOOD.replace("Tin từ các đơn vị", "Tin tuc")},
            "bad-category.md",
            3,
            "PORTAL_CATEGORIES",
        ),
        (
            {"a.md": GOOD, "b.md": GOOD.replace("Date: 2023-12-12", "Date: 2023-12-13")},
            "b.md",
            1,
            "trùng với",
        ),
        (
            {"typo.md": GOOD.replace("Source:", "Soruce:")},
            "typo.md",
            6,
            "trường 'soruce' không được hỗ trợ",
        ),
        (
            {"twice.md": GOOD.replace("Tags:", "Title: Lần hai\nTags:")},
            "twice.md",
            4,
            "đã khai báo ở dòng 1",
        ),
        (
            {
                "latin1.md": GOOD.replace("Nội dung", "Noi dung").encode("utf-8")
                + "cà phê\n".encode("latin-1")
            },
            "latin1.md",
            10,
            "không phải UTF-8",
        ),
        ({"note.txt": GOOD}, "note.txt", 1, "đổi tên thành note.md"),
    ],
    ids=[
        "no-title",
        "no-date",
        "unreadable-date",
        "unknown-category",
        "duplicate-slug",
        "unknown-key",
        "repeated-key",
        "not-utf8",
        "not-markdown",
    ],
)
def test_bad_content_stops_the_build_with_file_line_and_fix(tmp_path, files, bad_file, line, words):
    result = build(tmp_path, files)
    assert result.returncode != 0
    assert f"{bad_file}:{line}: " in result.stdout
    assert words in result.stdout
    assert not (tmp_path / "output").exists(), "nothing is written when content is refused"


def test_every_problem_is_listed_at_once(tmp_path):
    result = build(
        tmp_path,
        {"no-title.md": without("Title:"), "bad-date.md": GOOD.replace("2023-12-12", "12-12")},
    )
    assert result.returncode != 0
    assert "2 lỗi" in result.stdout
    assert "no-title.md:1:" in result.stdout and "bad-date.md:2:" in result.stdout


def test_a_pelican_warning_fails_the_build_and_names_the_file(tmp_path):
    broken_link = GOOD + "\nXem [bài cũ]({filename}khong-co-bai-nay.md).\n"
    result = build(tmp_path, {"broken-link.md": broken_link})
    assert result.returncode != 0
    assert "khong-co-bai-nay.md" in result.stdout
    assert "broken-link.md" in result.stdout


def test_drafts_are_not_published(tmp_path):
    draft = GOOD.replace("Tags:", "Status: draft\nTags:")
    result = build(tmp_path, {"good.md": GOOD.replace("tháng 12", "tháng 11"), "draft.md": draft})
    assert result.returncode == 0, result.stdout
    assert not list((tmp_path / "output").rglob("hoi-nghi-bao-cao-vien-thang-12"))


def test_future_articles_wait_for_their_date(tmp_path):
    later = GOOD.replace("2023-12-12", "2099-01-02").replace("tháng 12", "năm 2099")
    result = build(tmp_path, {"now.md": GOOD, "later.md": later})
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "output" / "tin" / "2023" / "hoi-nghi-bao-cao-vien-thang-12").is_dir()
    assert not list((tmp_path / "output").rglob("*nam-2099*"))
