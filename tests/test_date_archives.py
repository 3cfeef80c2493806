"""Date archives: year, month and day pages, per-category day pages, the archive index,
the days file, and the "Xem các tin đã đưa ngày" picker driven in headless Chromium.

A fixture site with known dates is built here; the plugins are switched on with
overrides until pelicanconf.py lists them.
"""

import base64
import json
from collections import defaultdict
from datetime import date, datetime, timedelta

import browser as browser_tools
import pytest
from checkers import axe_problems, vnu_errors
from pelican.settings import read_settings
from site_pages import SETTINGS_FILE, BuiltSite, build_site

import vntext
from date_archives import settings as archive_settings

PLUGINS = ["related_news", "date_archives"]
PER_PAGE = 10


def plugins_on() -> list[str]:
    configured = read_settings(str(SETTINGS_FILE))["PLUGINS"]
    return [*configured, *(name for name in PLUGINS if name not in configured)]


CATEGORIES = ["Tuyên giáo các cấp", "Tin từ các đơn vị", "Lý luận chính trị"]


def fixture_articles() -> list[dict]:
    """23 articles on 12/12/2023 (three pages), a few days around it, other months and
    years, and two near midnight: Vietnam time decides the day."""
    moments = [datetime(2023, 12, 12, 7, 0) + timedelta(minutes=30 * n) for n in range(22)]
    moments += [
        datetime(2023, 12, 12, 23, 30),  # still the 12th in Vietnam
        datetime(2023, 12, 13, 0, 15),
        datetime(2023, 12, 10, 9, 0),
        datetime(2023, 12, 20, 9, 0),
        datetime(2023, 11, 2, 9, 0),
        datetime(2024, 1, 5, 9, 0),
        datetime(2022, 5, 1, 9, 0),
    ]
    articles = []
    for n, moment in enumerate(moments):
        category = CATEGORIES[n % 3]
        articles.append(
            {
                "slug": f"tin-so-{n:02d}",
                "title": f"Hoạt động tuyên giáo ở cơ sở, tin số {n + 1}",
                "date": moment,
                "category": category,
                "category_slug": vntext.slugify(category),
            }
        )
    return articles


ARTICLES = fixture_articles()


def url_of(meta: dict) -> str:
    return f"/tin/{meta['date']:%Y}/{meta['slug']}/"


def day_url(day: date, category_slug: str | None = None) -> str:
    prefix = f"/chuyen-muc/{category_slug}" if category_slug else ""
    return f"{prefix}/{day:%Y}/{day:%m}/{day:%d}/"


def days_with_news(category_slug: str | None = None) -> dict[date, list[dict]]:
    days = defaultdict(list)
    for meta in ARTICLES:
        if category_slug is None or meta["category_slug"] == category_slug:
            days[meta["date"].date()].append(meta)
    return {
        day: sorted(metas, key=lambda m: m["date"], reverse=True)
        for day, metas in sorted(days.items())
    }


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory) -> BuiltSite:
    content = tmp_path_factory.mktemp("archive-content")
    for meta in ARTICLES:
        path = content / "articles" / meta["category_slug"] / f"{meta['slug']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Title: {meta['title']}\nDate: {meta['date']:%Y-%m-%d %H:%M}\nCategory: {meta['category']}\n"
            f"Tags: tuyên giáo\nAuthor: Phóng viên\nSource: Ban Tuyên giáo Tỉnh ủy\nSlug: {meta['slug']}\n"
            f"Summary: Tin số {meta['slug']}.\n\nNội dung {meta['title']}.\n",
            encoding="utf-8",
        )
    built = build_site(
        tmp_path_factory.mktemp("archive") / "output",
        content,
        PLUGINS=plugins_on(),
        DATE_ARCHIVES_PER_PAGE=PER_PAGE,
    )
    assert built.warnings == [], built.warnings
    return built


def h1(soup) -> str:
    return " ".join(soup.h1.get_text(" ").split())


def listed(built: BuiltSite, url: str) -> list[str]:
    """Article links of a paginated list, following "Sau" through every page."""
    links = []
    while url:
        page = built.page(url)
        links += [a["href"] for a in page.select("main .article-item__title a")]
        following = page.select_one(".pagination__next a")
        url = following["href"] if following else None
    return links


def nav(soup) -> dict[str, str]:
    found = {}
    for key in ("previous", "next"):
        link = soup.select_one(f".archive-nav__{key} a")
        if link:
            found[key] = link["href"]
    return found


# --- pages ------------------------------------------------------------------------------


def test_each_level_has_its_vietnamese_heading(archive_site):
    in_2023 = sum(1 for m in ARTICLES if m["date"].year == 2023)
    assert h1(archive_site.page("/2023/")) == f"Năm 2023 ({in_2023} tin)"
    assert h1(archive_site.page("/2023/12/")) == "Tháng 12/2023"
    assert h1(archive_site.page("/2023/12/12/")) == "Tin ngày 12/12/2023"
    assert h1(archive_site.page("/2023/12/12/trang/2/")) == "Tin ngày 12/12/2023 (Trang 2)"
    assert h1(archive_site.page("/luu-tru/")) == "Lưu trữ tin"


def test_a_page_for_every_day_month_and_year_with_news_and_none_other(archive_site):
    days = days_with_news()
    expected = {day_url(day) for day in days}
    expected |= {f"/{day:%Y}/{day:%m}/" for day in days} | {f"/{day:%Y}/" for day in days}
    found = {
        "/" + path.parent.relative_to(archive_site.output).as_posix() + "/"
        for path in archive_site.output.glob("20[0-9][0-9]/**/index.html")
        if "trang" not in path.parts
    }
    assert found == expected


def test_day_pages_list_that_days_articles_newest_first_across_pages(archive_site):
    for day, metas in days_with_news().items():
        assert listed(archive_site, day_url(day)) == [url_of(m) for m in metas], day
    assert (archive_site.output / "2023/12/12/trang/3/index.html").is_file()
    assert not (archive_site.output / "2023/12/12/trang/4/index.html").exists()


def test_the_day_is_the_day_in_vietnam(archive_site):
    late = next(m for m in ARTICLES if m["date"] == datetime(2023, 12, 12, 23, 30))
    early = next(m for m in ARTICLES if m["date"] == datetime(2023, 12, 13, 0, 15))
    assert url_of(late) in listed(archive_site, "/2023/12/12/")
    assert listed(archive_site, "/2023/12/13/") == [url_of(early)]


def test_month_pages_list_all_their_articles_and_year_pages_their_months(archive_site):
    for year, month in {(m["date"].year, m["date"].month) for m in ARTICLES}:
        metas = sorted(
            (m for m in ARTICLES if (m["date"].year, m["date"].month) == (year, month)),
            key=lambda m: m["date"],
            reverse=True,
        )
        assert listed(archive_site, f"/{year}/{month:02d}/") == [url_of(m) for m in metas]
    year = archive_site.page("/2023/")
    assert [a["href"] for a in year.select(".archive-months a")] == ["/2023/12/", "/2023/11/"]
    assert {a["href"] for a in year.select("table.archive-calendar td a")} == {
        day_url(day) for day in days_with_news() if day.year == 2023
    }


def test_previous_and_next_day_with_news(archive_site):
    days = list(days_with_news())
    for position, day in enumerate(days):
        expected = {}
        if position > 0:
            expected["previous"] = day_url(days[position - 1])
        if position + 1 < len(days):
            expected["next"] = day_url(days[position + 1])
        assert nav(archive_site.page(day_url(day))) == expected, day
    assert nav(archive_site.page("/2023/12/")) == {"previous": "/2023/11/", "next": "/2024/01/"}
    assert nav(archive_site.page("/2023/")) == {"previous": "/2022/", "next": "/2024/"}


def test_the_month_calendar_links_exactly_the_days_with_news(archive_site):
    calendar = archive_site.page("/2023/12/").select_one("table.archive-calendar")
    linked = {a["href"] for a in calendar.select("a")}
    assert linked == {
        day_url(day) for day in days_with_news() if (day.year, day.month) == (2023, 12)
    }
    cells = [td.get_text(strip=True) for td in calendar.select("td") if td.get_text(strip=True)]
    assert cells == [str(n) for n in range(1, 32)]
    # 1 December 2023 was a Friday: the first row has four empty cells (T2..T5).
    first_row = calendar.select("tbody tr")[0].select("td")
    assert [td.get_text(strip=True) for td in first_row] == ["", "", "", "", "1", "2", "3"]


def test_category_day_pages_list_only_that_category(archive_site):
    for category_slug in {m["category_slug"] for m in ARTICLES}:
        days = list(days_with_news(category_slug))
        for position, day in enumerate(days):
            url = day_url(day, category_slug)
            assert listed(archive_site, url) == [
                url_of(m) for m in days_with_news(category_slug)[day]
            ]
            page = archive_site.page(url)
            assert (
                h1(page) == f"Tin ngày {vntext.format_date(datetime(day.year, day.month, day.day))}"
            )
            expected = {}
            if position > 0:
                expected["previous"] = day_url(days[position - 1], category_slug)
            if position + 1 < len(days):
                expected["next"] = day_url(days[position + 1], category_slug)
            assert nav(page) == expected


def test_the_archive_index_shows_every_month_and_the_latest_calendar(archive_site):
    index = archive_site.page("/luu-tru/")
    months = {a["href"] for a in index.select(".archive-months a")}
    assert months == {f"/{d:%Y}/{d:%m}/" for d in days_with_news()}
    years = [a["href"] for a in index.select(".archive-years__year a")]
    assert years == ["/2024/", "/2023/", "/2022/"]
    calendar = index.select_one("table.archive-calendar")
    assert calendar.caption.get_text(strip=True) == "Tháng 1/2024"
    assert {a["href"] for a in calendar.select("td a")} == {"/2024/01/05/"}


def decode(bitmap: str, first: date) -> set[date]:
    bits = base64.b64decode(bitmap)
    return {first + timedelta(days=i) for i in range(len(bits) * 8) if bits[i // 8] >> (i % 8) & 1}


def test_the_days_file_holds_the_days_with_news_of_each_scope(archive_site):
    data = json.loads(
        (archive_site.output / "luu-tru/ngay-co-tin.json").read_text(encoding="utf-8")
    )
    first = date.fromisoformat(data["first"])
    assert decode(data["all"], first) == set(days_with_news())
    assert set(data["categories"]) == {m["category_slug"] for m in ARTICLES}
    for slug, bitmap in data["categories"].items():
        assert decode(bitmap, first) == set(days_with_news(slug))
    assert (archive_site.output / "luu-tru/ngay-co-tin.json").stat().st_size < 2000


def test_every_page_has_the_picker_with_a_plain_link_to_the_archive(archive_site):
    pages = archive_site.html_files()
    assert len(pages) > 40
    for path in pages:
        if path.name == "404.html":
            continue
        page = archive_site.page("/" + path.relative_to(archive_site.output).as_posix())
        picker = page.select_one("footer .day-picker")
        assert picker.h2.get_text(strip=True) == "Xem các tin đã đưa ngày", path
        assert picker.select_one(".day-picker__archive a")["href"] == "/luu-tru/"
        form = picker.select_one("form.day-picker__form")
        assert form.has_attr("hidden") and form["data-days"] == "/luu-tru/ngay-co-tin.json"


def test_the_scope_is_offered_where_there_is_a_category(archive_site):
    meta = ARTICLES[0]
    article = archive_site.page(url_of(meta)).select_one("form.day-picker__form")
    assert article["data-category"] == meta["category_slug"]
    assert article["data-date"] == f"{meta['date']:%Y-%m-%d}"
    assert [label.get_text(strip=True) for label in article.select("fieldset label")] == [
        "Chuyên mục này",
        "Mọi chuyên mục",
    ]
    home = archive_site.page("/").select_one("form.day-picker__form")
    assert home["data-category"] == "" and home.select_one("fieldset") is None


@pytest.mark.parametrize(
    "name, value",
    [
        ("DATE_ARCHIVES_DAY_URL", "{year}/{month}/"),
        ("DATE_ARCHIVES_YEAR_URL", "/{year}/"),
        ("DATE_ARCHIVES_INDEX_URL", "luu-tru"),
        ("DATE_ARCHIVES_DAYS_FILE", "luu-tru/ngay.txt"),
        ("DATE_ARCHIVES_PER_PAGE", 0),
    ],
)
def test_a_bad_setting_is_refused_with_its_name(name, value):
    with pytest.raises(archive_settings.SettingsError, match=name):
        archive_settings.load({name: value})


# --- the picker in Chromium -------------------------------------------------------------


@pytest.fixture(scope="module")
def archive_server(archive_site):
    with browser_tools.serve(archive_site.output) as base_url:
        yield base_url


@pytest.fixture
def open_page(browser, archive_server):
    contexts = []

    def open_(path, javascript=True, viewport=None, bypass_csp=False):
        # The policy is enforced (the picker must work under it) except for axe's injected script.
        context = browser.new_context(
            java_script_enabled=javascript,
            viewport=viewport or {"width": 1280, "height": 900},
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(archive_server + path)
        page.errors = errors
        return page

    yield open_
    for context in contexts:
        context.close()


def choose(page, iso_day: str, scope: str | None = None):
    page.locator("form.day-picker__form").wait_for(state="visible")
    page.fill("#day-picker-date", iso_day)
    if scope:
        page.locator("form.day-picker__form").get_by_label(scope, exact=True).check()
    page.locator("form.day-picker__form input[type=submit]").click()


def test_picking_a_day_with_news_opens_its_page(open_page, archive_server):
    page = open_page("/")
    choose(page, "2023-12-20")
    page.wait_for_url(archive_server + "/2023/12/20/")
    assert page.locator("h1").inner_text() == "Tin ngày 20/12/2023"
    assert page.errors == []


def test_this_category_opens_the_categorys_day_page(open_page, archive_server):
    meta = ARTICLES[0]
    page = open_page(url_of(meta))
    assert page.input_value("#day-picker-date") == f"{meta['date']:%Y-%m-%d}"
    choose(page, "2023-12-12", "Chuyên mục này")
    page.wait_for_url(archive_server + day_url(date(2023, 12, 12), meta["category_slug"]))
    choose(page, "2023-12-12", "Mọi chuyên mục")
    page.wait_for_url(archive_server + "/2023/12/12/")


def test_a_day_without_news_offers_the_nearest_days_with_news(open_page, archive_server):
    page = open_page("/2023/")
    choose(page, "2023-12-16")
    message = page.locator(".day-picker__message")
    message.get_by_role("link").first.wait_for()
    assert message.inner_text().startswith("Không có tin nào ngày 16/12/2023.")
    links = [(a.inner_text(), a.get_attribute("href")) for a in message.get_by_role("link").all()]
    assert links == [("13/12/2023", "/2023/12/13/"), ("20/12/2023", "/2023/12/20/")]
    assert page.url == archive_server + "/2023/"


def test_before_the_first_day_only_a_later_day_is_offered(open_page):
    page = open_page("/")
    choose(page, "2022-04-30")
    message = page.locator(".day-picker__message")
    message.get_by_role("link").first.wait_for()
    links = [a.get_attribute("href") for a in message.get_by_role("link").all()]
    assert links == ["/2022/05/01/"]


def test_a_category_day_without_news_offers_that_categorys_days(open_page):
    meta = ARTICLES[0]
    page = open_page(url_of(meta))
    choose(page, "2023-12-16", "Chuyên mục này")
    message = page.locator(".day-picker__message")
    message.get_by_role("link").first.wait_for()
    assert "trong chuyên mục này" in message.inner_text()
    days = list(days_with_news(meta["category_slug"]))
    before = max(d for d in days if d < date(2023, 12, 16))
    after = min(d for d in days if d > date(2023, 12, 16))
    links = [a.get_attribute("href") for a in message.get_by_role("link").all()]
    assert links == [day_url(before, meta["category_slug"]), day_url(after, meta["category_slug"])]


def test_without_javascript_the_archive_link_remains(open_page, archive_server):
    page = open_page("/2023/12/", javascript=False)
    assert not page.locator("form.day-picker__form").is_visible()
    link = page.locator(".day-picker__archive a")
    assert link.is_visible()
    link.click()
    page.wait_for_url(archive_server + "/luu-tru/")


# --- the pages are valid, accessible and fit a phone ---------------------------------------

CHECKED_PAGES = [
    "/luu-tru/",
    "/2023/",
    "/2023/12/",
    "/2023/12/12/",
    "/2023/12/12/trang/2/",
    day_url(date(2023, 12, 12), ARTICLES[0]["category_slug"]),
    url_of(ARTICLES[0]),
]


def test_archive_pages_and_the_picker_are_valid_html(archive_site):
    assert vnu_errors(*(archive_site.file(path) for path in CHECKED_PAGES)) == []


@pytest.mark.parametrize("path", CHECKED_PAGES)
def test_archive_pages_pass_axe_and_fit_a_360px_phone(open_page, path):
    page = open_page(path, viewport={"width": 360, "height": 740}, bypass_csp=True)
    page.locator("form.day-picker__form").wait_for(state="visible")
    assert axe_problems(page) == []
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path} is {widths[0]} px wide"
