"""What each archive page reads (see portal/dependencies.py): its period, the periods it
links to, the calendars it draws and the articles it lists."""

from collections.abc import Mapping
from typing import Any

from portal.dependencies import chrome, paginated
from portal.incremental import page_inputs

from .periods import Archive, Period


def link(period: Period | None) -> Any:
    return None if period is None else (period.level, period.url, period.label, period.heading)


def period_facts(period: Period) -> Any:
    category = period.category
    return (
        link(period),
        period.iso,
        len(period.articles),
        link(period.previous),
        link(period.next),
        [(link(part), len(part.articles), len(part.parts)) for part in period.parts],
        None if category is None else (category.name, category.slug, category.url),
    )


def calendar(archive: Archive, month: Period) -> Any:
    """The days with news a month's calendar links, with their counts."""
    return [(link(day), len(day.articles)) for day in month.parts]


@page_inputs("archive_index")
def index_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    archive: Archive = context["date_archives"]
    latest = archive.latest_month
    return (
        chrome(context),
        link(latest),
        latest and calendar(archive, latest),
        [period_facts(year) for year in archive.years],
    )


@page_inputs("archive_year")
def year_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    archive: Archive = context["date_archives"]
    year: Period = variables["period"]
    return chrome(context), period_facts(year), [calendar(archive, month) for month in year.parts]


@page_inputs("archive_month")
def month_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    archive: Archive = context["date_archives"]
    month: Period = variables["period"]
    return (
        chrome(context),
        period_facts(month),
        link(archive.year_of(month)),
        calendar(archive, month),
        paginated(variables),
    )


@page_inputs("archive_day")
def day_inputs(name: str, variables: Mapping[str, Any], context: Mapping[str, Any]) -> Any:
    archive: Archive = context["date_archives"]
    day: Period = variables["period"]
    return (
        chrome(context),
        period_facts(day),
        link(archive.year_of(day)),
        link(archive.month_of(day)),
        link(archive.day_of(day)),
        paginated(variables),
    )
