"""The plugin's settings (DATE_ARCHIVES_*): defaults in one place, checked once."""

from dataclasses import dataclass

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


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    index_url: str = DEFAULTS["DATE_ARCHIVES_INDEX_URL"]
    year_url: str = DEFAULTS["DATE_ARCHIVES_YEAR_URL"]
    month_url: str = DEFAULTS["DATE_ARCHIVES_MONTH_URL"]
    day_url: str = DEFAULTS["DATE_ARCHIVES_DAY_URL"]
    category_day_url: str = DEFAULTS["DATE_ARCHIVES_CATEGORY_DAY_URL"]
    days_file: str = DEFAULTS["DATE_ARCHIVES_DAYS_FILE"]
    per_page: int = 20


def _url(name: str, value) -> str:
    if not isinstance(value, str) or not value.endswith("/") or value.startswith("/"):
        raise SettingsError(
            f"{name} phải là đường dẫn thư mục tương đối, kết thúc bằng '/' và không bắt đầu "
            f"bằng '/' (ví dụ {DEFAULTS[name]!r}), không phải {value!r}"
        )
    missing = [p for p in _PLACEHOLDERS[name] if p not in value]
    if missing:
        raise SettingsError(f"{name} thiếu {', '.join(missing)}: {value!r}")
    return value


def load(settings: dict) -> Config:
    """The configuration from Pelican settings; a clear error (in Vietnamese) for a bad value."""
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    category_day_url = values["DATE_ARCHIVES_CATEGORY_DAY_URL"]
    days_file = values["DATE_ARCHIVES_DAYS_FILE"]
    if (
        not isinstance(days_file, str)
        or not days_file.endswith(".json")
        or days_file.startswith("/")
    ):
        raise SettingsError(
            f"DATE_ARCHIVES_DAYS_FILE phải là đường dẫn tương đối tới một tệp .json, không phải {days_file!r}"
        )
    per_page = values["DATE_ARCHIVES_PER_PAGE"]
    if per_page is None:
        per_page = settings.get("DEFAULT_PAGINATION") or 20
    if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
        raise SettingsError(
            f"DATE_ARCHIVES_PER_PAGE phải là số nguyên dương hoặc None, không phải {per_page!r}"
        )
    return Config(
        index_url=_url("DATE_ARCHIVES_INDEX_URL", values["DATE_ARCHIVES_INDEX_URL"]),
        year_url=_url("DATE_ARCHIVES_YEAR_URL", values["DATE_ARCHIVES_YEAR_URL"]),
        month_url=_url("DATE_ARCHIVES_MONTH_URL", values["DATE_ARCHIVES_MONTH_URL"]),
        day_url=_url("DATE_ARCHIVES_DAY_URL", values["DATE_ARCHIVES_DAY_URL"]),
        category_day_url=(
            _url("DATE_ARCHIVES_CATEGORY_DAY_URL", category_day_url) if category_day_url else ""
        ),
        days_file=days_file,
        per_page=per_page,
    )
