"""Search in a real headless Chromium against the built site served on 127.0.0.1.

The site is the real content/ plus two articles written here: one with "đường" and "208"
used as a plain number, one with "Dương" and no "đường"; the search plugin is switched on
with overrides until pelicanconf.py lists it.
"""

import json
import re
import shutil
import time
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from browser import serve, type_in_page
from hypothesis import given, settings
from hypothesis import strategies as st
from site_pages import ROOT, build_site

import vntext
from regulations.knowledge import load as load_knowledge
from regulations.knowledge import number_rules
from search_index import fields, indexer

EXTRA_ARTICLES = {
    "tin-tu-cac-don-vi/nang-cap-duong-giao-thong-nong-thon.md": """Title: Nâng cấp đường giao thông nông thôn cho 208 hộ dân
Date: 2024-03-05 09:00
Category: Tin từ các đơn vị
Tags: giao thông nông thôn
Author: Thu Hà
Source: Ban Tuyên giáo Tỉnh ủy
Slug: nang-cap-duong-giao-thong-nong-thon
Summary: Xã hoàn thành nâng cấp 3 km đường giao thông, 208 hộ dân hưởng lợi.

Con đường mới dài 3 km nối trung tâm xã với các xóm, 208 hộ dân với 208 học sinh đi lại thuận tiện hơn. Đến nay 208 hộ đã góp ngày công, đường được mở rộng và trải nhựa.
""",
    "tin-tu-cac-don-vi/hoc-tap-kinh-nghiem-tai-binh-duong.md": """Title: Đoàn cán bộ học tập kinh nghiệm tại Bình Dương
Date: 2024-04-10 08:00
Category: Tin từ các đơn vị
Tags: học tập kinh nghiệm
Author: Minh Anh
Source: Ban Tuyên giáo Tỉnh ủy
Slug: hoc-tap-kinh-nghiem-tai-binh-duong
Summary: Đoàn công tác của tỉnh học tập mô hình tuyên truyền miệng tại Bình Dương.

Tại Bình Dương, đoàn trao đổi về mô hình báo cáo viên cơ sở và cách tổ chức hội nghị báo cáo viên hằng tháng.
""",
}


DONE = re.compile(r"^(Tìm thấy|Không tìm thấy)")


def search_overrides(settings: dict, **extra) -> dict:
    plugins = list(settings["PLUGINS"])
    for name in ("regulations", "search_index"):
        if name not in plugins:
            plugins.append(name)
    templates = list(settings["DIRECT_TEMPLATES"])
    if "search" not in templates:
        templates.append("search")
    return {
        "PLUGINS": plugins,
        "DIRECT_TEMPLATES": templates,
        "SEARCH_SAVE_AS": settings.get("SEARCH_SAVE_AS", "tim-kiem/index.html"),
        "SEARCH_URL": settings.get("SEARCH_URL", "tim-kiem/"),
        **extra,
    }


def build_search_site(tmp: Path, **extra):
    from pelican.settings import read_settings

    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    for path, text in EXTRA_ARTICLES.items():
        (content / "articles" / path).write_text(text, encoding="utf-8")
    base = read_settings(str(ROOT / "pelicanconf.py"))
    built = build_site(tmp / "output", content, **search_overrides(base, **extra))
    assert built.warnings == []
    return built


class Served:
    def __init__(self, built, page):
        self.built = built
        self.page = page
        self._serving = serve(built.output)
        self.base = self._serving.__enter__()

    def close(self):
        self._serving.__exit__(None, None, None)

    def search(self, query_string: str) -> list[dict]:
        """Open /tim-kiem/?<query_string> and return the results as shown."""
        self.page.goto(f"{self.base}/tim-kiem/?{query_string}")
        self.wait_results()
        return self.results()

    def wait_results(self, containing: str = ""):
        # Locator waits: the site's Content-Security-Policy forbids eval-based ones.
        self.page.locator("#search-status", has_text=DONE).filter(has_text=containing).wait_for()
        # aria-busy="false": every query of the search has answered (folded ones come last).
        self.page.locator("#search-results[aria-busy=false]").wait_for(state="attached")

    def results(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#search-results li",
            """items => items.map(li => ({
                href: li.querySelector('h2 a').getAttribute('href'),
                title: li.querySelector('h2 a').textContent,
                date: li.querySelector('.search-result__date')?.lastChild.textContent ?? null,
                category: li.querySelector('.search-result__category')?.lastChild.textContent ?? null,
                excerpt: li.querySelector('.search-result__excerpt').textContent,
                marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
            }))""",
        )


@pytest.fixture(scope="module")
def served(browser, tmp_path_factory):
    built = build_search_site(tmp_path_factory.mktemp("search"))
    context = browser.new_context()
    site = Served(built, context.new_page())
    site.requests = []
    site.page.on("request", lambda r: site.requests.append(r.url))
    try:
        yield site
    finally:
        site.close()
        context.close()


@pytest.fixture(scope="module")
def articles(served):
    """Every article as built: url -> title, indexed text, category, date, whole page text."""
    found = {}
    for path in sorted(served.built.output.joinpath("tin").rglob("index.html")):
        soup = served.built.page("/" + str(path.parent.relative_to(served.built.output)) + "/")
        indexed = " ".join(el.get_text(" ") for el in soup.select("[data-pagefind-body]"))
        meta = {
            m["data-pagefind-filter"].split("[")[0]: m["data-value"]
            for m in soup.select("[data-pagefind-filter]")
        }
        url = "/" + str(path.parent.relative_to(served.built.output)) + "/"
        found[url] = {
            "title": soup.h1.get_text(strip=True),
            "text": vntext.normalize(indexed),
            "category": meta["category"],
            "date": meta["ngay"],
            "iso": soup.select_one("[data-pagefind-sort]")["data-value"],
        }
    return found


def folded(text: str) -> str:
    return vntext.fold(vntext.normalize(text)).lower()


# The performance marks search.js leaves: what was searched, and each question to Pagefind.
MARKS = """name => performance.getEntriesByName(name).map(m => m.detail)"""


def urls(results) -> list[str]:
    return [r["href"] for r in results]


# -- the page and its results ----------------------------------------------------------


def test_results_show_title_vietnamese_date_category_and_highlighted_excerpt(served, articles):
    results = served.search("q=trung+t%C3%A2m+ch%C3%ADnh+tr%E1%BB%8B")
    expected = {u for u, a in articles.items() if "trung tâm chính trị" in a["text"].lower()}
    assert expected and expected <= set(urls(results))
    for result in results:
        if result["href"].startswith("/van-ban/"):  # a cited document's page, no date or category
            assert result["date"] is None and result["category"] is None
            continue
        article = articles[result["href"]]
        assert result["title"] == article["title"]
        assert result["date"] == article["date"]
        assert re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", result["date"])
        assert result["category"] == article["category"]
        assert result["marks"], f"no highlighted word in {result['excerpt']!r}"
        assert all(folded(m).startswith(("trung", "tam", "chinh", "tri")) for m in result["marks"])
    # The query stays in the box, and the status is said in Vietnamese.
    assert served.page.input_value("#search-q") == "trung tâm chính trị"
    assert served.page.inner_text("#search-status").startswith(f"Tìm thấy {len(results)} kết quả")


def test_header_search_box_on_every_page_leads_to_the_search_page(served):
    for path in served.built.html_files():
        soup = served.built.page("/" + str(path.relative_to(served.built.output)))
        form = soup.select_one("header form[role=search]")
        assert form is not None, path
        assert form["action"] == "/tim-kiem/" and form.get("method") == "get"
        box = form.select_one("input[name=q]")
        label = soup.select_one(f"label[for={box['id']}]")
        assert label is not None and label.get_text(strip=True) == "Tìm kiếm"
    page = served.page
    page.goto(f"{served.base}/")
    page.fill("#site-search-q", "lý luận")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    served.wait_results()
    assert page.input_value("#search-q") == "lý luận"
    assert served.results()


def test_only_article_title_sapo_text_and_citations_are_indexed(served, articles):
    output = served.built.output
    entry = (output / "pagefind" / "pagefind-entry.json").read_text()
    page_count = int(re.search(r'"page_count":\s*(\d+)', entry).group(1))
    # One page per article: no home, category, tag, list or document page.
    assert page_count == len(articles)
    # What Pagefind holds for each article is its title, sapo and text, nothing around them.
    served.page.goto(f"{served.base}/tim-kiem/")
    indexed = served.page.evaluate(
        """async () => {
            const pf = await import('/pagefind/pagefind.js');
            const all = await pf.search(null);
            return Promise.all(all.results.map(async r => {
                const d = await r.data();
                return [d.url, d.content, Object.keys(d.meta).sort()];
            }));
        }"""
    )
    assert len(indexed) == page_count
    furniture = [
        "Chuyển đến nội dung chính",
        "Liên kết website",
        "Theo dõi tin mới",
        "Nguồn:",
        "Từ khóa",
        "Trang chủ",
    ]
    for url, content, meta in indexed:
        article = articles[url]
        # Same words in the same order (Pagefind puts ". " between blocks).
        assert re.findall(r"\w+", content) == re.findall(r"\w+", article["text"])
        assert not any(words in content for words in furniture)
        assert set(meta) <= {"title", "image", "image_alt", "khongdau", "sohieu"}
    # The documents' pages are offered from small files, one per leading number.
    numbers = {p.stem for p in output.joinpath("pagefind-van-ban").glob("*.json")}
    assert {"208", "66", "36", "362018"} <= numbers


# -- accent-smart ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, phrase",
    [("quy dinh", "quy định"), ("dang bo", "đảng bộ"), ("hdnd", "hđnd"), ("dao tao", "đào tạo")],
)
def test_a_query_without_marks_finds_the_words_with_them_d_included(
    served, articles, query, phrase
):
    results = served.search(f"q={query}")
    expected = {u for u, a in articles.items() if phrase in a["text"].lower()}
    assert expected, phrase
    assert expected <= set(urls(results))
    marked = {folded(m) for r in results for m in r["marks"]}
    assert set(query.split()) <= {m[: len(w)] for m in marked for w in query.split()}


def test_a_query_with_marks_ranks_exact_matches_first(served, articles):
    results = [
        r for r in served.search("q=%C4%91%C6%B0%E1%BB%9Dng") if r["href"] in articles
    ]  # đường
    exact = [bool(re.search(r"\bđường\b", articles[r["href"]]["text"].lower())) for r in results]
    duong = "/tin/2024/hoc-tap-kinh-nghiem-tai-binh-duong/"
    assert duong in urls(results)  # "Dương" is found too, after every "đường"
    assert exact == sorted(exact, reverse=True) and exact[0]
    # And the other way round: "dương" puts the Bình Dương article before any "đường" one.
    results = [r for r in served.search("q=d%C6%B0%C6%A1ng") if r["href"] in articles]
    assert urls(results)[0] == duong


def test_folding_grows_the_index_by_at_most_20_percent(tmp_path):
    sizes = {}
    for fold in (False, True):
        built = build_search_site(tmp_path / str(fold), SEARCH_INDEX_FOLD_D=fold)
        bundle = built.output / "pagefind"
        sizes[fold] = sum(
            p.stat().st_size
            for p in bundle.rglob("*")
            if p.suffix in (".pf_index", ".pf_fragment", ".pf_meta")
        )
    assert sizes[True] > sizes[False]
    assert sizes[True] <= 1.2 * sizes[False], sizes


# -- document numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "208-QĐ/TW",
        "208-qd/tw",
        "208 - QĐi/TW",
        "qđ 208",
        "Quy định 208",
        "Quy định số 208",
        "208-QĐI/TW",
    ],
)
def test_any_spelling_of_a_number_offers_the_document_first_then_all_citing_articles(
    served, articles, query
):
    results = served.search("q=" + query.replace(" ", "+").replace("/", "%2F"))
    assert results[0]["href"].startswith("/van-ban/208-qd-tw")
    citing = {u for u, a in articles.items() if re.search(r"208\s*-\s*QĐi?/TW", a["text"], re.I)}
    assert citing and citing <= set(urls(results))
    # The article with "208" as a plain number (208 hộ dân) never outranks them.
    plain = "/tin/2024/nang-cap-duong-giao-thong-nong-thon/"
    if plain in urls(results):
        assert urls(results).index(plain) > max(urls(results).index(u) for u in citing)
    for result in results[1:]:
        assert any(re.match(r"208\s*-\s*QĐi?/TW", m, re.I) for m in result["marks"]), result


def test_every_cited_document_is_found_by_its_own_number(served):
    output = served.built.output
    for folder in sorted(output.joinpath("van-ban").iterdir()):
        if not folder.is_dir():
            continue
        heading = served.built.page(f"/van-ban/{folder.name}/").h1.get_text(" ", strip=True)
        number = re.search(r"\d[\w/\-–.]*[\wĐđ]", heading.split(" số ", 1)[-1]).group(0)
        results = served.search("q=" + number.replace("/", "%2F"))
        assert f"/van-ban/{folder.name}/" in urls(results)[:3], (number, urls(results)[:3])


def test_a_number_with_other_words_offers_the_document_then_citing_articles_with_them(
    served, articles
):
    results = served.search("q=208-Q%C4%90%2FTW+trung+t%C3%A2m")  # 208-QĐ/TW trung tâm
    assert results[0]["href"].startswith("/van-ban/208-qd-tw")
    both = {
        u
        for u, a in articles.items()
        if re.search(r"208\s*-\s*QĐi?/TW", a["text"], re.I) and "trung tâm" in a["text"].lower()
    }
    assert both and set(urls(results)[1:]) == both  # not the article with 208 as a plain number


def test_a_number_no_article_cites_finds_nothing_and_asks_no_shard(served):
    served.requests.clear()
    assert served.search("q=K%E1%BA%BFt+lu%E1%BA%ADn+113-KL%2FTW") == []  # Kết luận 113-KL/TW
    assert (
        served.page.inner_text("#search-status")
        == "Không tìm thấy kết quả nào cho “Kết luận 113-KL/TW”."
    )
    assert served.page.evaluate(MARKS, "pagefind-search") == []
    assert any("/pagefind-van-ban/113.json" in u for u in served.requests)


def test_number_rewriting_in_the_browser_matches_the_index_tokens(served):
    page = served.page
    page.goto(f"{served.base}/tim-kiem/")
    rules = fields.query_rules(number_rules(load_knowledge()))
    ids = [
        "208-QĐ/TW",
        "36/2018/TT-BTC",
        "1847/QĐ-TTg",
        "116/2018/NQ-HĐND",
        "05-CT/TW",
        "89-KH/BTGTU",
    ]
    tokens = page.evaluate(
        """async ([ids, rules]) => {
            const q = await import('/theme/js/search/query.js');
            return ids.map(id => q.numberToken(id, rules));
        }""",
        [ids, rules],
    )
    assert tokens == [fields.document_tokens(i)[0] for i in ids]


# -- scope and order -----------------------------------------------------------------------


def test_scope_this_category_or_all(served, articles):
    everywhere = served.search("q=chinh+tri")
    scoped = served.search("q=chinh+tri&chuyen-muc=tin-tu-cac-don-vi")
    assert served.page.input_value("#search-category") == "tin-tu-cac-don-vi"
    assert scoped and {r["category"] for r in scoped} == {"Tin từ các đơn vị"}
    assert {r["href"] for r in everywhere if r["category"] == "Tin từ các đơn vị"} == set(
        urls(scoped)
    )
    assert len(everywhere) > len(scoped)
    assert "trong chuyên mục Tin từ các đơn vị" in served.page.inner_text("#search-status")


def test_article_and_category_pages_preselect_this_category(served, articles):
    page = served.page
    url = next(u for u, a in articles.items() if a["category"] == "Lý luận chính trị")
    for start in (url, "/chuyen-muc/ly-luan-chinh-tri/"):
        page.goto(served.base + start)
        assert page.is_checked("header input[name=chuyen-muc][value=ly-luan-chinh-tri]")
        page.fill("#site-search-q", "chinh tri")
        page.press("#site-search-q", "Enter")
        page.wait_for_url(re.compile(r"chuyen-muc=ly-luan-chinh-tri"))
        served.wait_results()
        assert {r["category"] for r in served.results()} == {"Lý luận chính trị"}
    page.goto(served.base + url)
    page.check("header input[name=chuyen-muc][value='']")
    page.fill("#site-search-q", "chinh tri")
    page.press("#site-search-q", "Enter")
    served.wait_results()
    assert len({r["category"] for r in served.results()}) > 1


def test_sort_by_date_newest_first(served, articles):
    results = served.search("q=chinh+tri&sap-xep=moi-nhat")
    isos = [articles[r["href"]]["iso"] for r in results if r["href"] in articles]
    assert len(isos) > 2 and isos == sorted(isos, reverse=True)
    assert served.page.input_value("#search-sort") == "moi-nhat"
    # Switching back to relevance keeps the query and updates the address.
    served.page.select_option("#search-sort", "")
    served.page.wait_for_url(re.compile(r"/tim-kiem/\?q=chinh\+tri$"))


def test_citing_articles_past_the_first_file_come_with_more_results(
    served, articles, tmp_path, monkeypatch
):
    from search_index import indexer

    monkeypatch.setattr(indexer, "CITING_PER_FILE", 1)  # one citing article per file
    built = build_search_site(tmp_path, SEARCH_INDEX_PAGE_SIZE=1)
    site = Served(built, served.page.context.new_page())
    try:
        citing = {
            u for u, a in articles.items() if re.search(r"208\s*-\s*QĐi?/TW", a["text"], re.I)
        }
        assert len(citing) > 1
        first = site.search("q=208-Q%C4%90%2FTW")
        documents = [r for r in first if r["href"].startswith("/van-ban/")]
        assert (
            first[0]["href"].startswith("/van-ban/208-qd-tw") and len(first) == len(documents) + 1
        )
        total = int(re.search(r"Tìm thấy (\d+)", site.page.inner_text("#search-status")).group(1))
        assert total == len(documents) + len(citing)
        while site.page.locator(".search-results__more").count():
            shown = len(site.results())
            site.page.click(".search-results__more")
            site.page.locator("#search-results li").nth(shown).wait_for()
            site.wait_results()
        listed = [u for u in urls(site.results()) if not u.startswith("/van-ban/")]
        assert set(listed) == citing and len(listed) == len(citing)
        isos = [articles[u]["iso"] for u in listed]
        assert isos == sorted(isos, reverse=True)
        assert f"Đang hiện {total}." in site.page.inner_text("#search-status")
    finally:
        site.close()
        site.page.close()


# -- keyboard, screen readers, no other host, speed ----------------------------------------


def test_keyboard_only_search_with_spoken_status(served):
    page = served.page
    page.goto(f"{served.base}/tim-kiem/")
    status = page.locator("#search-status")
    assert (
        status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    )
    assert page.locator("label[for=search-q]").inner_text() == "Từ khóa hoặc số hiệu văn bản"
    page.focus("#search-q")
    page.keyboard.type("bồi dưỡng")
    page.keyboard.press("Enter")
    served.wait_results()
    assert re.match(r"Tìm thấy \d+ kết quả cho “bồi dưỡng”", status.inner_text())
    # Tab moves from the box through the options to the first result link.
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    page.fill("#search-q", "")
    page.keyboard.type("xyzkhongcotu")
    served.wait_results("xyzkhongcotu")
    assert status.inner_text() == "Không tìm thấy kết quả nào cho “xyzkhongcotu”."


def test_more_results_button_adds_the_next_page_and_moves_focus(served, tmp_path):
    built = build_search_site(tmp_path, SEARCH_INDEX_PAGE_SIZE=3)
    site = Served(built, served.page.context.new_page())
    try:
        results = site.search("q=ch%C3%ADnh+tr%E1%BB%8B")  # chính trị: in most articles
        total = int(re.search(r"Tìm thấy (\d+)", site.page.inner_text("#search-status")).group(1))
        assert total > len(results) == 3
        site.page.keyboard.press("Tab")
        site.page.click(".search-results__more")
        site.page.locator("#search-results li").nth(3).wait_for()
        assert (
            site.page.evaluate("document.activeElement.textContent") == site.results()[3]["title"]
        )
        assert f"Đang hiện {min(6, total)}." in site.page.inner_text("#search-status")
    finally:
        site.close()
        site.page.close()


def test_search_needs_no_other_host(served):
    served.requests.clear()
    served.search("q=dang+bo")
    served.search("q=208-Q%C4%90%2FTW")
    hosts = {urlsplit(u).hostname for u in served.requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


def test_typing_fast_runs_one_search_after_the_last_keystroke(served):
    # Time is measured by bench/search_speed.py; here, what keeps it short: no search
    # starts while the reader types (Pagefind cannot stop one), the words already typed
    # are fetched on the way, and the one search runs the whole query.
    page = served.page
    page.goto(f"{served.base}/tim-kiem/")
    page.wait_for_load_state("networkidle")
    started = []
    page.on("request", lambda r: r.url.endswith(".pf_index") and started.append(time.time() * 1000))
    type_in_page(page, "giáo dục chính trị", 20)
    served.wait_results()
    assert page.evaluate(MARKS, "search-start") == ["giáo dục chính trị"]
    assert page.evaluate(MARKS, "pagefind-search") == [{"shard": 0, "query": "giáo dục chính trị"}]
    # The index of "giáo dục…" was on its way before the search started.
    search_at = page.evaluate(
        "performance.timeOrigin + performance.getEntriesByName('search-start')[0].startTime"
    )
    assert started and min(started) < search_at


def test_typing_a_document_number_asks_no_shard_on_the_way(served):
    # "Kết lu…", "qđ", "208-": the start of a number waits longer and fetches nothing,
    # so a reader typing at an ordinary pace (150 ms a key) gets the number's answer alone.
    page = served.page
    for query in ("Kết luận 208-QĐ/TW", "qđ 208"):
        page.goto(f"{served.base}/tim-kiem/")
        page.wait_for_load_state("networkidle")
        served.requests.clear()
        type_in_page(page, query, 150)
        served.wait_results(query)
        assert page.evaluate(MARKS, "pagefind-search") == []
        assert not [u for u in served.requests if re.search(r"/pagefind/(index|fragment)/", u)]
        assert served.results()[0]["href"].startswith("/van-ban/208-qd-tw")


def test_the_folded_query_waits_until_its_results_are_needed(served, tmp_path):
    # "đường" as typed fills the first page: "duong" (dương, dưỡng) is asked only when
    # "Xem thêm kết quả" gets past the pages found as typed.
    built = build_search_site(tmp_path, SEARCH_INDEX_PAGE_SIZE=1)
    site = Served(built, served.page.context.new_page())
    try:
        first = site.search("q=%C4%91%C6%B0%E1%BB%9Dng")  # đường
        asked = [m["query"] for m in site.page.evaluate(MARKS, "pagefind-search")]
        assert asked == ["đường"] and len(first) == 1
        while site.page.locator(".search-results__more").count():
            shown = len(site.results())
            site.page.click(".search-results__more")
            site.page.locator("#search-results li").nth(shown).wait_for()
            site.wait_results()
        asked = [m["query"] for m in site.page.evaluate(MARKS, "pagefind-search")]
        assert asked == ["đường", "duong"]
        assert "/tin/2024/hoc-tap-kinh-nghiem-tai-binh-duong/" in urls(site.results())
    finally:
        site.close()
        site.page.close()


# -- the JavaScript fold is vntext.fold ------------------------------------------------------

letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÐðñçÅ \u00a0\u0301\u0323"


@settings(max_examples=20, deadline=None)
@given(st.lists(st.text(alphabet=letters, max_size=30), min_size=1, max_size=50))
def test_javascript_fold_agrees_with_vntext(served, samples):
    got = served.page.evaluate(
        """async (samples) => {
            const f = await import('/theme/js/search/fold.js');
            return samples.map(s => [f.fold(s), f.normalize(s)]);
        }""",
        samples,
    )
    assert got == [[vntext.fold(s), vntext.normalize(s)] for s in samples]


# -- sharded bundles ---------------------------------------------------------------------------


def shard_positions(shards) -> dict[str, int]:
    """Each shard's folder ("/pagefind-1a2b3c4d/") -> its place, 1 for the newest."""
    return {shard["path"]: number for number, shard in enumerate(shards, start=1)}


def searched_shards(requests, shards, kind="index|fragment") -> set[int]:
    positions = shard_positions(shards)
    return {
        positions[m.group(1)]
        for u in requests
        if (m := re.search(rf"(/pagefind[^/]*/)(?:{kind})/", u)) and m.group(1) in positions
    }


def test_newest_shard_first_then_more_reaches_older_shards(served, articles, tmp_path):
    built = build_search_site(
        tmp_path,
        SEARCH_INDEX_SHARD_SIZE=3,
        SEARCH_INDEX_FIRST_ARTICLES=1,
        SEARCH_INDEX_PAGE_SIZE=50,
    )
    config = json.loads(built.page("/tim-kiem/").select_one("#search-config").string)
    shards = config["shards"]
    bundles = sorted(p.parent.name for p in built.output.glob("pagefind*/pagefind-entry.json"))
    assert shards[0]["path"] == "/pagefind/" and len(shards) > 2
    assert bundles == sorted(s["path"].strip("/") for s in shards)
    # The shards as the plugin cuts them: newest first.
    planned = indexer.plan_shards(
        [
            SimpleNamespace(
                date=datetime.fromisoformat(a["iso"]), save_as=u.strip("/") + "/index.html"
            )
            for u, a in articles.items()
        ],
        "pagefind",
        3,
    )
    held = [{"/" + page.removesuffix("index.html") for page in shard.pages} for shard in planned]
    assert [len(h) for h in held] == [s["articles"] for s in shards]
    expected = {u for u, a in articles.items() if "chính trị" in a["text"].lower()}
    reach = [i for i, urls_ in enumerate(held) if urls_ & expected]
    assert len(reach) > 2
    site = Served(built, served.page.context.new_page())
    try:
        site.requests = []
        site.page.on("request", lambda r: site.requests.append(r.url))
        found = site.search("q=chinh+tri&sap-xep=moi-nhat")
        # The first answer holds the first shard with a match (shards with none are passed
        # over on the way), and no later shard is fetched.
        first = reach[0]
        assert set(urls(found)) == held[first] & expected
        status = site.page.inner_text("#search-status")
        dates = f"từ {shards[first]['oldest']} đến {shards[0]['newest']}"
        assert f"trong các tin {dates}." in status and "Xem thêm kết quả" in status
        fetched = searched_shards(site.requests, shards)
        assert max(fetched, default=1) == first + 1
        # "Xem thêm kết quả" goes back one shard (with matches) at a time.
        reached = [first]
        while site.page.locator(".search-results__more").count():
            shown = len(site.results())
            site.page.click(".search-results__more")
            site.page.locator("#search-results li").nth(shown).wait_for()
            site.wait_results()
            added = {r["href"] for r in site.results()[shown:]}
            shard = next(i for i, urls_ in enumerate(held) if added <= urls_)
            assert shard > reached[-1] and added == held[shard] & expected
            assert (
                site.page.evaluate("document.activeElement.textContent")
                == site.results()[shown]["title"]
            )
            reached.append(shard)
        assert reached == reach
        final = site.results()
        assert set(urls(final)) == expected
        isos = [articles[r["href"]]["iso"] for r in final]
        assert isos == sorted(isos, reverse=True)
        assert f"từ {shards[-1]['oldest']} đến {shards[0]['newest']}." in site.page.inner_text(
            "#search-status"
        )
        # A document number offers the document first and every citing article, all shards,
        # from its small file: no shard's index or fragments are fetched.
        site.requests.clear()
        numbered = site.search("q=208-Q%C4%90%2FTW")
        citing = {
            u for u, a in articles.items() if re.search(r"208\s*-\s*QĐi?/TW", a["text"], re.I)
        }
        assert numbered[0]["href"].startswith("/van-ban/208-qd-tw")
        assert citing and citing <= set(urls(numbered))
        assert len({i for i, urls_ in enumerate(held) if urls_ & citing}) > 1
        assert not searched_shards(site.requests, shards)
        assert any("/pagefind-van-ban/208.json" in u for u in site.requests)
        # With other words, the number searches the shards as words do: newest first.
        site.requests.clear()
        mixed = site.search("q=208-Q%C4%90%2FTW+trung+t%C3%A2m")
        both = {u for u in citing if "trung tâm" in articles[u]["text"].lower()}
        first = next(i for i, urls_ in enumerate(held) if urls_ & both)
        assert mixed[0]["href"].startswith("/van-ban/208-qd-tw")
        assert set(urls(mixed)[1:]) == held[first] & both
        assert searched_shards(site.requests, shards, "index") == set(range(1, first + 2))
    finally:
        site.close()
        site.page.close()


def test_a_query_finding_nothing_goes_back_three_shards_at_a_time(served, tmp_path):
    built = build_search_site(tmp_path, SEARCH_INDEX_SHARD_SIZE=1, SEARCH_INDEX_FIRST_ARTICLES=1)
    shards = json.loads(built.page("/tim-kiem/").select_one("#search-config").string)["shards"]
    assert len(shards) == 7
    site = Served(built, served.page.context.new_page())
    try:
        site.requests = []
        site.page.on("request", lambda r: site.requests.append(r.url))

        def searched() -> set[int]:
            return searched_shards(site.requests, shards, "index")

        assert site.search("q=xyzkhongcotu") == []
        button = site.page.locator(".search-results__more")
        for last in (3, 6):
            status = site.page.inner_text("#search-status")
            assert status == (
                f"Không tìm thấy kết quả nào cho “xyzkhongcotu” trong các tin từ {shards[last - 1]['oldest']} "
                f"đến {shards[0]['newest']}. Bấm “Tìm trong các tin cũ hơn” để tìm tiếp."
            )
            assert (
                searched() == set(range(1, last + 1))
                and button.inner_text() == "Tìm trong các tin cũ hơn"
            )
            button.click()
            site.page.locator("#search-status", has_text="Không tìm thấy").filter(
                has_not_text=shards[last - 1]["oldest"] + " đến"
            ).wait_for()
        assert (
            site.page.inner_text("#search-status")
            == "Không tìm thấy kết quả nào cho “xyzkhongcotu”."
        )
        assert searched() == set(range(1, 8)) and button.count() == 0
    finally:
        site.close()
        site.page.close()


# -- accessibility of the page with results ------------------------------------------------


def test_axe_finds_no_serious_problem_on_the_search_page_with_results(served):
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    assert axe.is_file(), "axe-core is missing: run `npm ci`"
    context = served.page.context.browser.new_context(bypass_csp=True)  # to inject axe
    try:
        page = context.new_page()
        page.goto(f"{served.base}/tim-kiem/?q=208-Q%C4%90%2FTW")
        page.locator("#search-status", has_text=DONE).wait_for()
        page.add_script_tag(path=str(axe))
        found = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{v['id']}: {v['help']} -> {[n['html'][:100] for n in v['nodes'][:2]]}"
            for v in found["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
    finally:
        context.close()
