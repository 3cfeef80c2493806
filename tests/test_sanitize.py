"""Pasted HTML never reaches readers as script: known XSS payloads through the real reader."""

import pytest
from bs4 import BeautifulSoup
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
    and not any(s in p for s in ('" javascript', "java\tscript", "\x00"))
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


# Frame sources that Python's URL parser and a browser read differently, or that hide
# another host: each is dropped, or kept only if Chromium itself loads an allowed host.
IFRAME_SOURCES = [
    "https://evil.example\\@www.youtube.com/embed/abc",
    "https://www.youtube.com\\@evil.example/embed/abc",
    "https:\\\\evil.example/embed/abc",
    "https://www.youtube.com@evil.example/embed/abc",
    "https://user:pass@www.youtube.com/embed/abc",
    "https://www.youtube.com.evil.example/embed/abc",
    "https://www.youtube.com%2eevil.example/embed/abc",
    "https://evil.example/#https://www.youtube.com/embed/abc",
    "//evil.example/embed/abc",
    "http://www.youtube.com/embed/abc",
    "https://www.you\ttube.com/embed/abc",
    " https://WWW.YOUTUBE.COM/embed/abc",
    "https://www.youtube.com:443/embed/abc",
    "https://www.youtube.com/embed/abc",
]


def iframe_hosts_in_chromium(browser, html: str) -> list[str]:
    """The host each iframe of the HTML would load, as Chromium parses its src."""
    page = browser.new_page()
    page.route("**/*", lambda route: route.abort())  # nothing is fetched
    page.set_content(html)
    hosts = page.eval_on_selector_all(
        "iframe", "frames => frames.map(f => new URL(f.src).hostname)"
    )
    page.close()
    return hosts


def test_iframes_are_checked_as_a_browser_reads_their_url(browser):
    html = "".join(
        f'<p><iframe src="{source}" title="Video {number}"></iframe></p>'
        for number, source in enumerate(IFRAME_SOURCES)
    )
    clean = sanitize(html, HOSTS)
    kept = parse_html(clean).find_all("iframe")
    assert 1 <= len(kept) < len(IFRAME_SOURCES)
    assert set(iframe_hosts_in_chromium(browser, clean)) == {"www.youtube.com"}
    assert "https://www.youtube.com/embed/abc" in {frame["src"] for frame in kept}


def test_feeds_carry_the_same_sanitised_iframes_as_pages(tmp_path, browser):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    # A source starting with a space is refused by the checks already (a relative link).
    sources = [s for s in IFRAME_SOURCES if not s.startswith(" ")]
    frames = "\n\n".join(f'<iframe src="{s}" title="Video"></iframe>' for s in sources)
    (content / "video.md").write_text(
        "Title: Phóng sự\nDate: 2023-12-12 16:13\nCategory: Tin từ các đơn vị\n\n" + frames + "\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", content=tmp_path / "content")
    feed = BeautifulSoup((site.output / "feeds/tat-ca.atom.xml").read_text(encoding="utf-8"), "xml")
    feed_html = feed.find("entry").find("content").get_text()
    page_html = str(site.page("/tin/2023/phong-su/").find(class_="article__body"))
    for html in (feed_html, page_html):
        assert set(iframe_hosts_in_chromium(browser, html)) == {"www.youtube.com"}
    assert [f["src"] for f in parse_html(feed_html).find_all("iframe")] == [
        f["src"] for f in parse_html(page_html).find_all("iframe")
    ]
