"""Pelican hooks: the pipeline's stages at Pelican's signals (pipeline.py), our writer,
the record of what each build produced, the theme's files."""

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

import vntext

from . import (
    dependencies,  # noqa: F401  (declares what the theme's pages read)
    incremental,
    memo,
    pipeline,
)
from .models import facts
from .output import SiteWriter, copy_tree, inside_output, link_file, render_queued


def keep_generators(generators: list) -> None:
    incremental.current_build().generators = list(generators)


def add_filters(generator) -> None:
    generator.env.filters.update(vn_datetime=vntext.format_datetime, vn_date=vntext.format_date)


def site_writer(pelican):
    return SiteWriter


def start(pelican) -> None:
    incremental.begin(pelican.settings)


def finish(pelican) -> None:
    finished = incremental.end()
    memo.save_all(finished.cache if finished else None)


def skip_unused_dates(generator: ArticlesGenerator) -> None:
    """Pelican lists each tag's and category's articles by date, `[a for a in dates if a
    in articles]`, for templates that read `dates`: O(articles × tags). Ours read
    `articles` only, so the per-tag lists are left empty (context["dates"] stays whole)."""
    generator.dates = []


class StaticFilesGenerator:
    """content/images and content/files, hard-linked into the output: Pelican's static
    generator, which comes after, finds them linked already (STATIC_CREATE_LINKS) and
    leaves them; ours journals each change (portal/journal.py)."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.context, self.content, self.output_path = context, Path(path), output_path

    def generate_output(self, writer) -> None:
        build = incremental.current_build()
        for static in self.context.get("staticfiles", []):
            target = inside_output(self.output_path, static.save_as)
            link_file(self.content / static.source_path, target)
            build.produced(target)


class ThemeFilesGenerator:
    """The theme's static files (css/, js/) into the output, each written only when its
    bytes changed (Pelican's own copy rewrites them all at every build)."""

    def __init__(self, context, settings, path, theme, output_path, *args, **kwargs):
        self.settings, self.theme, self.output_path = settings, Path(theme), output_path

    def generate_output(self, writer) -> None:
        for folder in self.settings["PORTAL_THEME_STATIC_PATHS"]:
            copy_tree(
                self.theme / folder,
                self.output_path,
                self.settings["THEME_STATIC_DIR"],
                keep=lambda path: not path.name.startswith("."),
            )


def register():
    pipeline.provide("portal.start", start)
    pipeline.provide("portal.filters", add_filters)
    pipeline.provide("portal.facts", facts)
    pipeline.provide("portal.keep", keep_generators)
    pipeline.provide("portal.dates", skip_unused_dates)
    pipeline.provide("portal.static_files", StaticFilesGenerator)
    pipeline.provide("portal.theme_files", ThemeFilesGenerator)
    pipeline.provide("portal.render", lambda pelican: render_queued())
    pipeline.provide("portal.finish", finish)
    signals.get_writer.connect(site_writer)
