"""Atom feeds, sitemap.xml and robots.txt, read as feed readers and crawlers read them."""

from datetime import datetime

import feedparser
from bs4 import BeautifulSoup

from site_files import sitemap
from site_files.sitemap import Entry, write_sitemaps


def article_titles(site) -> set[str]:
    titles = set()
    for path in (site.output / "tin").rglob("index.html"):
        titles.add(
            site.page("/" + path.relative_to(site.output).as_posix())
            .find("h1")
            .get_text(strip=True)
        )
    return titles


def test_the_all_news_feed_lists_every_article(site):
    feed = feedparser.parse((site.output / "feeds" / "tat-ca.atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert {entry.title for entry in feed.entries} == article_titles(site)
    newest_first = [entry.updated_parsed for entry in feed.entries]
    assert newest_first == sorted(newest_first, reverse=True)


def test_each_category_has_a_feed_of_its_own_articles(site):
    for name, slug in site.settings["PORTAL_CATEGORIES"]:
        path = site.output / "feeds" / "chuyen-muc" / f"{slug}.atom.xml"
        if not (site.output / "chuyen-muc" / slug).exists():
            assert not path.exists()
            continue
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo
        listed = {
            a.get_text(strip=True)
            for a in site.page(f"/chuyen-muc/{slug}/").select("main h2 a, main h3 a")
        }
        assert {entry.title for entry in feed.entries} == listed, name


def test_the_sitemap_lists_every_page_but_the_404(site):
    xml = BeautifulSoup((site.output / "sitemap.xml").read_bytes(), "xml")
    base = site.settings["SITE_FILES_BASE_URL"]
    listed = {loc.get_text() for loc in xml.find_all("loc")}
    pages = {
        f"{base}/" + path.relative_to(site.output).as_posix().removesuffix("index.html")
        for path in site.output.rglob("*.html")
        if path.name != "404.html"
    }
    assert listed == pages
    article = xml.find("loc", string=lambda text: "/tin/2021/vinh-phuc" in text).parent
    assert article.find("lastmod").get_text().startswith("2021-07-27T15:46:00+07:00")


def test_robots_txt_points_to_the_sitemap(site):
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site.settings['SITE_FILES_BASE_URL']}/sitemap.xml" in robots.splitlines()


def test_a_large_site_gets_a_sitemap_index(tmp_path, monkeypatch):
    monkeypatch.setattr(sitemap, "URLS_PER_FILE", 2)
    entries = [Entry(f"https://x.example/tin/{n}/", datetime(2024, 1, n + 1)) for n in range(5)]
    written = write_sitemaps(tmp_path, "https://x.example", entries)
    assert [path.name for path in written] == [
        "sitemap.xml",
        "sitemap-1.xml",
        "sitemap-2.xml",
        "sitemap-3.xml",
    ]
    index = BeautifulSoup((tmp_path / "sitemap.xml").read_bytes(), "xml")
    assert [loc.get_text() for loc in index.find_all("loc")] == [
        f"https://x.example/sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    parts = [BeautifulSoup(path.read_bytes(), "xml").find_all("loc") for path in written[1:]]
    assert sum(len(part) for part in parts) == 5
