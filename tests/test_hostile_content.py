"""Every field of every content file is untrusted: an editor's value is printed as text,
refused with its file and line, and never reaches a reader as script or the disk as a path.

The site is built through the real command (`pelican ... --fatal warnings`, as `make html`
runs it) and read as a reader's browser reads it: parsed, then opened in Chromium with
the site's Content-Security-Policy on and off (off proves the escaping, not the policy).
"""

import os
import struct
import subprocess
import sys
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile import PAYLOADS, scriptable
from pelican.readers import ensure_metadata_list
from site_pages import JPEG, ROOT, SETTINGS_FILE, parse_html

import vntext

CATEGORIES = [
    "Tuyên giáo các cấp",
    "Tin từ các đơn vị",
    "Lý luận chính trị",
    "Học tập và làm theo Bác",
    "Bảo vệ nền tảng tư tưởng của Đảng",
]
# Values a header line cannot carry: a NUL is refused (see test_refused_values).
HEADER_PAYLOADS = [p for p in PAYLOADS if "\x00" not in p]
THEME_SCRIPTS = {"/theme/js/print.js", "/theme/js/day_picker.js", "/theme/js/search.js"}


def article(number: int, payload: str) -> str:
    """One article with the payload in every free-text field."""
    day = date(2023, 1, 1) + timedelta(days=number)
    return (
        f"Title: {payload} – bài {number}\n"
        f"Date: {day:%Y-%m-%d} 08:00\n"
        f"Category: {CATEGORIES[number % len(CATEGORIES)]}\n"
        f"Tags: {payload} thẻ, thẻ chung\n"
        f"Author: {payload} tác giả\n"
        f"Author_role: {payload}\n"
        f"Source: {payload}\n"
        f"Province: {payload}\n"
        f"Image: {{static}}/images/anh.jpg\n"
        f"Image_alt: {payload}\n"
        f"Summary: {payload}\n"
        f"Slug: bai-{number}\n"
        "\n"
        f"Bài {number} triển khai Quy định số 208-QĐ/TW của Ban Bí thư.\n"
    )


def pelican(content: Path, output: Path, *settings: str) -> subprocess.CompletedProcess:
    """The build as `make html` runs it; Pelican's log and our checks read as one stream."""
    extra = [f"--extra-settings={s}" for s in settings]
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(SETTINGS_FILE), "-o", str(output), "--fatal", "warnings", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={"COLUMNS": "250", "PATH": os.environ["PATH"]},
        timeout=600,
    )  # fmt: skip


def check(content: Path, folder: Path) -> subprocess.CompletedProcess:
    """`make check`'s first command on this content."""
    settings = folder / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nPATH = {str(content)!r}\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "content_intake", str(settings)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"]},
        timeout=120,
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    content = folder / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "anh.jpg").write_bytes(JPEG)
    for number, payload in enumerate(HEADER_PAYLOADS):
        path = content / "articles" / f"bai-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(number, payload), encoding="utf-8")
    result = pelican(content, folder / "output")
    assert result.returncode == 0, result.stdout[-3000:]
    return folder / "output"


def test_no_page_or_feed_carries_injected_markup(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > len(HEADER_PAYLOADS)
    for page in pages:
        assert scriptable(page.read_text(encoding="utf-8"), THEME_SCRIPTS) == [], page
    feeds = sorted(hostile_site.rglob("*.atom.xml"))
    assert feeds
    for feed in feeds:
        xml = BeautifulSoup(feed.read_text(encoding="utf-8"), "xml")
        for node in xml.find_all(["content", "summary"]):  # type="html"
            assert scriptable(node.get_text()) == [], (feed, node.name)


def shown(text: str) -> str:
    """Text as a browser shows it: runs of whitespace are one space."""
    return " ".join(text.split())


def test_every_field_is_shown_exactly_as_typed(hostile_site):
    """Escaped once: not run, not lost, not shown as &amp;lt;; in pages and in feeds."""
    feed = BeautifulSoup(
        (hostile_site / "feeds" / "tat-ca.atom.xml").read_text(encoding="utf-8"), "xml"
    )
    feed_titles = {entry.link["href"]: entry.title.get_text() for entry in feed.find_all("entry")}
    for number, payload in enumerate(HEADER_PAYLOADS):
        url = f"/tin/2023/bai-{number}/"
        page = parse_html(
            (hostile_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        )
        typed = shown(vntext.normalize(payload))
        if url in feed_titles:  # the newest 50
            assert shown(feed_titles[url]) == f"{typed} – bài {number}"
        assert shown(page.find("h1").get_text()) == f"{typed} – bài {number}"
        assert shown(page.find(class_="article__author").get_text()) == f"{typed} tác giả"
        assert shown(page.find(class_="article__author-role").get_text()) == typed
        assert shown(page.find(class_="article__source").get_text()).startswith(f"Nguồn: {typed}")
        assert shown(page.find(class_="article__lead-image").find("img")["alt"]) == typed
        tags = [shown(a.get_text()) for a in page.select(".article__tags a")]
        assert tags == ensure_metadata_list(
            f"{typed} thẻ, thẻ chung"
        )  # Pelican splits on ";" first
        assert shown(page.find("title").get_text()).startswith(typed)


def test_a_document_page_lists_its_citing_titles_as_text(hostile_site):
    documents = [
        p for p in (hostile_site / "van-ban").glob("*/index.html") if "208" in p.parent.name
    ]
    assert documents
    page = parse_html(documents[0].read_text(encoding="utf-8"))
    titles = [h3.get_text() for h3 in page.select(".regulation__citing-title")]
    assert f"{vntext.normalize(HEADER_PAYLOADS[0])} – bài 0" in titles


def pages_to_open(output: Path) -> list[str]:
    """Every kind of page a payload reaches: lists, archives, tags, documents, articles."""
    urls = ["/", "/tu-khoa/", "/van-ban/", "/luu-tru/", "/2023/", "/2023/01/", "/2023/01/02/"]
    urls += [
        f"/chuyen-muc/{p.parent.name}/"
        for p in sorted((output / "chuyen-muc").glob("*/index.html"))
    ]
    urls += [
        f"/van-ban/{p.parent.name}/" for p in sorted((output / "van-ban").glob("*/index.html"))
    ]
    urls += [
        f"/tu-khoa/{p.parent.name}/" for p in sorted((output / "tu-khoa").glob("*/index.html"))
    ][:10]
    urls += [f"/tin/2023/bai-{n}/" for n in range(len(HEADER_PAYLOADS))]
    return urls


@pytest.mark.parametrize("policy", ["on", "off"])
def test_nothing_runs_or_leaves_the_site_in_chromium(hostile_site, browser, policy):
    import browser as browser_tools

    with browser_tools.serve(hostile_site) as base:
        context = browser.new_context(bypass_csp=policy == "off")
        page = context.new_page()
        away, dialogs = [], []
        page.on(
            "request",
            lambda request: (
                away.append(request.url) if not request.url.startswith((base, "data:")) else None
            ),
        )
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        urls = pages_to_open(hostile_site)
        if policy == "on":
            urls = urls[: -len(HEADER_PAYLOADS)] + urls[-5:]  # the articles are alike
        for url in urls:
            page.goto(base + url)
            page.wait_for_load_state("load")
            page.mouse.move(5, 5)  # pointer and hover handlers, had any survived
            page.keyboard.press("Tab")
            assert page.evaluate("document.documentElement.dataset.pwned") is None, url
            assert page.url == base + url, f"{url} sent the reader to {page.url}"
        context.close()
    assert away == [] and dialogs == []


# --- Values that are refused, each with its file, its line and what to write instead.

GOOD = (
    "Title: Hội nghị báo cáo viên\nDate: 2023-12-12 16:13\nCategory: Tin từ các đơn vị\n"
    "Tags: báo cáo viên\nAuthor: Quang Minh\nSource: Ban Tuyên giáo\nSummary: Tóm tắt.\n"
    "\nNội dung.\n"
)


def with_line(line: str, replacing: str | None = None) -> str:
    """GOOD with a header line added after Date (line 3), or replacing one."""
    if replacing:
        return "".join(
            line + "\n" if old.startswith(replacing + ":") else old for old in GOOD.splitlines(True)
        )
    lines = GOOD.splitlines(True)
    return "".join(lines[:2] + [line + "\n"] + lines[2:])


REFUSED = {
    # Slugs: a quote, a path, anything but ASCII letters, digits and hyphens.
    "slug-quote": (
        with_line('Slug: x"><script src=/files/y.js></script>'),
        3,
        "chỉ viết chữ thường không dấu",
    ),
    "slug-home": (with_line("Slug: ../.."), 3, "không dùng được trong đường dẫn"),
    "slug-category": (
        with_line("Slug: ../../chuyen-muc/tuyen-giao-cac-cap"),
        3,
        "ví dụ 'Slug: chuyen-muc-tuyen-giao-cac-cap'",
    ),
    "slug-outside": (with_line("Slug: ../../../x"), 3, "không dùng được trong đường dẫn"),
    "slug-absolute": (with_line("Slug: /etc/passwd"), 3, "không dùng được trong đường dẫn"),
    "slug-folder": (with_line("Slug: tin/bai"), 3, "ví dụ 'Slug: tin-bai'"),
    "slug-accents": (with_line("Slug: hội-nghị"), 3, "ví dụ 'Slug: hoi-nghi'"),
    "slug-encoded": (with_line("Slug: %2e%2e"), 3, "không dùng được trong đường dẫn"),
    "slug-backslash": (with_line("Slug: x\\y"), 3, "không dùng được trong đường dẫn"),
    "slug-space": (with_line("Slug: hoi nghi"), 3, "ví dụ 'Slug: hoi-nghi'"),
    "slug-upper": (with_line("Slug: Hoi-Nghi"), 3, "ví dụ 'Slug: hoi-nghi'"),
    "slug-long": (with_line("Slug: " + "a-" * 150 + "b"), 3, "quá 200 ký tự"),
    "title-long": (
        GOOD.replace("Hội nghị báo cáo viên", "Hội nghị " * 35),
        1,
        "thêm dòng 'Slug: hoi-nghi-hoi-nghi",
    ),
    "title-no-letters": (
        GOOD.replace("Hội nghị báo cáo viên", "… !!! …"),
        1,
        "không có chữ hay số nào để làm đường dẫn",
    ),
    # Images: inside content/images/, an image, a real one.
    "image-quote": (
        with_line('Image: {static}/images/a".jpg\nImage_alt: Ảnh'),
        3,
        "không tìm thấy ảnh đại diện",
    ),
    "image-outside": (
        with_line("Image: {static}/../pelicanconf.py\nImage_alt: Ảnh"),
        3,
        "phải là một ảnh trong content/images/",
    ),
    "image-system": (
        with_line("Image: /etc/passwd\nImage_alt: Ảnh"),
        3,
        "phải là một ảnh trong content/images/",
    ),
    "image-document": (
        with_line("Image: {static}/files/ke-hoach.pdf\nImage_alt: Ảnh"),
        3,
        "phải là một ảnh trong content/images/",
    ),
    "image-script-url": (
        with_line("Image: javascript:alert(1)\nImage_alt: Ảnh"),
        3,
        "phải là một ảnh trong content/images/",
    ),
    "image-other-host": (
        with_line("Image: https://evil.example/a.jpg\nImage_alt: Ảnh"),
        3,
        "phải là một ảnh trong content/images/",
    ),
    "image-fake": (
        with_line("Image: {static}/images/gia.jpg\nImage_alt: Ảnh"),
        3,
        "không tìm thấy ảnh đại diện",
    ),
    "image-no-alt": (
        with_line("Image: {static}/images/that.jpg"),
        3,
        "thiếu mô tả: thêm dòng 'Image_alt",
    ),
    # Fields this site does not use, and values outside their list.
    "template": (with_line("Template: ../../etc/passwd"), 3, "mọi bài dùng cùng một mẫu trang"),
    "translation": (with_line("Translation: true"), 3, "không có bản dịch"),
    "lang": (with_line("Lang: en"), 3, "trang chỉ có tiếng Việt"),
    "authors": (with_line("Authors: A, B"), 3, "dùng một dòng 'Author: ...'"),
    "save-as": (with_line("Save_as: index.html"), 3, "địa chỉ bài lấy từ Slug"),
    "status-skip": (with_line("Status: skip"), 3, "trạng thái 'skip' không có"),
    "status-hidden": (with_line("Status: hidden"), 3, "trạng thái 'hidden' không có"),
    "status-script": (with_line("Status: <script>"), 3, "trạng thái '<script>' không có"),
    "category": (
        GOOD.replace("Tin từ các đơn vị", "<script>alert(1)</script>"),
        3,
        "không có trong danh sách",
    ),
    "date-impossible": (GOOD.replace("2023-12-12 16:13", "2023-02-30"), 2, "không có thật"),
    "date-script": (GOOD.replace("2023-12-12 16:13", "<script>"), 2, "không đọc được ngày"),
    "modified": (with_line("Modified: hôm qua"), 3, "không đọc được ngày 'hôm qua'"),
    "author-no-letters": (GOOD.replace("Quang Minh", "!!!"), 5, "không có chữ hay số nào"),
    "tag-no-letters": (
        GOOD.replace("báo cáo viên", 'báo cáo viên, "><'),
        4,
        "từ khóa '\"><' không có chữ hay số",
    ),
    "nul": (GOOD.replace("Quang Minh", "Quang\x00Minh"), 5, "ký tự điều khiển"),
    "escape": (GOOD.replace("Tóm tắt.", "Tóm \x1b[31mtắt"), 7, "ký tự điều khiển"),
    # Header lines that would silently end the header.
    "key-with-accents": (
        with_line("Nguồn tin: Báo Hòa Bình"),
        3,
        "dòng 'Nguồn tin: Báo Hòa Bình' không đọc được như một trường",
    ),
    "key-with-space": (with_line("Ngay dang : 2023"), 3, "không đọc được như một trường"),
    "unknown-key": (with_line("Catgory: Tin"), 3, "trường 'catgory' không được hỗ trợ"),
    # Links that leave content/ or point at what is not published.
    "link-outside": (
        GOOD + "\n[x]({static}/../pelicanconf.py)\n",
        11,
        "trỏ ra ngoài thư mục content/",
    ),
    "link-data-file": (
        GOOD + "\n[x]({static}/data/regulations.yaml)\n",
        11,
        "không được đăng như tệp tĩnh",
    ),
    "link-source": (GOOD + "\n[x]({static}/articles/b.md)\n", 11, "không được đăng như tệp tĩnh"),
    "inline-non-image": (
        GOOD + "\n![Kế hoạch]({static}/files/ke-hoach.pdf)\n",
        11,
        "không phải ảnh",
    ),
    "html-non-image": (
        GOOD + '\n<img alt="Kế hoạch" src="/files/ke-hoach.pdf">\n',
        11,
        "không phải ảnh",
    ),
    # Markdown that would stall the build.
    "nesting": (
        GOOD + "\n" + "".join("    " * i + "- mục\n" for i in range(300)),
        23,
        "lồng nhau 13 tầng",
    ),
    "quotes": (GOOD + "\n" + ">" * 5000 + " trích\n", 11, "lồng nhau 5000 tầng"),
    "brackets": (GOOD + "\n" + "[" * 20000 + "\n", 11, "hơn 400 dấu ["),
    "footnotes": (GOOD + "\n" + "[^1]" * 5000 + "\n\n[^1]: chú thích\n", 11, "hơn 400 dấu ["),
}


def bomb_png(width: int, height: int) -> bytes:
    """A PNG whose header claims width×height pixels: a few bytes, gigabytes once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


# Hostile files beside the articles: path under content/ -> (line, words) of its refusal.
FILE_CASES = {
    "images/gia.jpg": (1, "không phải ảnh JPEG đọc được"),
    "images/bom.png": (1, "quá lớn để xử lý"),
    "images/lon.png": (1, "ảnh 9000×9000 điểm ảnh, quá lớn"),
    'images/a".jpg': (1, "đổi tên thành content/images/a.jpg"),
    "images/ảnh hội nghị.jpg": (1, "đổi tên thành content/images/anh-hoi-nghi.jpg"),
    "images/ve.svg": (1, "loại tệp '.svg' không được đăng"),
    "images/anh.png": (1, "có đuôi .png nhưng là ảnh JPEG: đổi đuôi tệp thành .jpg"),
    "files/y.js": (1, "loại tệp '.js' không được đăng"),
    "files/trang.html": (1, "loại tệp '.html' không được đăng"),
    "files/passwd.txt": (1, "liên kết (symlink)"),
    "files/ong.txt": (1, "không phải tệp thường"),
    "articles/lien-ket": (1, "thư mục này là liên kết (symlink)"),
    "articles/.an.md": (1, "tệp ẩn"),
    "articles/.git-thu-muc": (1, "thư mục ẩn"),
    "articles/HOA.MD": (1, "đổi tên thành HOA.md"),
    "articles/bai.markdown": (1, "đổi tên thành bai.md"),
    "bai-o-goc.md": (1, "bài viết phải nằm trong content/articles/"),
    "anh-o-goc.jpg": (1, "phải nằm trong content/images/"),
    "404.html": (1, "trang không dùng loại tệp này"),
    "data/ghi-chu.txt": (1, "chỉ chứa tệp YAML"),
    "elsewhere/bai.md": (1, "bài viết phải nằm trong content/articles/"),
}


def make_hostile_files(content: Path) -> None:
    """The files of FILE_CASES, beside the articles."""
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "files").mkdir(parents=True, exist_ok=True)
    (content / "images" / "that.jpg").write_bytes(JPEG)
    (content / "images" / "gia.jpg").write_bytes(b"<html><script>alert(1)</script>")
    (content / "images" / "bom.png").write_bytes(bomb_png(60_000, 60_000))
    (content / "images" / "lon.png").write_bytes(bomb_png(9_000, 9_000))
    (content / "images" / 'a".jpg').write_bytes(JPEG)
    (content / "images" / "ảnh hội nghị.jpg").write_bytes(JPEG)
    (content / "images" / "ve.svg").write_text('<svg onload="alert(1)"/>', encoding="utf-8")
    (content / "images" / "anh.png").write_bytes(JPEG)
    (content / "files" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "files" / "y.js").write_text(
        "document.documentElement.dataset.pwned=1", encoding="utf-8"
    )
    (content / "files" / "trang.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (content / "files" / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(content / "files" / "ong.txt")
    (content / "elsewhere").mkdir()
    (content / "elsewhere" / "bai.md").write_text(
        GOOD.replace("viên", "viên ngoài"), encoding="utf-8"
    )
    (content / "articles" / "lien-ket").symlink_to(content / "elsewhere", target_is_directory=True)
    (content / "articles" / ".an.md").write_text(GOOD.replace("viên", "viên ẩn"), encoding="utf-8")
    (content / "articles" / ".git-thu-muc").mkdir()
    (content / "articles" / "HOA.MD").write_text(GOOD.replace("viên", "viên hoa"), encoding="utf-8")
    (content / "articles" / "bai.markdown").write_text(
        GOOD.replace("viên", "viên dài"), encoding="utf-8"
    )
    (content / "bai-o-goc.md").write_text(GOOD.replace("viên", "viên gốc"), encoding="utf-8")
    (content / "anh-o-goc.jpg").write_bytes(JPEG)
    (content / "404.html").write_text("{{ 7*7 }}", encoding="utf-8")
    (content / "data").mkdir(exist_ok=True)
    (content / "data" / "regulations.yaml").write_bytes(
        (ROOT / "content/data/regulations.yaml").read_bytes()
    )
    (content / "data" / "ghi-chu.txt").write_text("x", encoding="utf-8")


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    """One content folder holding every refused value and file: one check, one build."""
    folder = tmp_path_factory.mktemp("refused")
    content = folder / "content"
    (content / "articles").mkdir(parents=True)
    for name, (text, _, _) in REFUSED.items():
        # A title of its own, so that no two cases share a URL.
        text = text.replace(
            "Title: Hội nghị báo cáo viên\n", f"Title: Hội nghị báo cáo viên {name}\n"
        )
        (content / "articles" / f"{name}.md").write_text(text, encoding="utf-8")
    (content / "articles" / "b.md").write_text(GOOD.replace("viên", "viên b"), encoding="utf-8")
    make_hostile_files(content)
    return folder, content, check(content, folder)


EXPECTED = {
    f"articles/{name}.md": (line, words) for name, (_, line, words) in REFUSED.items()
} | FILE_CASES


@pytest.mark.parametrize("relative", EXPECTED)
def test_refused_values_name_the_file_the_line_and_the_fix(refused, relative):
    _, content, result = refused
    assert result.returncode == 1
    line, words = EXPECTED[relative]
    rows = [
        row
        for row in result.stdout.splitlines()
        if row.startswith(f"{content / relative}:{line}: ")
    ]
    assert any(words in row for row in rows), (relative, line, words, result.stdout[-4000:])


def test_the_build_refuses_the_same_files_and_writes_nothing(refused):
    folder, content, _ = refused
    result = pelican(content, folder / "output")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout
    for relative in EXPECTED:
        assert str(content / relative) in result.stdout, relative
    assert not (folder / "output").exists()
    assert not (folder.parent / "x").exists() and not (folder.parent / "etc").exists()


@pytest.mark.parametrize(
    "settings, link",
    [
        # Pelican's own check compares strings: "output-thoat" starts with "output".
        (['ARTICLE_SAVE_AS="../output-thoat/{slug}.html"'], False),
        # A link left in the output folder (by a tool, or an attack) leads elsewhere.
        (["DELETE_OUTPUT_DIRECTORY=false"], True),
    ],
    ids=["prefix", "symlink"],
)
def test_the_writer_refuses_a_path_outside_the_output(tmp_path, settings, link):
    """A second line of defence, for what no content can do: settings, or the disk."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "bai.md").write_text(GOOD, encoding="utf-8")
    output = tmp_path / "site" / "output"
    output.mkdir(parents=True)
    (tmp_path / "thoat").mkdir()
    if link:
        (output / "tin").symlink_to(tmp_path / "thoat", target_is_directory=True)
    result = pelican(content, output, *settings)
    assert result.returncode != 0
    assert "ghi ra ngoài thư mục trang web" in result.stdout, result.stdout[-2000:]
    assert "Traceback" not in result.stdout
    assert list((tmp_path / "thoat").iterdir()) == []
    assert not (tmp_path / "site" / "output-thoat").exists()
