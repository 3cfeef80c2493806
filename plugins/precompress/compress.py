"""The compressed copies of a built site: the same bytes for the same input, and a copy
is written only when its bytes change, so unchanged copies keep their time and inode (the
deploy hard-links them from the previous release)."""

from __future__ import annotations

import fnmatch
import gzip
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli

from .settings import Config


@dataclass(frozen=True)
class Encoding:
    suffix: str  # the copy of page.html is page.html.gz: the name nginx's *_static looks for
    compress: Callable[[bytes], bytes]


# Every suffix this plugin may have written: a copy of a file no longer compressed (gone,
# excluded, too small, an encoding turned off) is stale and removed, or nginx would send it.
SUFFIXES = (".gz", ".br")


def encodings(config: Config) -> list[Encoding]:
    chosen = []
    if config.gzip:
        # mtime=0: no time in the header, so the same page gives the same bytes.
        chosen.append(Encoding(".gz", lambda data: gzip.compress(data, 9, mtime=0)))
    if config.brotli:
        quality = config.brotli_quality
        chosen.append(Encoding(".br", lambda data: brotli.compress(data, quality=quality)))
    return chosen


@dataclass
class Report:
    written: int = 0  # copies created or whose bytes changed
    unchanged: int = 0  # copies already there with the right bytes
    removed: int = 0  # stale copies deleted
    source_bytes: int = 0  # size of the files considered
    copy_bytes: dict[str, int] | None = None  # per suffix, size of the copies


def is_source(relative: str, config: Config) -> bool:
    return relative.endswith(config.extensions) and not any(
        fnmatch.fnmatchcase(relative, pattern) for pattern in config.exclude
    )


def write_if_changed(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.write_bytes(data)
    return True


def remove(path: Path, report: Report) -> None:
    if path.exists():
        path.unlink()
        report.removed += 1


def precompress(output: Path, config: Config) -> Report:
    """Write page.html.gz (and .br) beside each text file of `output`; remove stale copies."""
    chosen = encodings(config)
    report = Report(copy_bytes={encoding.suffix: 0 for encoding in chosen})
    sources: list[Path] = []
    copies: list[Path] = []
    for folder, _, names in os.walk(output):
        for name in names:
            path = Path(folder, name)
            relative = path.relative_to(output).as_posix()
            if path.is_symlink():
                continue  # a link may lead out of the site: its target is not ours to copy
            if name.endswith(SUFFIXES):
                copies.append(path)
            elif is_source(relative, config):
                sources.append(path)

    kept: set[Path] = set()
    for source in sources:
        data = source.read_bytes()
        report.source_bytes += len(data)
        for encoding in chosen:
            copy = source.with_name(source.name + encoding.suffix)
            packed = encoding.compress(data) if len(data) >= config.min_size else None
            if packed is None or len(packed) >= len(data):
                continue  # nothing gained; a copy from an earlier build is removed below
            kept.add(copy)
            report.copy_bytes[encoding.suffix] += len(packed)
            if write_if_changed(copy, packed):
                report.written += 1
            else:
                report.unchanged += 1
    for copy in copies:
        source = copy.with_name(copy.name[: -len(Path(copy.name).suffix)])
        if copy not in kept and is_source(source.relative_to(output).as_posix(), config):
            remove(copy, report)
    return report
