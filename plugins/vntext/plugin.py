"""Pelican hook: the date filters every template uses."""

from .dates import format_date, format_datetime


def add_filters(generator):
    generator.env.filters.update(vn_datetime=format_datetime, vn_date=format_date)


def register():
    # vntext depends on no plugin: the portal plugin runs this at generator_init.
    from portal import pipeline

    pipeline.provide("vntext.filters", add_filters)
