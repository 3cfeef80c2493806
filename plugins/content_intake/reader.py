"""Pelican's Markdown reader, fed normalised text, with Vietnamese dates and safe HTML."""

from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader

import vntext
from vntext.source import read_source

from .fields import STATUSES
from .sanitize import sanitize
from .settings import load as load_settings

DATE_KEYS = {"date", "modified"}


class VietnameseMarkdownReader(MarkdownReader):
    file_extensions = ["md"]  # the one suffix the checks accept (walk.py)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One Markdown instance for every file: building one costs as much as converting
        # an article. Pelican removes the meta preprocessor to convert the summary, so it
        # is put back before each file.
        self._md = Markdown(**self.settings["MARKDOWN"])
        meta = next(item for item in self._md.preprocessors._priority if item.name == "meta")
        self._meta = (self._md.preprocessors["meta"], meta.name, meta.priority)
        self._iframe_hosts = load_settings(self.settings).iframe_hosts

    def read(self, source_path):
        self._source_path = source_path
        self._md.reset()
        if "meta" not in self._md.preprocessors:
            self._md.preprocessors.register(*self._meta)
        html = self._md.convert(read_source(Path(source_path)).text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return sanitize(html, self._iframe_hosts), metadata

    def process_metadata(self, name, value):
        if name in DATE_KEYS:
            return vntext.parse_date(value)
        if name == "status":  # "nháp" and "đăng" too, as the editors' guide says
            return STATUSES[value.strip().casefold()]
        if name in self.settings["FORMATTED_FIELDS"]:
            value = sanitize(value, self._iframe_hosts)
        return super().process_metadata(name, value)
