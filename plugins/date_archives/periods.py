"""Articles grouped by the day, month and year they were published (Vietnam time)."""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from pelican.urlwrappers import Category

import vntext

from .settings import Config

WEEKDAYS = (  # Monday first, as Vietnamese calendars print them
    ("T2", "Thứ Hai"),
    ("T3", "Thứ Ba"),
    ("T4", "Thứ Tư"),
    ("T5", "Thứ Năm"),
    ("T6", "Thứ Sáu"),
    ("T7", "Thứ Bảy"),
    ("CN", "Chủ Nhật"),
)


def local_day(moment: datetime) -> date:
    """The day in Vietnam: an article at 23:30 on the 12th belongs to the 12th."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(vntext.TIMEZONE).date()


def _fields(day: date) -> dict[str, str]:
    return {"year": f"{day.year:04d}", "month": f"{day.month:02d}", "day": f"{day.day:02d}"}


@dataclass(eq=False)
class Period:
    """A year, month or day with news, site-wide or (days only) within one category."""

    level: str  # "year", "month" or "day"
    start: date  # its first day
    url: str
    articles: list = field(default_factory=list)  # newest first
    category: Category | None = None  # a category's day: its category
    previous: "Period | None" = None  # the previous one with news, same level and scope
    next: "Period | None" = None
    parts: list = field(default_factory=list)  # a year's months, a month's days; oldest first

    @property
    def save_as(self) -> str:
        return self.url + "index.html"

    @property
    def label(self) -> str:
        """ "12/12/2023", "12/2023", "2023" """
        if self.level == "day":
            return vntext.format_date(datetime(self.start.year, self.start.month, self.start.day))
        if self.level == "month":
            return f"{self.start.month}/{self.start.year}"
        return str(self.start.year)

    @property
    def heading(self) -> str:
        return {"day": "Tin ngày ", "month": "Tháng ", "year": "Năm "}[self.level] + self.label

    @property
    def iso(self) -> str:
        return self.start.isoformat()


@dataclass
class CalendarMonth:
    """A month laid out Monday to Sunday; each cell is None (outside the month) or
    (day number, the day's Period or None when there was no news)."""

    month: Period
    weeks: list
    weekdays: tuple = WEEKDAYS


@dataclass(eq=False)
class Archive:
    """Everything the archive pages, the index and the day picker need."""

    config: Config
    years: list = field(default_factory=list)  # Period, newest first
    months: dict = field(default_factory=dict)  # (year, month) -> Period
    days: dict = field(default_factory=dict)  # date -> Period
    category_days: dict = field(default_factory=dict)  # category slug -> {date: Period}

    @property
    def index_url(self) -> str:
        return self.config.index_url

    @property
    def days_file(self) -> str:
        return self.config.days_file

    @property
    def by_category(self) -> bool:
        return bool(self.config.category_day_url)

    # Read on every page (the day picker): days and months are added oldest first, so the
    # ends of the dicts are the ends of the archive, found in constant time.
    @property
    def first_day(self) -> date | None:
        return next(iter(self.days), None)

    @property
    def last_day(self) -> date | None:
        return next(reversed(self.days), None)

    @property
    def latest_month(self) -> "Period | None":
        return self.months[next(reversed(self.months))] if self.months else None

    def month_of(self, period: Period) -> "Period | None":
        return self.months.get((period.start.year, period.start.month))

    def year_of(self, period: Period) -> "Period | None":
        return next((y for y in self.years if y.start.year == period.start.year), None)

    def day_of(self, period: Period) -> "Period | None":
        """The site-wide page of a (category) day."""
        return self.days.get(period.start)

    def pages(self):
        """Every period page: years, months, days, then each category's days."""
        yield from self.years
        yield from self.months.values()
        yield from self.days.values()
        for days in self.category_days.values():
            yield from days.values()

    def calendar(self, month: Period) -> CalendarMonth:
        weeks = []
        for week in calendar.Calendar(firstweekday=0).monthdayscalendar(
            month.start.year, month.start.month
        ):
            weeks.append(
                [
                    None
                    if number == 0
                    else (number, self.days.get(date(month.start.year, month.start.month, number)))
                    for number in week
                ]
            )
        return CalendarMonth(month, weeks)


def _link(periods: list) -> None:
    """Chain periods (oldest first) to their neighbours."""
    for older, newer in pairwise(periods):
        older.next = newer
        newer.previous = older


def newest_first(articles) -> list:
    return sorted(articles, key=lambda a: (a.date, a.url), reverse=True)


def build_archive(articles, config: Config) -> Archive:
    by_day = defaultdict(list)
    for article in newest_first(articles):
        by_day[local_day(article.date)].append(article)
    archive = Archive(config)
    for day in sorted(by_day):
        archive.days[day] = Period("day", day, config.day_url.format(**_fields(day)), by_day[day])
        month_key = (day.year, day.month)
        if month_key not in archive.months:
            first = date(day.year, day.month, 1)
            archive.months[month_key] = Period(
                "month", first, config.month_url.format(**_fields(first))
            )
        month = archive.months[month_key]
        month.articles += by_day[day]
        month.parts.append(archive.days[day])
    years: dict[int, Period] = {}
    for (year, _), month in archive.months.items():
        if year not in years:
            first = date(year, 1, 1)
            years[year] = Period("year", first, config.year_url.format(**_fields(first)))
        years[year].parts.append(month)
    for period in [*archive.days.values(), *archive.months.values()]:
        period.articles.sort(key=lambda a: (a.date, a.url), reverse=True)
    for year in years.values():
        year.articles = [a for month in reversed(year.parts) for a in month.articles]
    _link(list(archive.days.values()))
    _link(list(archive.months.values()))
    _link([years[y] for y in sorted(years)])
    archive.years = [years[y] for y in sorted(years, reverse=True)]

    if config.category_day_url:
        per_category: defaultdict[Category, defaultdict[date, list]] = defaultdict(
            lambda: defaultdict(list)
        )
        for day, day_articles in by_day.items():
            for article in day_articles:
                per_category[article.category][day].append(article)
        for category in sorted(per_category, key=lambda c: c.slug):
            days = {
                day: Period(
                    "day",
                    day,
                    config.category_day_url.format(category=category.slug, **_fields(day)),
                    per_category[category][day],
                    category=category,
                )
                for day in sorted(per_category[category])
            }
            _link(list(days.values()))
            archive.category_days[category.slug] = days
    return archive
