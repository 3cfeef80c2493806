"""Date archives: a page per year, month and day with news, per-category day pages,
an archive index with a calendar, and the small file of days with news that the
"Xem các tin đã đưa ngày" picker on every page reads.

periods.py groups the articles, days_file.py writes the compact day list,
generator.py writes the pages; settings are DATE_ARCHIVES_* (settings.py).
"""

from .plugin import register

__all__ = ["register"]
