"""Pelican hooks: note every HTML page written, then write the sitemap and robots.txt."""

import os
from pathlib import Path

from portal import pipeline

from .sitemap import Entry, write_robots, write_sitemaps

# Pages that must not be listed: the error page is served for missing URLs only.
EXCLUDED = {"404.html"}

_written: dict[str, Entry] = {}


def base_url(settings) -> str:
    """SITE_FILES_BASE_URL: absolute address of the site; defaults to SITEURL."""
    return (settings.get("SITE_FILES_BASE_URL") or settings.get("SITEURL") or "").rstrip("/")


def start_listing(generators):
    _written.clear()


def note_page(path, context):
    # Pelican writes every page under OUTPUT_PATH: plain string work, no file-system calls.
    relative = Path(os.path.relpath(path, context["OUTPUT_PATH"])).as_posix()
    if not relative.endswith(".html") or relative in EXCLUDED:
        return
    url_path = relative.removesuffix("index.html")
    content = context.get("article") or context.get("page")
    modified = getattr(content, "modified", None) or getattr(content, "date", None)
    _written[relative] = Entry(f"{base_url(context)}/{url_path}", modified)


def write_files(pelican):
    output = Path(pelican.settings["OUTPUT_PATH"])
    write_sitemaps(output, base_url(pelican.settings), list(_written.values()))
    write_robots(output, base_url(pelican.settings))


def register():
    pipeline.provide("site_files.reset", start_listing)
    pipeline.provide("site_files.note_page", note_page)
    pipeline.provide("site_files.write", write_files)
