"""Pelican hook: the guarded writer for every page and feed."""

from pelican import signals

from .output import GuardedWriter


def guarded_writer(pelican):
    return GuardedWriter


def register():
    signals.get_writer.connect(guarded_writer)
