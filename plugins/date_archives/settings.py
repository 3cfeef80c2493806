"""The plugin's settings (DATE_ARCHIVES_*): defaults in one place, checked once."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.settings import SettingsError, folder_url, relative_path, values, whole

__all__ = ["DEFAULTS", "Config", "SettingsError", "load"]

# URLs are directory style and relative to the site root; each page is saved as the
# URL + "index.html", its later pages as PAGINATION_PATTERNS say ("2023/12/trang/2/").
# {year} is 4 digits, {month} and {day} 2 digits, {category} the category's slug.
DEFAULTS = {
    "DATE_ARCHIVES_INDEX_URL": "luu-tru/",
    "DATE_ARCHIVES_YEAR_URL": "{year}/",
    "DATE_ARCHIVES_MONTH_URL": "{year}/{month}/",
    "DATE_ARCHIVES_DAY_URL": "{year}/{month}/{day}/",
    # The day's news of one category, for the picker's "Chuyên mục này"; "" for none
    # (the picker then offers "Mọi chuyên mục" only).
    "DATE_ARCHIVES_CATEGORY_DAY_URL": "chuyen-muc/{category}/{year}/{month}/{day}/",
    # Days with news, per category, for the picker (a few kilobytes even for 20 years).
    "DATE_ARCHIVES_DAYS_FILE": "luu-tru/ngay-co-tin.json",
    # Articles per page; None: DEFAULT_PAGINATION.
    "DATE_ARCHIVES_PER_PAGE": None,
}

_PLACEHOLDERS = {
    "DATE_ARCHIVES_INDEX_URL": (),
    "DATE_ARCHIVES_YEAR_URL": ("{year}",),
    "DATE_ARCHIVES_MONTH_URL": ("{year}", "{month}"),
    "DATE_ARCHIVES_DAY_URL": ("{year}", "{month}", "{day}"),
    "DATE_ARCHIVES_CATEGORY_DAY_URL": ("{category}", "{year}", "{month}", "{day}"),
}


@dataclass(frozen=True)
class Config:
    index_url: str
    year_url: str
    month_url: str
    day_url: str
    category_day_url: str
    days_file: str
    per_page: int


def load(settings: Mapping[str, Any]) -> Config:
    """The configuration from Pelican settings; a clear error (in Vietnamese) for a bad value."""
    v = values(settings, DEFAULTS)
    per_page = v["DATE_ARCHIVES_PER_PAGE"]
    if per_page is None:
        per_page = settings.get("DEFAULT_PAGINATION") or 20
    category_day_url = v["DATE_ARCHIVES_CATEGORY_DAY_URL"]
    urls = {
        name: folder_url(name, v[name], _PLACEHOLDERS[name])
        for name in _PLACEHOLDERS
        if name != "DATE_ARCHIVES_CATEGORY_DAY_URL" or category_day_url
    }
    return Config(
        index_url=urls["DATE_ARCHIVES_INDEX_URL"],
        year_url=urls["DATE_ARCHIVES_YEAR_URL"],
        month_url=urls["DATE_ARCHIVES_MONTH_URL"],
        day_url=urls["DATE_ARCHIVES_DAY_URL"],
        category_day_url=urls.get("DATE_ARCHIVES_CATEGORY_DAY_URL", ""),
        days_file=relative_path("DATE_ARCHIVES_DAYS_FILE", v["DATE_ARCHIVES_DAYS_FILE"], ".json"),
        per_page=whole("DATE_ARCHIVES_PER_PAGE", per_page, 1),
    )
