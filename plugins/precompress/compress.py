"""The compressed copies of a built site: the same bytes for the same input, and a copy
is written only when its bytes change, so unchanged copies keep their time and inode (the
deploy hard-links them from the previous release)."""

from __future__ import annotations

import fnmatch
import gzip
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import brotli

from portal.incremental import current_build, digest
from portal.output import replace_file

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
        level = config.gzip_level
        chosen.append(Encoding(".gz", lambda data: gzip.compress(data, level, mtime=0)))
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
    copy_bytes: dict[str, int] = field(default_factory=dict)  # per suffix, size of the copies


def is_source(relative: str, config: Config) -> bool:
    return relative.endswith(config.extensions) and not any(
        fnmatch.fnmatchcase(relative, pattern) for pattern in config.exclude
    )


def compress_file(
    source: Path, relative: str, chosen: list[Encoding], min_size: int
) -> tuple[int, list[tuple[Path, int, bool]]]:
    """The source's size, and (copy, its size, whether it was written) for each copy kept:
    one that saves bytes (a copy from an earlier build that no longer does is removed).

    A copy made by the last build from this very file (same size and time: the build
    rewrites a file only when its bytes change) is kept without compressing again.
    """
    build = current_build()
    stat = source.stat()
    kept: list[tuple[Path, int, bool]] = []
    if stat.st_size < min_size:
        return stat.st_size, kept
    data = None
    for encoding in chosen:
        copy = source.with_name(source.name + encoding.suffix)
        name = relative + encoding.suffix
        key = digest(name, stat.st_size, stat.st_mtime_ns)
        if build.unchanged(name, key, copy):
            kept.append((copy, copy.stat().st_size, False))
            continue
        data = source.read_bytes() if data is None else data
        packed = encoding.compress(data)
        if len(packed) < len(data):
            written = replace_file(copy, packed)
            build.rendered(name, key, copy)
            kept.append((copy, len(packed), written))
    for copy, _, _ in kept:
        build.produced(copy)
    return stat.st_size, kept


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
    # zlib and brotli release the GIL: one thread per core compresses that many files at once.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        done = pool.map(
            lambda source: compress_file(
                source, source.relative_to(output).as_posix(), chosen, config.min_size
            ),
            sources,
        )
        for size, results in done:
            report.source_bytes += size
            for copy, packed_size, written in results:
                kept.add(copy)
                report.copy_bytes[copy.suffix] += packed_size
                report.written += written
                report.unchanged += not written
    for copy in copies:
        source = copy.with_name(copy.name[: -len(Path(copy.name).suffix)])
        if copy not in kept and is_source(source.relative_to(output).as_posix(), config):
            remove(copy, report)
    return report
