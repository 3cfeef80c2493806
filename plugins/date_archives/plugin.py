"""Pelican hook: add the date archives generator."""

from portal import pipeline

from . import dependencies  # noqa: F401  (declares what the archive pages read)
from .generator import DateArchivesGenerator


def register() -> None:
    pipeline.provide("date_archives.pages", DateArchivesGenerator)
