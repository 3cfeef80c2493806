"""Pelican's Markdown reader, fed normalised text and Vietnamese day-first dates."""

from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader

import vntext

from .source import read_source

DATE_KEYS = {"date", "modified"}


class VietnameseMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(read_source(Path(source_path)).text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata

    def process_metadata(self, name, value):
        if name in DATE_KEYS:
            return vntext.parse_date(value)
        return super().process_metadata(name, value)
