"""Pelican hook: add the date archives generator."""

from pelican import signals

from .generator import DateArchivesGenerator


def get_generators(pelican):
    return DateArchivesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
