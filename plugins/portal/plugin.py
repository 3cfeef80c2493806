"""Pelican hooks: the pipeline's stages at Pelican's signals (pipeline.py), our writer,
the record of what each build produced, the theme's files."""

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from . import (
    dependencies,  # noqa: F401  (declares what the theme's pages read)
    incremental,
    pipeline,
)
from .output import SiteWriter, copy_tree, inside_output


def site_writer(pelican):
    return SiteWriter


def start(pelican) -> None:
    incremental.begin(pelican.settings)


def finish(pelican) -> None:
    incremental.end()


def skip_unused_dates(generator: ArticlesGenerator) -> None:
    """Pelican lists each tag's and category's articles by date, `[a for a in dates if a
    in articles]`, for templates that read `dates`: O(articles × tags). Ours read
    `articles` only, so the per-tag lists are left empty (context["dates"] stays whole)."""
    generator.dates = []


def note_static_files(generator) -> None:
    """Pelican links content/images and content/files into the output (STATIC_CREATE_LINKS)."""
    build = incremental.current_build()
    for static in generator.staticfiles:
        build.produced(inside_output(generator.output_path, static.save_as))


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
    pipeline.provide("portal.dates", skip_unused_dates)
    pipeline.provide("portal.static_files", note_static_files)
    pipeline.provide("portal.theme_files", ThemeFilesGenerator)
    pipeline.provide("portal.finish", finish)
    signals.get_writer.connect(site_writer)
