"""Pasted HTML never reaches readers as script: known XSS payloads through the real reader."""

import pytest
from site_pages import build_site, parse_html

from content_intake.sanitize import sanitize

HOSTS = frozenset({"www.youtube.com"})

# From the classic filter-evasion lists: each must come out with no way to run script.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="&#106;avascript:alert(1)">bấm</a>',
    '<a href=" javascript:alert(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<a href="vbscript:msgbox(1)">bấm</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<body onload="alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<style>@import "javascript:alert(1)";</style>',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>gửi</button></form>',
    '<input onfocus="alert(1)" autofocus>',
    '<details open ontoggle="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>alert(1);//<</script>",
    '<img """><script>alert(1)</script>">',
    '<base href="javascript:alert(1)//">',
    '<video><source onerror="alert(1)"></video>',
    '<a href="#" onclick="alert(1)">bấm</a>',
]


def scriptable(html: str) -> list[str]:
    """Every place in the HTML where a browser could run script."""
    found = []
    for element in parse_html(html).find_all(True):
        if element.name in {
            "script",
            "object",
            "embed",
            "base",
            "meta",
            "link",
            "form",
            "style",
            "svg",
        }:
            found.append(element.name)
        for attribute, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if attribute.startswith("on") or attribute in {"style", "srcdoc", "formaction"}:
                found.append(f"{element.name}[{attribute}]")
            if attribute in {"href", "src", "action", "data", "poster"}:
                scheme = text.strip().lower().split(":", 1)[0]
                if ":" in text and scheme not in {"http", "https", "mailto", "tel"}:
                    found.append(f"{element.name}[{attribute}={text}]")
        if element.name == "iframe" and not element.get("src", "").startswith(
            "https://www.youtube.com/"
        ):
            found.append("iframe from another host")
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_defused(payload):
    assert scriptable(sanitize(f"<p>Trước {payload} sau</p>", HOSTS)) == []


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
BUILDABLE = [p for p in PAYLOADS if "<img" not in p and "&#" not in p and '" javascript' not in p]


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
