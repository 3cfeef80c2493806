"""Pelican hook: our writer for every page and feed (portal/output.py)."""

from pelican import signals

from .output import SiteWriter


def guarded_writer(pelican):
    return SiteWriter


def register():
    signals.get_writer.connect(guarded_writer)
