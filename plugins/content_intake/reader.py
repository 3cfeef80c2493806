"""Pelican's Markdown reader, fed normalised text, with Vietnamese dates and safe HTML."""

from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader

import vntext

from .sanitize import sanitize
from .settings import iframe_hosts
from .source import read_source

DATE_KEYS = {"date", "modified"}


class VietnameseMarkdownReader(MarkdownReader):
    def read(self, source_path):
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        html = self._md.convert(read_source(Path(source_path)).text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return sanitize(html, iframe_hosts(self.settings)), metadata

    def process_metadata(self, name, value):
        if name in DATE_KEYS:
            return vntext.parse_date(value)
        if name in self.settings["FORMATTED_FIELDS"]:
            value = sanitize(value, iframe_hosts(self.settings))
        return super().process_metadata(name, value)
