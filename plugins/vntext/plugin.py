"""Pelican hook: the date filters every template uses."""

from pelican import signals

from .dates import format_date, format_datetime


def add_filters(generator):
    generator.env.filters.update(vn_datetime=format_datetime, vn_date=format_date)


def register():
    signals.generator_init.connect(add_filters)
