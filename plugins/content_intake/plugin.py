"""Pelican hooks: the checks before reading, the reader, ASCII slugs, URLs computed once,
and a last look that Pelican read exactly the files the checks accepted."""

import sys
from itertools import chain
from pathlib import Path

from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

import vntext
from portal import pipeline
from portal.incremental import current_build
from portal.models import CONTENT_FILES, ContentFiles, Role

from .checks import check_content
from .markup import SanitisedArticle, SanitisedPage
from .reader import VietnameseMarkdownReader, prepare


class ContentError(SystemExit):
    """Stops the build with the list of problems on stderr and exit status 1.

    A SystemExit, so Pelican does not bury the editor's message under a traceback.
    """


def use_reader(readers):
    """Ours for .md, and no reader for the other Markdown suffixes: the checks refuse them."""
    for extension in ("markdown", "mkd", "mdown"):
        readers.reader_classes.pop(extension, None)
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
    for warning in report.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    if report.scheduled:
        current_build().next_due = min(date for date, _, _ in report.scheduled).timestamp()
    generator.context[CONTENT_FILES] = ContentFiles(
        Path(generator.settings["PATH"]),
        {item.relative.as_posix(): item for item in report.files},
    )
    prepare(
        generator.settings, [f.path for f in report.files if f.role in (Role.ARTICLE, Role.PAGE)]
    )


def mark_sanitised(content):
    """Body and summary become Markup for the autoescaping templates (see markup.py)."""
    if type(content) is Article:
        content.__class__ = SanitisedArticle
    elif type(content) is Page:
        content.__class__ = SanitisedPage


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


def fix_urls(generator):
    """Each article's URL and output path, computed once its slug and date are final.

    Pelican formats them from the settings at every access, ~60 times an article per
    build (lists, related news, archives, feeds): 6 % of the build's time at 2,000
    articles. Its own override_url / override_save_as attributes hold the result instead.
    """
    for article in chain(
        generator.articles,
        generator.translations,
        generator.drafts,
        generator.drafts_translations,
        generator.hidden_articles,
        generator.hidden_translations,
    ):
        article.override_url = article.url
        article.override_save_as = article.save_as


def read_by_pelican(generators) -> dict[Role, set[str]]:
    """The source files Pelican's generators took in, by role, relative to content/."""
    found: dict[Role, set[str]] = {Role.ARTICLE: set(), Role.PAGE: set(), Role.STATIC: set()}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            role, contents = Role.ARTICLE, chain(
                generator.articles, generator.translations, generator.drafts,
                generator.drafts_translations, generator.hidden_articles,
                generator.hidden_translations,
            )  # fmt: skip
        elif isinstance(generator, PagesGenerator):
            role, contents = Role.PAGE, chain(
                generator.pages, generator.translations, generator.hidden_pages,
                generator.hidden_translations, generator.draft_pages,
                generator.draft_translations,
            )  # fmt: skip
        elif isinstance(generator, StaticGenerator):
            role, contents = Role.STATIC, generator.staticfiles
        else:
            continue
        found[role].update(Path(content.relative_source_path).as_posix() for content in contents)
    return found


def check_same_files(generators):
    """Pelican must have read exactly what the checks accepted: nothing more, nothing less."""
    context = generators[0].context
    if CONTENT_FILES not in context:
        return  # the articles generator did not run: another plugin's build
    accepted: dict[Role, set[str]] = {Role.ARTICLE: set(), Role.PAGE: set(), Role.STATIC: set()}
    for relative, item in context[CONTENT_FILES].by_relative.items():
        if item.role in accepted:
            accepted[item.role].add(relative)
    read = read_by_pelican(generators)
    wrong = [
        f"  content/{path}: {'được dựng mà không qua kiểm tra' if path in read[role] else 'bị bỏ qua khi dựng'}"
        for role in accepted
        for path in sorted(accepted[role] ^ read[role])
    ]
    if wrong:
        raise ContentError(
            "Trang chưa được dựng lại: tệp được dựng khác với tệp đã kiểm tra (lỗi của "
            "chương trình dựng trang, báo cho người quản trị):\n" + "\n".join(wrong)
        )


def register():
    pipeline.provide("content_intake.readers", use_reader)
    pipeline.provide("content_intake.check", check_before_reading)
    pipeline.provide("content_intake.markup", mark_sanitised)
    pipeline.provide("content_intake.slugs", set_slugs)
    pipeline.provide("content_intake.urls", fix_urls)
    pipeline.provide("content_intake.same_files", check_same_files)
