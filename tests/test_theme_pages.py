"""The theme's pages as a reader gets them: language, menu, breadcrumbs, article parts,
home blocks, paginated lists, the 404 page, and links that all lead somewhere."""

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from site_pages import ROOT, SETTINGS_FILE, BuiltSite

import vntext
from vntext.source import read_source

CONTENT = ROOT / "content"


def seed_articles() -> list[dict[str, str]]:
    """Metadata of every article in content/, read from the files the editors wrote."""
    articles = []
    for path in sorted((CONTENT / "articles").rglob("*.md")):
        meta = {key: value for key, (value, _line) in read_source(path).metadata.items()}
        meta["slug"] = meta.get("slug") or vntext.slugify(meta["title"])
        articles.append(meta)
    return articles


def article_path(meta: dict[str, str]) -> str:
    return f"/tin/{vntext.parse_date(meta['date']):%Y}/{meta['slug']}/"


def page_path(built: BuiltSite, file: Path) -> str:
    """The URL a static server gives an output file: "/", "/tin/2021/x/", "/404.html"."""
    relative = file.relative_to(built.output).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def menu_links(soup):
    return soup.select("header nav.main-nav a")


def non_empty_categories(settings) -> list[tuple[str, str]]:
    used = {meta["category"] for meta in seed_articles()}
    return [(name, slug) for name, slug in settings["PORTAL_CATEGORIES"] if name in used]


# --- every page -------------------------------------------------------------------------


def test_every_page_is_in_vietnamese(site):
    pages = site.html_files()
    assert len(pages) > 10
    for file in pages:
        soup = site.page(page_path(site, file))
        assert soup.html.get("lang") == "vi", file


def test_every_page_starts_with_a_skip_link_to_the_main_content(site):
    for file in site.html_files():
        soup = site.page(page_path(site, file))
        first_link = soup.body.find(["a", "button", "input", "select", "textarea"])
        assert first_link.name == "a" and first_link["href"] == "#noi-dung", file
        assert text(first_link) == "Chuyển đến nội dung chính"
        main = soup.find_all("main")
        assert len(main) == 1 and main[0]["id"] == "noi-dung", file
        assert soup.body.find("header", recursive=False) is not None, file
        assert soup.body.find("footer", recursive=False) is not None, file


def test_every_page_has_a_title_and_one_h1(site):
    for file in site.html_files():
        soup = site.page(page_path(site, file))
        assert soup.title.string.strip(), file
        assert len(soup.find_all("h1")) == 1, file
    for url in ["/", "/404.html", "/tu-khoa/", article_path(seed_articles()[0])]:
        assert site.settings["SITENAME"] in site.page(url).title.string, url


def test_header_names_the_site_and_links_home(site):
    soup = site.page("/")
    home = soup.select_one("header a.site-header__home")
    assert home["href"] == "/"
    assert site.settings["SITENAME"] in text(home)
    assert site.settings["SITESUBTITLE"] in text(home)


def test_no_inline_script_or_style_and_nothing_from_another_host(site):
    for file in site.html_files():
        soup = site.page(page_path(site, file))
        for script in soup.find_all("script"):
            if script.get("type") == "application/json":
                continue  # data for a script, never run (the search page's settings)
            assert script.get("src"), f"inline script in {file}"
            assert not urlsplit(script["src"]).netloc, file
        assert not soup.find_all("style"), file
        assert not soup.find_all(style=True), f"style attribute in {file}"
        for link in soup.find_all("link", rel="stylesheet"):
            assert not urlsplit(link["href"]).netloc, file
    for css in (ROOT / "theme" / "static" / "css").glob("*.css"):
        source = css.read_text(encoding="utf-8")
        assert "@import" not in source and "url(" not in source and "@font-face" not in source, css


# --- menu and footer ---------------------------------------------------------------------


def test_menu_lists_the_categories_with_articles_in_configured_order(site):
    expected = non_empty_categories(site.settings)
    assert expected, "the seeds fill at least one chuyên mục"
    for url in ["/", "/404.html", article_path(seed_articles()[0])]:
        links = menu_links(site.page(url))
        assert [text(a) for a in links] == ["Trang chủ"] + [name for name, _ in expected]
        assert [a["href"] for a in links] == ["/"] + [
            f"/chuyen-muc/{slug}/" for _, slug in expected
        ]


def test_menu_marks_where_the_reader_is(site):
    def current(url):
        return {
            text(a): a["aria-current"] for a in menu_links(site.page(url)) if a.get("aria-current")
        }

    assert current("/") == {"Trang chủ": "page"}
    for name, slug in non_empty_categories(site.settings):
        assert current(f"/chuyen-muc/{slug}/") == {name: "page"}
    for meta in seed_articles():
        assert current(article_path(meta)) == {meta["category"]: "true"}
    assert current("/404.html") == {}


def test_footer_lists_the_website_links_and_the_feed(site):
    footer = site.page("/").select_one("body > footer")
    block = footer.find("h2", string="Liên kết website").find_parent("section")
    assert [(text(a), a["href"]) for a in block.find_all("a")] == [
        tuple(link) for link in site.settings["LINKS"]
    ]
    feed = "/" + site.settings["FEED_ALL_ATOM"]
    assert feed in [a["href"] for a in footer.find_all("a")]
    assert (site.output / site.settings["FEED_ALL_ATOM"]).is_file()


# --- article page ------------------------------------------------------------------------


@pytest.mark.parametrize("meta", seed_articles(), ids=lambda meta: meta["slug"][:40])
def test_article_page_shows_every_part(site, meta):
    soup = site.page(article_path(meta))
    article = soup.select_one("main > article")

    crumbs = soup.select("nav.breadcrumbs > ol > li")
    assert [text(li) for li in crumbs] == ["Trang chủ", meta["category"], meta["title"]]
    slug = dict(site.settings["PORTAL_CATEGORIES"])[meta["category"]]
    assert [li.a["href"] for li in crumbs[:2]] == ["/", f"/chuyen-muc/{slug}/"]
    assert crumbs[-1]["aria-current"] == "page" and crumbs[-1].a is None

    assert text(article.h1) == meta["title"]
    moment = vntext.parse_date(meta["date"])
    time = article.find("time")
    assert datetime.fromisoformat(time["datetime"]) == moment
    assert text(time) == vntext.format_datetime(moment)

    assert text(article.select_one(".article__author")) == meta["author"]
    role = article.select_one(".article__author-role")
    assert (text(role) if role else None) == meta.get("author_role")
    source = text(article.select_one(".article__source"))
    assert source.startswith(f"Nguồn: {meta['source']}")
    if "province" in meta:
        assert source.endswith(f"Tỉnh {meta['province']}")
    else:
        assert "Tỉnh " not in source.removeprefix(f"Nguồn: {meta['source']}")

    assert text(article.select_one(".article__sapo")) == meta["summary"]
    body_text = text(article.select_one(".article__body"))
    assert len(body_text) > 500

    tags = article.select(".article__tags a")
    expected_tags = [tag.strip() for tag in meta["tags"].split(",")]
    assert [text(a) for a in tags] == expected_tags
    assert [a["href"] for a in tags] == [
        f"/tu-khoa/{vntext.slugify(tag)}/" for tag in expected_tags
    ]

    button = article.find("button", string="In trang")
    assert button["type"] == "button" and button.has_attr("hidden")
    scripts = [script["src"] for script in soup.find_all("script")]
    assert "/theme/js/print.js" in scripts
    print_css = [
        link for link in soup.find_all("link", rel="stylesheet") if link.get("media") == "print"
    ]
    assert [link["href"] for link in print_css] == ["/theme/css/print.css"]


def test_article_date_reads_as_on_the_seed_page(site):
    # The seed page of the Vĩnh Phúc article prints "Thứ Ba, 27/7/2021 15:46'(GMT+7)".
    [meta] = [meta for meta in seed_articles() if meta["title"].startswith("Vĩnh Phúc")]
    time = site.page(article_path(meta)).select_one("main article time")
    assert text(time) == "Thứ Ba, 27/7/2021 15:46 (GMT+7)"


def test_the_article_comes_first_then_only_related_news(site):
    # The `after_article` block holds the related-news lists and nothing else.
    for meta in seed_articles():
        main = site.page(article_path(meta)).find("main")
        children = [
            (child.name, child.get("class", [])) for child in main.find_all(recursive=False)
        ]
        assert children[0][0] == "article"
        assert children[1:] == [("div", ["related-news"])]


# --- home page ---------------------------------------------------------------------------


def test_home_shows_latest_news_first_with_the_first_sapo(site):
    articles = sorted(
        seed_articles(), key=lambda meta: vntext.parse_date(meta["date"]), reverse=True
    )
    latest = site.page("/").find("h2", string="Mới nhất").find_parent("section")
    items = latest.select("li.article-item")
    count = min(len(articles), site.settings["HOME_LATEST_COUNT"])
    assert [text(item.a) for item in items] == [meta["title"] for meta in articles[:count]]
    assert [item.a["href"] for item in items] == [article_path(meta) for meta in articles[:count]]
    assert text(items[0].select_one(".article-item__sapo")) == articles[0]["summary"]
    assert all(item.select_one(".article-item__sapo") is None for item in items[1:])
    assert [text(item.time) for item in items] == [
        vntext.format_date(vntext.parse_date(meta["date"])) for meta in articles[:count]
    ]


def test_home_has_a_block_per_category_in_menu_order(site):
    soup = site.page("/")
    blocks = soup.select("section.home-category")
    expected = non_empty_categories(site.settings)
    assert [text(block.h2) for block in blocks] == [name for name, _ in expected]
    articles = seed_articles()
    for block, (name, slug) in zip(blocks, expected, strict=True):
        in_category = sorted(
            (meta for meta in articles if meta["category"] == name),
            key=lambda meta: vntext.parse_date(meta["date"]),
            reverse=True,
        )[: site.settings["HOME_CATEGORY_COUNT"]]
        assert [text(li.a) for li in block.select("li.article-item")] == [
            m["title"] for m in in_category
        ]
        more = block.select_one("p.more-link a")
        assert text(more).startswith("Xem thêm") and more["href"] == f"/chuyen-muc/{slug}/"


# --- lists -------------------------------------------------------------------------------


def test_category_page_lists_its_articles_with_feed(site):
    articles = seed_articles()
    for name, slug in non_empty_categories(site.settings):
        soup = site.page(f"/chuyen-muc/{slug}/")
        assert text(soup.h1) == f"Chuyên mục: {name}"
        assert [text(li) for li in soup.select("nav.breadcrumbs li")] == [
            "Trang chủ",
            f"Chuyên mục: {name}",
        ]
        titles = {text(item.a) for item in soup.select("main li.article-item")}
        assert titles == {meta["title"] for meta in articles if meta["category"] == name}
        feed = "/" + site.settings["CATEGORY_FEED_ATOM"].format(slug=slug)
        assert soup.find("link", rel="alternate", href=feed) is not None
        assert soup.select_one(f"main a[href='{feed}']") is not None
        assert site.file(feed).is_file()
        assert soup.select_one("nav.pagination") is None, "one page needs no pagination"


def test_tag_pages_and_the_list_of_all_tags(site):
    tags = {tag.strip() for meta in seed_articles() for tag in meta["tags"].split(",")}
    soup = site.page("/tu-khoa/")
    assert text(soup.h1) == "Từ khóa"
    listed = {text(a): a["href"] for a in soup.select("main ul.tag-list a")}
    assert listed == {tag: f"/tu-khoa/{vntext.slugify(tag)}/" for tag in tags}
    for tag, url in listed.items():
        page = site.page(url)
        assert text(page.h1) == f"Từ khóa: {tag}"
        assert [text(li) for li in page.select("nav.breadcrumbs li")] == [
            "Trang chủ",
            "Từ khóa",
            tag,
        ]
        assert page.select("main li.article-item")


def test_404_page_is_vietnamese_with_a_way_home(site):
    soup = site.page("/404.html")
    assert text(soup.h1) == "Không tìm thấy trang"
    assert "Không tìm thấy trang" in soup.title.string
    assert soup.select_one("main a[href='/']") is not None
    assert menu_links(soup)
    # Served for any missing URL, so every link must work from any folder depth.
    for tag in soup.find_all(["a", "link", "script"]):
        url = tag.get("href") or tag.get("src")
        assert url.startswith(("/", "#", "http://", "https://")), url


# --- links -------------------------------------------------------------------------------


def test_every_internal_link_anchor_and_image_resolves(site):
    checked = 0
    ids_of: dict[str, set[str]] = {}

    def ids(url_path: str) -> set[str]:
        if url_path not in ids_of:
            soup = site.page(url_path)
            ids_of[url_path] = {tag["id"] for tag in soup.find_all(id=True)} | {
                tag["name"] for tag in soup.find_all("a", attrs={"name": True})
            }
        return ids_of[url_path]

    for file in site.html_files():
        here = page_path(site, file)
        soup = site.page(here)
        for tag in soup.find_all(["a", "link", "script", "img", "source"]):
            for attribute in ("href", "src"):
                if not tag.get(attribute):
                    continue
                target = urlsplit(urljoin("http://site" + here, tag[attribute]))
                if target.netloc != "site":
                    continue  # another host: the "Liên kết website" block and the like
                path = unquote(target.path)
                assert site.file(path).is_file(), f"{here}: {tag[attribute]} leads nowhere"
                if target.fragment and path.endswith(("/", ".html")):
                    assert target.fragment in ids(path), f"{here}: no #{target.fragment} in {path}"
                checked += 1
    assert checked > 100


# --- pagination (a site with enough articles to need it) -----------------------------------

PER_PAGE = 20  # DEFAULT_PAGINATION, checked against the settings below
GENERATED = 125  # seven pages of a category: enough to show gaps in the page numbers


def generated_article(number: int, when: datetime) -> str:
    # Titles ending in digits: the directory-style pagination must not collide with them.
    return (
        f"Title: Hội nghị giao ban công tác tuyên giáo số {number}\n"
        f"Date: {when:%Y-%m-%d %H:%M}\n"
        "Category: Tuyên giáo các cấp\n"
        "Tags: giao ban\n"
        "Author: Quang Minh\n"
        "Source: Ban Tuyên giáo Tỉnh ủy\n"
        f"Summary: Tóm tắt hội nghị số {number}.\n"
        "\n"
        f"Nội dung hội nghị giao ban số {number}.\n"
    )


# Metadata is plain text: quotes, "&" and "<" must reach the reader as typed.
TRICKY_TITLE = 'Tọa đàm "Đảng & Dân" <trực tuyến>'
TRICKY = (
    f"Title: {TRICKY_TITLE}\n"
    "Date: 2023-01-01 08:00\n"
    "Category: Lý luận chính trị\n"
    "Tags: R&D <mới>\n"
    "Author: Nguyễn Văn A & Trần Thị B\n"
    "Author_role: Phóng viên <Báo>\n"
    'Source: Báo "Hòa Bình" & <Đời sống>\n'
    "Slug: toa-dam-dang-va-dan\n"
    "Summary: Tóm tắt tọa đàm.\n"
    "\n"
    "Nội dung tọa đàm.\n"
)


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> BuiltSite:
    """A site with GENERATED articles in one category and one tag, built by `pelican`."""
    tmp = tmp_path_factory.mktemp("big-site")
    folder = tmp / "content" / "articles"
    folder.mkdir(parents=True)
    start = datetime(2024, 1, 1, 8, 0)
    for number in range(1, GENERATED + 1):
        (folder / f"giao-ban-{number}.md").write_text(
            generated_article(number, start + timedelta(hours=number)), encoding="utf-8"
        )
    (folder / "ky-tu-dac-biet.md").write_text(TRICKY, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(tmp / "content"),
            "-s",
            str(SETTINGS_FILE),
            "-o",
            str(tmp / "output"),
            "--fatal",
            "warnings",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout
    return BuiltSite(tmp / "output", {})


def pagination_labels(soup) -> list[tuple[str, str | None, str | None]]:
    nav = soup.select_one("nav.pagination[aria-label='Phân trang']")
    return [
        (text(li), li.a["href"] if li.a else None, li.a.get("aria-current") if li.a else None)
        for li in nav.find_all("li")
    ]


@pytest.mark.parametrize("base", ["/chuyen-muc/tuyen-giao-cac-cap/", "/tu-khoa/giao-ban/"])
def test_lists_are_paginated_by_twenty_with_vietnamese_labels(site, big_site, base):
    assert site.settings["DEFAULT_PAGINATION"] == PER_PAGE
    pages = -(-GENERATED // PER_PAGE)
    url = {1: base} | {n: f"{base}trang/{n}/" for n in range(2, pages + 1)}

    assert pagination_labels(big_site.page(url[1])) == [
        ("Trang 1", url[1], "page"),
        ("Trang 2", url[2], None),
        ("…", None, None),
        (f"Trang {pages}", url[pages], None),
        ("Trang sau", url[2], None),
    ]
    assert pagination_labels(big_site.page(url[4])) == [
        ("Trang trước", url[3], None),
        ("Trang 1", url[1], None),
        ("…", None, None),
        ("Trang 3", url[3], None),
        ("Trang 4", url[4], "page"),
        ("Trang 5", url[5], None),
        ("…", None, None),
        (f"Trang {pages}", url[pages], None),
        ("Trang sau", url[5], None),
    ]
    assert pagination_labels(big_site.page(url[pages])) == [
        ("Trang trước", url[pages - 1], None),
        ("Trang 1", url[1], None),
        ("…", None, None),
        (f"Trang {pages - 1}", url[pages - 1], None),
        (f"Trang {pages}", url[pages], "page"),
    ]

    seen = []
    for number in range(1, pages + 1):
        soup = big_site.page(url[number])
        titles = [text(item.a) for item in soup.select("main li.article-item")]
        assert len(titles) == min(PER_PAGE, GENERATED - PER_PAGE * (number - 1))
        if number > 1:
            assert f"(Trang {number})" in text(soup.h1)
            assert f"Trang {number}" in soup.title.string
        seen.extend(titles)
    # Newest first, every article exactly once, none lost to a page that overwrote another.
    assert seen == [
        f"Hội nghị giao ban công tác tuyên giáo số {n}" for n in range(GENERATED, 0, -1)
    ]


def test_home_shows_only_the_configured_number_of_articles(site, big_site):
    latest_count, category_count = (
        site.settings[key] for key in ("HOME_LATEST_COUNT", "HOME_CATEGORY_COUNT")
    )
    soup = big_site.page("/")
    latest = soup.find("h2", string="Mới nhất").find_parent("section")
    titles = [text(item.a) for item in latest.select("li.article-item")]
    assert titles == [
        f"Hội nghị giao ban công tác tuyên giáo số {n}"
        for n in range(GENERATED, GENERATED - latest_count, -1)
    ]
    blocks = {text(block.h2): block for block in soup.select("section.home-category")}
    assert list(blocks) == ["Tuyên giáo các cấp", "Lý luận chính trị"]
    assert len(blocks["Tuyên giáo các cấp"].select("li.article-item")) == category_count
    assert len(blocks["Lý luận chính trị"].select("li.article-item")) == 1
    assert re.fullmatch(
        r"Tóm tắt hội nghị số \d+\.", text(latest.select_one(".article-item__sapo"))
    )


def test_plain_text_metadata_is_shown_as_typed(big_site):
    soup = big_site.page("/tin/2023/toa-dam-dang-va-dan/")
    assert text(soup.h1) == TRICKY_TITLE
    assert soup.title.string.startswith(TRICKY_TITLE)
    assert text(soup.select("nav.breadcrumbs li")[-1]) == TRICKY_TITLE
    assert text(soup.select_one(".article__author")) == "Nguyễn Văn A & Trần Thị B"
    assert text(soup.select_one(".article__author-role")) == "Phóng viên <Báo>"
    assert text(soup.select_one(".article__source")) == 'Nguồn: Báo "Hòa Bình" & <Đời sống>'
    assert [text(a) for a in soup.select(".article__tags a")] == ["R&D <mới>"]
    listed = big_site.page("/chuyen-muc/ly-luan-chinh-tri/").select("main li.article-item a")
    assert [text(a) for a in listed] == [TRICKY_TITLE]
