"""Running Pagefind over the written articles, as one bundle or as shards.

Pagefind's Python API costs at least 100 ms per call, so the binary indexes whole
folders: each shard's article pages are hard-linked into a staging folder that Pagefind
indexes as if it were the site (same relative paths, so the same URLs). The shards are
cut where the articles say (plan_shards), so a change re-indexes only the shard it falls
in; a shard whose pages are all the files the last build indexed is not indexed again.
The browser searches the newest shards first and older ones when the reader asks for
more. The documents with a page (plugin regulations) are not indexed
by Pagefind: small JSON files, one per leading number, list them with the articles
citing them, so a number query offers the document's page first, then every citing
article, without touching a shard.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pagefind_bin

import vntext
from portal.incremental import current_build, digest
from portal.models import CitedDocument
from portal.output import write_output

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shard:
    bundle: str  # output subfolder of this shard's bundle
    pages: tuple[str, ...]  # the articles' output files (save_as), newest first
    newest: str  # date of its newest and oldest article as shown, "28/12/2024"
    oldest: str


def _cut_after(save_as: str, period: int) -> bool:
    """A cut after this article, one time in `period`, decided by the article alone."""
    return int.from_bytes(hashlib.blake2b(save_as.encode(), digest_size=4).digest()) % period == 0


def plan_shards(articles, bundle: str, size: int) -> list[Shard]:
    """The articles cut into shards of `size` on average, newest shard first (its name is
    the bundle's); size 0: one shard; no articles: none.

    The cuts are made, oldest article first, after an article whose URL's hash says so
    (once shards hold half the size; always at twice it), so they do not move when an
    article is added, edited or removed elsewhere: a change re-indexes the shard it falls
    in, and the others keep their files. A shard is named after its oldest article.
    """
    ordered = sorted(articles, key=lambda a: (a.date, a.save_as))
    low, high = max(1, size // 2), max(1, size * 2)
    groups, start = [], 0
    for index, article in enumerate(ordered):
        held = index - start + 1
        if size and (
            held >= high or (held >= low and _cut_after(article.save_as, max(1, size - low)))
        ):
            groups.append(ordered[start : index + 1])
            start = index + 1
    if start < len(ordered):
        groups.append(ordered[start:])
    shards = []
    for position, group in enumerate(reversed(groups)):
        name = (
            bundle
            if position == 0
            else f"{bundle}-{hashlib.blake2b(group[0].save_as.encode(), digest_size=4).hexdigest()}"
        )
        shards.append(
            Shard(
                name,
                tuple(a.save_as for a in reversed(group)),
                vntext.format_date(group[-1].date),
                vntext.format_date(group[0].date),
            )
        )
    return shards


# Citing articles listed in a number's file per document (a page of results); the rest
# in paged files of as many. A number's file holds every document with that number (31
# for "208" in the 10,000-article bench): 50 a document made it 158 KB, 10 keeps it small.
CITING_PER_FILE = 10


def document_files(
    documents: list[tuple[CitedDocument, list[str], str, list[dict]]],
) -> dict[str, list[dict]]:
    """The documents grouped by the digits their tokens start with: "208" -> [...].

    Each document lists its first CITING_PER_FILE citing articles (newest first) and
    the files holding the rest ("more"); the pages of those files are in `pages`.
    """
    files: dict[str, list[dict]] = {}
    for document, tokens, link, citing in documents:
        entry = {
            "tokens": tokens,
            "url": link,
            "label": document.label or document.id,  # "Quy định số 208-QĐ/TW"
            "subject": document.title,
            "citing": len(citing),
            "articles": citing[:CITING_PER_FILE],
            "more": [
                f"{tokens[0]}-{page}.json"
                for page in range(2, (len(citing) - 1) // CITING_PER_FILE + 2)
            ],
        }
        # Under the leading digits of each token: "362018ttbtc" -> 362018, "36tt" -> 36.
        numbers = (match.group(0) for token in tokens if (match := re.match(r"\d+", token)))
        for number in dict.fromkeys(numbers):
            files.setdefault(number, []).append(entry)
    return files


def citing_pages(documents) -> dict[str, list[dict]]:
    """The citing articles past a document's first CITING_PER_FILE: "208qdtw-2.json" -> [...]."""
    pages = {}
    for _, tokens, _, citing in documents:
        for page, start in enumerate(range(CITING_PER_FILE, len(citing), CITING_PER_FILE), start=2):
            pages[f"{tokens[0]}-{page}.json"] = citing[start : start + CITING_PER_FILE]
    return pages


def write_documents(output: Path, folder: str, documents) -> None:
    """The numbers' files; a file of the last build this one does not write is removed
    with the rest of what the build no longer produces (portal/builds.py)."""
    for number, entries in document_files(documents).items():
        text = json.dumps(
            sorted(entries, key=lambda e: e["url"]), ensure_ascii=False, sort_keys=True
        )
        write_output(output, f"{folder}/{number}.json", text.encode("utf-8"))
    for name, articles in citing_pages(documents).items():
        text = json.dumps(articles, ensure_ascii=False, sort_keys=True)
        write_output(output, f"{folder}/{name}", text.encode("utf-8"))


def stage(output: Path, shard: Shard, folder: Path) -> None:
    """The shard's pages under `folder` at their paths in the output (hard links: no copy)."""
    for page in shard.pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / page, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(output / page, target)


def run_pagefind(output: Path, shard: Shard) -> float:
    """Index one shard with the pinned binary; returns the seconds it took."""
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(dir=output, prefix=".pagefind-") as staging,
        tempfile.TemporaryDirectory(dir=output, prefix=".pagefind-out-") as written,
    ):
        stage(output, shard, Path(staging))
        command = [
            str(pagefind_bin.get_executable()),
            "--site",
            staging,
            "--output-path",
            written,
            "--force-language",
            "vi",
            "--quiet",
        ]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(
                f"Pagefind không tạo được chỉ mục tìm kiếm ({shard.bundle}):\n{done.stderr or done.stdout}"
            )
        # A new folder replaces the old one whole: files shared by hard link with the last
        # good site (portal/builds.py) are never written over.
        replace_folder(Path(written), output / shard.bundle)
    return time.monotonic() - started


def replace_folder(new: Path, target: Path) -> None:
    build = current_build()
    if build.journal is not None:
        build.journal.replace_folder(new, target)
    else:
        old = target.with_name(f".{target.name}.old")
        if target.exists():
            target.rename(old)
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    new.mkdir()  # for TemporaryDirectory to remove
    for path in target.rglob("*"):
        if path.is_file():
            build.produced(path)


def shard_key(output: Path, shard: Shard) -> str:
    """The shard's pages as files: the build rewrites a page only when its bytes change."""
    files = []
    for page in shard.pages:
        stat = (output / page).stat()
        files.append((page, stat.st_size, stat.st_mtime_ns))
    return digest(shard.bundle, files)  # Pagefind's version: in the build's fingerprint


def build(output: Path, bundle: str, shards: list[Shard], documents_folder: str, documents) -> None:
    write_documents(output, documents_folder, documents)
    record = current_build()
    for shard in shards:
        entry = output / shard.bundle / "pagefind-entry.json"
        name = f"{shard.bundle}/pagefind-entry.json"
        key = shard_key(output, shard)
        if record.unchanged(name, key, entry):
            for path in (output / shard.bundle).rglob("*"):
                if path.is_file():
                    record.produced(path)
            continue
        seconds = run_pagefind(output, shard)
        record.rendered(name, key, entry)
        logger.info("Chỉ mục tìm kiếm %s (%d bài): %.1f s", shard.bundle, len(shard.pages), seconds)
