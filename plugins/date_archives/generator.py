"""A Pelican generator writing the archive pages and the days file.

It runs after the articles generator has read every article (plugin generators come
after the built-in ones), and puts `date_archives` in the shared context before any
page is written, so the picker on every page knows where the archive is.
"""

from pelican.generators import Generator
from pelican.paginator import Paginator

from portal.output import write_output

from . import settings
from .days_file import days_json
from .periods import Archive, build_archive

CONTEXT_KEY = "date_archives"
TEMPLATES = {"year": "archive_year", "month": "archive_month", "day": "archive_day"}


class DateArchivesGenerator(Generator):
    archive: Archive | None = None

    def generate_context(self):
        config = settings.load(self.settings)
        self.archive = build_archive(self.context.get("articles", []), config)
        self.context[CONTEXT_KEY] = self.archive

    def _write_paginated(self, writer, template, period, per_page: int, **variables):
        paginator = Paginator(period.save_as, period.url, period.articles, self.settings, per_page)
        for number in range(1, paginator.num_pages + 1):
            page = paginator.page(number)
            writer.write_file(
                page.save_as,
                template,
                self.context,
                period=period,
                articles_page=page,
                articles_paginator=paginator,
                url=page.url,
                **variables,
            )

    def generate_output(self, writer):
        if self.archive is None:
            return
        archive = self.archive
        writer.write_file(
            archive.config.index_url + "index.html",
            self.get_template("archive_index"),
            self.context,
            url=archive.config.index_url,
        )
        templates = {level: self.get_template(name) for level, name in TEMPLATES.items()}
        for period in archive.pages():
            if period.level == "year":  # its articles are on the month pages
                writer.write_file(
                    period.save_as, templates["year"], self.context, period=period, url=period.url
                )
            else:
                self._write_paginated(
                    writer,
                    templates[period.level],
                    period,
                    archive.config.per_page,
                    category=period.category,
                )
        days = days_json(archive, self.settings.get("SITEURL", ""))
        write_output(self.output_path, archive.config.days_file, days.encode("utf-8"))
