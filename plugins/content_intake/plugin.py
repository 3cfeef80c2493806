"""Pelican hooks: the checks before reading, the reader, and ASCII slugs."""

from pelican import signals

import vntext

from .checks import check_content
from .reader import VietnameseMarkdownReader


class ContentError(SystemExit):
    """Stops the build with the list of problems on stderr and exit status 1.

    A SystemExit, so Pelican does not bury the editor's message under a traceback.
    """


def use_reader(readers):
    for extension in VietnameseMarkdownReader.file_extensions:
        readers.reader_classes[extension] = VietnameseMarkdownReader


def configured_categories(settings) -> dict[str, str]:
    return dict(settings["PORTAL_CATEGORIES"])


def check_before_reading(generator):
    report = check_content(generator.settings)
    if report.problems:
        listing = "\n".join(f"  {problem}" for problem in report.problems)
        raise ContentError(
            f"{len(report.problems)} lỗi trong nội dung, trang chưa được dựng lại:\n{listing}"
        )


def set_slugs(content):
    """One slugifier for every URL: article, category (from the configured list) and tags."""
    if "slug" not in content.metadata and getattr(content, "title", None):
        content.slug = vntext.slugify(content.title)
    category = getattr(content, "category", None)
    if category is not None:
        category.slug = configured_categories(content.settings).get(
            category.name, vntext.slugify(category.name)
        )
    for tag in getattr(content, "tags", ()):
        tag.slug = vntext.slugify(tag.name)


def register():
    signals.readers_init.connect(use_reader)
    signals.article_generator_init.connect(check_before_reading)
    signals.content_object_init.connect(set_slugs)
