"""Pelican hook: once everything is written, the compressed copies of the text files."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from portal import pipeline

from . import settings
from .compress import precompress

logger = logging.getLogger(__name__)


def compress_output(pelican) -> None:
    config = settings.load(pelican.settings)
    if not config.enabled:
        return
    started = time.perf_counter()
    report = precompress(Path(pelican.settings["OUTPUT_PATH"]), config)
    sizes = ", ".join(f"{suffix} {size:,} byte" for suffix, size in report.copy_bytes.items())
    logger.info(
        "Nén sẵn: %d bản mới, %d bản không đổi, %d bản cũ đã xoá; %s byte gốc -> %s (%.2f s)",
        report.written,
        report.unchanged,
        report.removed,
        f"{report.source_bytes:,}",
        sizes,
        time.perf_counter() - started,
    )


def register() -> None:
    # After the generators: Pagefind's files are written by then (see PRECOMPRESS_EXCLUDE
    # for the files other `finalized` receivers write).
    pipeline.provide("precompress.compress", compress_output)
