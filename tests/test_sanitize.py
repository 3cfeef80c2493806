"""Pasted HTML never reaches readers as script: known XSS payloads through the real reader."""

import pytest
from hostile import PAYLOADS, scriptable
from site_pages import build_site, parse_html

from content_intake.sanitize import sanitize

HOSTS = frozenset({"www.youtube.com"})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_defused(payload):
    assert scriptable(sanitize(f"<p>Trước {payload} sau</p>", HOSTS), iframe_hosts=HOSTS) == []


def test_the_text_around_a_payload_is_kept():
    text = parse_html(sanitize("<p>Trước <script>alert(1)</script>sau</p>", HOSTS)).get_text()
    assert text == "Trước sau"


def test_iframes_from_the_allowed_video_host_stay():
    html = sanitize(
        '<iframe src="https://www.youtube.com/embed/abc" title="Phóng sự"></iframe>', HOSTS
    )
    frame = parse_html(html).find("iframe")
    assert frame["src"] == "https://www.youtube.com/embed/abc"
    assert frame["title"] == "Phóng sự"


def test_ordinary_markup_is_unchanged():
    html = (
        '<p>Xem <a href="/tin/2023/x/">bài</a> và <img alt="Ảnh hội nghị" src="/images/a.jpg"></p>'
    )
    assert parse_html(sanitize(html, HOSTS)) == parse_html(html)


# The content checks refuse the rest outright (images without alt, links that are not URLs).
BUILDABLE = [
    p
    for p in PAYLOADS
    if "<img" not in p
    and "&#" not in p
    and not any(s in p for s in ('" javascript', "java\tscript"))
]


def test_the_build_publishes_pasted_html_without_script(tmp_path):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    body = "\n\n".join(f"Đoạn {number}: {payload}" for number, payload in enumerate(BUILDABLE))
    (content / "dan-tu-word.md").write_text(
        "Title: Bài dán từ trình duyệt\nDate: 2023-12-12 16:13\nCategory: Tin từ các đơn vị\n"
        "Summary: Tóm tắt <b onclick=alert(1)>ngắn</b>\n\n" + body + "\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", content=tmp_path / "content")
    page = site.page("/tin/2023/bai-dan-tu-trinh-duyet/")
    article = page.find("article") or page.find("main")
    assert "Đoạn 0" in article.get_text()
    for paragraph in article.find_all("p"):
        assert scriptable(str(paragraph)) == []
    assert page.find("script", src=False) is None, "no inline script anywhere on the page"
