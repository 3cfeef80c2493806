"""The days with news, as the picker reads them: one small JSON file for the whole site.

Each scope (all categories, then each category) is a bitmap over the days from the
first to the last day with news, bit i (least significant first within a byte) for
first + i days, in base64: 20 years are under 1.3 kB per scope, whatever the number of
articles, and the picker finds the nearest earlier and later days with news in it.
"""

import base64
import json
from datetime import date

from .periods import Archive


def bitmap(days, first: date, last: date) -> str:
    bits = bytearray(((last - first).days + 8) // 8)
    for day in days:
        offset = (day - first).days
        bits[offset // 8] |= 1 << (offset % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


def _pattern(url: str, siteurl: str) -> str | None:
    """The URL with {year}, {month}, {day}, {category} left for the picker to fill."""
    return f"{siteurl}/{url}" if url else None


def days_document(archive: Archive, siteurl: str) -> dict:
    first, last = archive.first_day, archive.last_day
    if first is None or last is None:
        return {"first": None, "last": None, "all": "", "categories": {}}
    return {
        "first": first.isoformat(),
        "last": last.isoformat(),
        "dayUrl": _pattern(archive.config.day_url, siteurl),
        "categoryDayUrl": _pattern(archive.config.category_day_url, siteurl),
        "all": bitmap(archive.days, first, last),
        "categories": {
            slug: bitmap(days, first, last) for slug, days in sorted(archive.category_days.items())
        },
    }


def days_json(archive: Archive, siteurl: str) -> str:
    return json.dumps(days_document(archive, siteurl), ensure_ascii=False, separators=(",", ":"))
