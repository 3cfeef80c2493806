"""The plugin in a whole-site build: links in articles, a page and a feed per document,
the index, and what the build reports. One build of small fixture articles per session.
"""

import logging
import textwrap
from itertools import pairwise
from urllib.parse import urlparse

import feedparser
import pytest
from pelican import signals
from site_pages import build_site

from portal.models import facts

PROVINCE_ARTICLES = {
    "quy-dinh-208": (
        "2019-12-17 17:30",
        None,
        """
        Hội nghị quán triệt Quy định số 208-QĐi/TW ngày 08/11/2019 của Ban Bí thư về chức
        năng, nhiệm vụ, tổ chức bộ máy của trung tâm chính trị cấp huyện và Kết luận số
        66-KL/TW của Ban Bí thư.

        Văn bản gốc: [Quy định 208-QĐ/TW](https://example.org/208) và mã `35-NQ/TW`.
        """,
    ),
    "nghe-an-ket-luan-05": (
        "2021-04-02 08:00",
        "Nghệ An",
        """
        Ban Thường vụ Tỉnh ủy Nghệ An ban hành Kết luận số 05-KL/TU ngày 12/3/2021 về đào
        tạo cán bộ. Các trung tâm thực hiện Quy định 208-QĐ/TW.
        """,
    ),
    "nghe-an-ket-luan-05-so-ket": (
        "2022-04-02 08:00",
        "Nghệ An",
        "Sơ kết một năm thực hiện Kết luận 05-KL/TU của Ban Thường vụ Tỉnh ủy.",
    ),
    "hoa-binh-ket-luan-05": (
        "2022-05-02 08:00",
        None,
        "Ban Thường vụ Tỉnh ủy Hòa Bình ban hành Kết luận số 05-KL/TU về công tác dân vận.",
    ),
    "nghi-quyet-18-nam-2018": (
        "2018-03-01 08:00",
        None,
        "Tỉnh ủy quán triệt Nghị quyết số 18-NQ/TW về sắp xếp tổ chức bộ máy.",
    ),
    "nghi-quyet-18-nam-2023": (
        "2023-03-01 08:00",
        None,
        """
        Tổng kết Nghị quyết 18-NQ/TW về đất đai. Trước đó, Nghị quyết số 18-NQ/TW ngày
        25/10/2017 đã được thực hiện.
        """,
    ),
    "nghi-quyet-35-rut-gon": (
        "2024-01-10 08:00",
        None,
        """
        Bộ Chính trị ban hành Nghị quyết số 35-NQ/TW. Sau 5 năm, Nghị quyết số 35 đã đi vào
        cuộc sống. Nghị quyết số 36 chưa được nhắc đầy đủ.
        """,
    ),
}

REGISTRY = """
- id: 208-QĐ/TW
  type: Quy định
  title: về chức năng, nhiệm vụ, tổ chức bộ máy của trung tâm chính trị cấp huyện
  date: 2019-11-08
  issuer: Ban Bí thư
  link: https://example.org/208
- id: 18-NQ/TW
  title: một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy
  date: 2017-10-25
  issuer: Ban Chấp hành Trung ương Đảng
- id: 18-NQ/TW
  title: về tiếp tục đổi mới, hoàn thiện thể chế, chính sách về đất đai
  date: 2022-06-16
  issuer: Ban Chấp hành Trung ương Đảng
"""

captured = {}


def _capture_regulations(generators):
    for generator in generators:
        for article in getattr(generator, "articles", []):
            captured[article.slug] = [d.id for d in facts(article).documents]


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append((record.levelno, record.getMessage()))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    content = tmp_path_factory.mktemp("regulations-content")
    (content / "articles").mkdir()
    (content / "data").mkdir()
    (content / "data" / "regulations.yaml").write_text(REGISTRY, encoding="utf-8")
    for slug, (date, province, body) in PROVINCE_ARTICLES.items():
        meta = [
            f"Title: Bài {slug}",
            f"Date: {date}",
            "Category: Tuyên giáo các cấp",
            f"Slug: {slug}",
        ]
        if province:
            meta.append(f"Province: {province}")
        text = "\n".join(meta) + "\n\n" + textwrap.dedent(body).strip() + "\n"
        (content / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    records = _Records()
    logger = logging.getLogger("regulations")
    logger.addHandler(records)
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    signals.all_generators_finalized.connect(_capture_regulations)
    try:
        site = build_site(
            tmp_path_factory.mktemp("regulations-site") / "output",
            content=content,
            PLUGINS=["portal", "content_intake", "regulations"],
        )
    finally:
        signals.all_generators_finalized.disconnect(_capture_regulations)
        logger.removeHandler(records)
        logger.setLevel(previous_level)
    site.records = records.messages
    return site


def article_links(site, slug, year):
    """The article body and its regulation links (the summary above it may repeat some)."""
    body = site.page(f"/tin/{year}/{slug}/").select_one(".article__body")
    return body, [(a["data-regulation"], a["href"]) for a in body.select("a[data-regulation]")]


def test_build_has_no_warnings_and_reports_unregistered_documents_as_info(built):
    assert built.warnings == []
    infos = [
        m for level, m in built.records if level == logging.INFO and "chưa có trong danh mục" in m
    ]
    assert len(infos) == 1
    assert "05-KL/TU" in infos[0] and "66-KL/TW" in infos[0]
    (unlinked,) = [m for level, m in built.records if "python -m regulations" in m]
    assert unlinked.startswith("0 trích dẫn mơ hồ, 1 trích dẫn rút gọn")  # "Nghị quyết số 36"


def test_citations_in_an_article_link_to_their_pages(built):
    page, links = article_links(built, "quy-dinh-208", 2019)
    assert [regulation for regulation, _ in links] == ["208-QĐ/TW", "66-KL/TW"]
    for _, href in links:
        assert built.file(href).exists()
    (first,) = page.select('a[data-regulation="208-QĐ/TW"]')
    assert first.get_text() == "Quy định số 208-QĐi/TW"
    assert "Ban Bí thư" in first["title"]


def test_existing_links_and_code_are_untouched(built):
    page, _ = article_links(built, "quy-dinh-208", 2019)
    original = page.select_one('a[href="https://example.org/208"]')
    assert original.get_text() == "Quy định 208-QĐ/TW" and not original.has_attr("data-regulation")
    assert page.select_one("code").get_text() == "35-NQ/TW"


def test_another_provinces_local_document_has_its_own_page(built):
    _, nghe_an = article_links(built, "nghe-an-ket-luan-05", 2021)
    _, nghe_an_again = article_links(built, "nghe-an-ket-luan-05-so-ket", 2022)
    _, hoa_binh = article_links(built, "hoa-binh-ket-luan-05", 2022)
    nghe_an_href = dict(nghe_an)["05-KL/TU"]
    assert dict(nghe_an_again)["05-KL/TU"] == nghe_an_href
    assert dict(hoa_binh)["05-KL/TU"] != nghe_an_href
    # Central documents are one page whichever province cites them.
    _, home_central = article_links(built, "quy-dinh-208", 2019)
    assert dict(nghe_an)["208-QĐ/TW"] == dict(home_central)["208-QĐ/TW"]
    page = built.page(nghe_an_href)
    assert page.h1.get_text(strip=True) == "Kết luận số 05-KL/TU (Nghệ An)"
    assert "Nghệ An" in page.select_one("dl").get_text(" ", strip=True)


def test_party_terms_give_two_pages_for_one_number(built):
    _, in_2018 = article_links(built, "nghi-quyet-18-nam-2018", 2018)
    _, in_2023 = article_links(built, "nghi-quyet-18-nam-2023", 2023)
    older = dict(in_2018)["18-NQ/TW"]
    newer, dated = [href for regulation, href in in_2023 if regulation == "18-NQ/TW"]
    assert older == dated != newer
    assert built.page(older).select_one("time")["datetime"] == "2017-10-25"
    assert built.page(newer).select_one("time")["datetime"] == "2022-06-16"


def test_short_references_link_to_the_earlier_full_citation(built):
    _, links = article_links(built, "nghi-quyet-35-rut-gon", 2024)
    assert [regulation for regulation, _ in links] == ["35-NQ/TW", "35-NQ/TW"]


def test_article_regulations_lists_distinct_documents_in_order(built):
    assert captured["quy-dinh-208"] == ["208-QĐ/TW", "66-KL/TW"]
    assert captured["nghi-quyet-35-rut-gon"] == ["35-NQ/TW"]
    assert captured["nghi-quyet-18-nam-2023"] == ["18-NQ/TW", "18-NQ/TW"]


def test_document_page_shows_facts_citing_articles_and_related_documents(built):
    page = built.page("/van-ban/208-qd-tw-2019/")
    assert page.h1.get_text(strip=True) == "Quy định số 208-QĐ/TW"
    facts = dict(
        zip(
            (dt.get_text(strip=True) for dt in page.select("dl dt")),
            (dd.get_text(" ", strip=True) for dd in page.select("dl dd")),
            strict=True,
        )
    )
    assert facts["Số hiệu"] == "208-QĐ/TW" and facts["Loại văn bản"] == "Quy định"
    assert facts["Cơ quan ban hành"] == "Ban Bí thư" and facts["Ngày ban hành"] == "8/11/2019"
    assert page.select_one("dd time")["datetime"] == "2019-11-08"
    citing = page.select(".regulation__citing-item")
    titles = [item.h3.get_text(strip=True) for item in citing]
    assert titles == ["Bài nghe-an-ket-luan-05", "Bài quy-dinh-208"]  # newest first
    assert citing[0].time["datetime"].startswith("2021-04-02")
    assert "Quy định 208-QĐ/TW" in citing[0].blockquote.get_text()
    related = [a["data-regulation"] for a in page.select(".regulation__related a")]
    assert sorted(related) == ["05-KL/TU", "66-KL/TW"]
    levels = [int(h.name[1]) for h in page.main.find_all(["h1", "h2", "h3"])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))
    crumbs = [a.get_text(strip=True) for a in page.select("nav.breadcrumbs a")]
    assert crumbs[:2] == ["Trang chủ", "Văn bản"]


def test_unregistered_document_takes_its_facts_from_citing_sentences(built):
    page = built.page(dict(article_links(built, "nghe-an-ket-luan-05", 2021)[1])["05-KL/TU"])
    assert page.select_one("dd time")["datetime"] == "2021-03-12"
    assert page.select_one(".regulation__subject").get_text(strip=True) == "về đào tạo cán bộ"
    assert page.select_one(".regulation__note") is not None


def test_index_groups_documents_by_type_and_issuer_with_counts(built):
    page = built.page("/van-ban/")
    groups = {section.h2["id"]: section for section in page.select("section.regulations__type")}
    assert list(groups)[:2] == ["nghi-quyet", "quy-dinh"]
    resolutions = groups["nghi-quyet"]
    issuers = [h3.get_text(strip=True) for h3 in resolutions.select("h3")]
    assert issuers == ["Ban Chấp hành Trung ương Đảng"]
    counts = {
        a["href"]: int(a.find_next_sibling("span")["data-citations"])
        for a in resolutions.select("a[data-regulation]")
    }
    assert counts == {
        "/van-ban/18-nq-tw-2022/": 1,
        "/van-ban/18-nq-tw-2017/": 2,
        "/van-ban/35-nq-tw/": 1,
    }
    kl_issuers = [h3.get_text(strip=True) for h3 in groups["ket-luan"].select("h3")]
    assert "Ban Thường vụ Tỉnh ủy (Nghệ An)" in kl_issuers


def test_each_document_has_an_atom_feed_of_its_citing_articles(built):
    page = built.page("/van-ban/208-qd-tw-2019/")
    feed_href = page.select_one('link[type="application/atom+xml"][href*="van-ban"]')["href"]
    feed = feedparser.parse(built.file(feed_href).read_text(encoding="utf-8"))
    assert feed.feed.title.endswith("Quy định số 208-QĐ/TW")
    assert [urlparse(e.link).path for e in feed.entries] == [
        "/tin/2021/nghe-an-ket-luan-05/",
        "/tin/2019/quy-dinh-208/",
    ]
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == built.settings["FEED_DOMAIN"] + feed_href


def test_document_and_index_pages_pass_axe_in_a_browser(built, browser):
    import browser as browser_tools
    from checkers import axe_problems

    with browser_tools.serve(built.output) as base_url:
        context = browser.new_context(bypass_csp=True)
        try:
            for path in ("/van-ban/", "/van-ban/208-qd-tw-2019/"):
                page = context.new_page()
                assert page.goto(base_url + path).ok
                assert axe_problems(page) == [], path
        finally:
            context.close()
