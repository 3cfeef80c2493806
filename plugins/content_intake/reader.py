"""The reader of .md files: the header as the checks read it, the body through Markdown,
both made safe; each file converted once, then remembered by its bytes.

Pelican's MarkdownReader lets Markdown's meta extension read the header; ours reads it
with vntext.source, as the checks do (so the two cannot disagree), converts the body and
the summary with one Markdown instance, and sanitises both. The conversion of a file
is kept (portal/memo.py), keyed by the file's bytes and the build's code and settings:
a build converts only the files that changed, and the first build converts them on
every core (prepare()).
"""

import os
from collections.abc import Iterable
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from markdown import Markdown
from pelican.readers import BaseReader

import vntext
from portal.memo import key_of, memo
from vntext.source import SourceError, decode, parse_header

from .fields import STATUSES
from .sanitize import sanitize
from .settings import load as load_settings

DATE_KEYS = {"date", "modified"}
# Fewer files than this are converted here: starting processes costs more.
PARALLEL_FROM = 64

Converted = tuple[str, dict[str, str]]  # body HTML, header values (summary as HTML)


class Converter:
    """Markdown and the sanitiser, set up once (building a Markdown instance costs as
    much as converting an article)."""

    def __init__(self, settings):
        markdown = dict(settings["MARKDOWN"])
        markdown["extensions"] = [
            e for e in markdown.get("extensions", []) if e != "markdown.extensions.meta"
        ]
        self.markdown = Markdown(**markdown)
        self.iframe_hosts = load_settings(settings).iframe_hosts

    def html(self, text: str) -> str:
        self.markdown.reset()
        return sanitize(self.markdown.convert(text), self.iframe_hosts)

    def convert(self, raw: bytes) -> Converted:
        source = parse_header(vntext.normalize(decode(raw)))
        body = "\n".join(source.text.split("\n")[source.body_line - 1 :])
        values = {key: value for key, (value, _) in source.metadata.items()}
        if values.get("summary"):
            values["summary"] = self.html(values["summary"])
        return self.html(body), values


def _key(raw: bytes) -> str:
    return key_of("content_intake.reader", raw)


_worker: Converter | None = None


def _convert_in_worker(raw: bytes) -> Converted | None:
    assert _worker is not None
    try:
        return _worker.convert(raw)
    except SourceError:
        return None  # the checks refused it already; the reader says it again


def prepare(settings, paths: Iterable[Path]) -> None:
    """Convert, on every core, the files not converted by an earlier build (the reader
    then finds them remembered)."""
    global _worker
    store = memo("content_intake.reader")
    missing: dict[str, bytes] = {}
    for path in paths:
        raw = path.read_bytes()
        key = _key(raw)
        if key not in missing and store.get(key) is None:
            missing[key] = raw
    cores = os.cpu_count() or 1
    if len(missing) < PARALLEL_FROM or cores < 2:
        return
    _worker = Converter(settings)  # inherited by the forked workers
    try:
        with get_context("fork").Pool(cores) as pool:
            results = pool.map(_convert_in_worker, missing.values(), chunksize=16)
    finally:
        _worker = None
    for key, converted in zip(missing, results, strict=True):
        if converted is not None:
            store.put(key, converted)


class VietnameseMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md"]  # the one suffix the checks accept (walk.py)

    def __init__(self, settings):
        super().__init__(settings)
        self._converter = Converter(settings)

    def read(self, source_path) -> tuple[str, dict[str, Any]]:
        raw = Path(source_path).read_bytes()
        key = _key(raw)
        store = memo("content_intake.reader")
        converted = store.get(key)
        if converted is None:
            try:
                converted = self._converter.convert(raw)
            except SourceError as error:
                error.path = Path(source_path)
                raise
            store.put(key, converted)
        html, values = converted
        return html, {name: self.process_metadata(name, value) for name, value in values.items()}

    def process_metadata(self, name, value):
        if name in DATE_KEYS:
            return vntext.parse_date(value)
        if name == "status":  # "nháp" and "đăng" too, as the editors' guide says
            return STATUSES[value.strip().casefold()]
        return super().process_metadata(name, value)
