"""The W3C Nu HTML checker (npm package vnu-jar, run on Java) finds no error in the built
pages or in the theme's stylesheets."""

import pytest
from checkers import vnu_errors
from site_pages import ROOT
from test_theme_pages import big_site  # noqa: F401  (fixture: paginated lists, odd characters)


@pytest.fixture(scope="module")
def named_pages(site):
    """Home, an article, a category and the 404 page, as the issue names them."""
    return [
        site.output / "index.html",
        next(site.output.glob("tin/*/*/index.html")),
        next(site.output.glob("chuyen-muc/*/index.html")),
        site.output / "404.html",
    ]


def test_home_article_category_and_404_are_valid_html(named_pages):
    assert all(page.is_file() for page in named_pages)
    assert vnu_errors(*named_pages) == []


def test_every_built_page_is_valid_html(site):
    pages = site.html_files()
    assert len(pages) > 10
    assert vnu_errors(*pages) == []


def test_paginated_lists_and_odd_characters_are_valid_html(big_site):  # noqa: F811
    pages = [
        *big_site.output.glob("chuyen-muc/*/trang/*/index.html"),
        *big_site.output.glob("tu-khoa/*/trang/*/index.html"),
        big_site.output / "tin" / "2023" / "toa-dam-dang-va-dan" / "index.html",
        big_site.output / "index.html",
    ]
    assert len(pages) > 10 and all(page.is_file() for page in pages)
    assert vnu_errors(*pages) == []


def test_theme_stylesheets_are_valid_css():
    stylesheets = sorted((ROOT / "theme" / "static" / "css").glob("*.css"))
    assert {"main.css", "print.css"} <= {path.name for path in stylesheets}
    assert vnu_errors("--css", *stylesheets) == []
