"""Annotating article HTML: links on citations, and nothing else changed."""

import unicodedata

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

import vntext
from regulations import annotate
from regulations.find import default_finder
from regulations.knowledge import load
from regulations.models import Source
from regulations.resolve import Resolver


def annotated(html):
    page = annotate.scan(html, default_finder())
    source = Source("bài", vntext.parse_date("2024-01-01"), "Hòa Bình", page.citations)
    resolved = Resolver(load(), [], "Hòa Bình").resolve([source])
    return annotate.apply(page, resolved, lambda d: f"/van-ban/{d.key}/"), page


def soup(html):
    return BeautifulSoup(html, "lxml")


def test_each_citation_becomes_a_link_naming_its_document():
    out, _ = annotated(
        "<p>Thực hiện Quy định số 208-QĐi/TW ngày 08/11/2019 của Ban Bí thư và "
        "Thông tư 36/2018/TTBTC.</p>"
    )
    links = soup(out).select("a[data-regulation]")
    assert [(a["data-regulation"], a.get_text(), a["href"]) for a in links] == [
        ("208-QĐ/TW", "Quy định số 208-QĐi/TW", "/van-ban/208-qd-tw-2019/"),
        ("36/2018/TT-BTC", "Thông tư 36/2018/TTBTC", "/van-ban/36-2018-tt-btc/"),
    ]
    assert links[0]["title"].startswith("Quy định số 208-QĐ/TW ngày 8/11/2019 của Ban Bí thư")


def test_markup_is_otherwise_unchanged():
    html = (
        '<h2 id="a">Căn cứ</h2>\n<p class="lead">Theo <strong>Quy định 208-QĐ/TW</strong>, '
        "ngày 08/11/2019.<br>\nXem thêm <em>Nghị quyết số 35-NQ/TW</em> &amp; 9/9 huyện.</p>\n"
        "<ul><li>Kết luận số 66-KL/TW</li><li>Điều 3</li></ul>\n<table><tr><td>1</td></tr></table>"
    )
    out, _ = annotated(html)
    after = soup(out)
    assert len(after.select("a[data-regulation]")) == 3
    for link in after.select("a[data-regulation]"):
        link.unwrap()
    after.smooth()
    assert str(after) == str(soup(html))


def test_links_code_and_preformatted_text_are_left_alone():
    html = (
        '<p><a href="/x/">Quy định số 208-QĐ/TW</a> <code>35-NQ/TW</code></p>'
        "<pre>36/2018/TT-BTC</pre><p>Chỉ thị 05-CT/TW</p>"
    )
    out, _ = annotated(html)
    page = soup(out)
    assert [a["data-regulation"] for a in page.select("a[data-regulation]")] == ["05-CT/TW"]
    assert page.select_one("a[href='/x/']").get_text() == "Quy định số 208-QĐ/TW"
    assert page.code.get_text() == "35-NQ/TW" and page.pre.get_text() == "36/2018/TT-BTC"


def test_links_wrap_the_characters_as_written_in_nfd():
    html = "<p>" + unicodedata.normalize("NFD", "Thực hiện Nghị quyết số 35-NQ/TƯ.") + "</p>"
    out, _ = annotated(html)
    (link,) = soup(out).select("a[data-regulation]")
    assert link["data-regulation"] == "35-NQ/TW"
    assert link.get_text() == unicodedata.normalize("NFD", "Nghị quyết số 35-NQ/TƯ")


def test_unresolved_short_references_are_not_linked():
    out, parsed = annotated("<p>Theo Nghị quyết số 35, cán bộ phải học tập.</p>")
    assert len(parsed.citations) == 1 and out is None


def test_html_with_nothing_citation_shaped_is_not_parsed(monkeypatch):
    parses = []
    # Either way of reading a page counts: lxml events (scan) or a BeautifulSoup tree.
    for name in ("_read", "_parse"):
        real = getattr(annotate, name)
        monkeypatch.setattr(
            annotate, name, lambda html, real=real: parses.append(html) or real(html)
        )
    quiet = annotate.scan("<p>Ngày 17/12, 9/9 huyện mở 76.400 lớp/năm.</p>", default_finder())
    assert quiet.found == [] and parses == []
    annotate.scan("<p>Theo Quy định 208-QĐ/TW.</p>", default_finder())
    assert len(parses) == 1


def test_the_citing_sentence_is_taken_from_its_paragraph():
    _, parsed = annotated(
        "<p>Hội nghị diễn ra sáng nay. Các đại biểu quán triệt <strong>Quy định số "
        "208-QĐ/TW</strong> của Ban Bí thư. Sau đó thảo luận.</p>"
    )
    (found,) = parsed.found
    assert found.sentence == "Các đại biểu quán triệt Quy định số 208-QĐ/TW của Ban Bí thư."


def test_text_without_markup_is_annotated_too():
    out, _ = annotated("xem 208-QĐ/TW")
    assert [a["data-regulation"] for a in soup(out).select("a")] == ["208-QĐ/TW"]
    assert soup(out).get_text() == "xem 208-QĐ/TW"
    assert soup(out).p is None  # no paragraph added around bare text


TEXTS = [
    "Quy định số 208-QĐi/TW",
    "ngày 08/11/2019",
    " của Ban Bí thư ",
    "Nghị quyết số 35",
    "36/2018/TTBTC",
    "9/9 huyện",
    "Điều 3",
    " và ",
    "Kết luận 05-KL/TU",
    "0912-345-678",
    unicodedata.normalize("NFD", "Chỉ thị số 05-CT/TƯ"),
    "&amp; ",
    "1847/QĐ-TTg",
    ". ",
]
INLINE = st.one_of(
    st.sampled_from(TEXTS),
    st.sampled_from(TEXTS).map(lambda t: f"<strong>{t}</strong>"),
    st.sampled_from(TEXTS).map(lambda t: f'<a href="/x/">{t}</a>'),
    st.sampled_from(TEXTS).map(lambda t: f"<code>{t}</code>"),
)
BLOCK = st.one_of(
    st.lists(INLINE, min_size=1, max_size=8).map(lambda xs: "<p>" + "".join(xs) + "</p>"),
    st.lists(INLINE, min_size=1, max_size=4).map(
        lambda xs: "<ul>" + "".join(f"<li>{x}</li>" for x in xs) + "</ul>"
    ),
    st.sampled_from(TEXTS).map(lambda t: f"<pre>{t}</pre>"),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=6).map("\n".join))
def test_random_articles_keep_their_markup_and_never_link_inside_links_or_code(html):
    out, _ = annotated(html)
    after = soup(out if out is not None else html)
    for link in after.select("a[data-regulation]"):
        assert not link.find_parents(["a", "code", "pre"])
        assert link["title"] and link["href"].startswith("/van-ban/")
        link.unwrap()
    after.smooth()
    assert str(after) == str(soup(html))
