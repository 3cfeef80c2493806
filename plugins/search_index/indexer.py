"""Running Pagefind over the written articles, as one bundle or as shards.

Pagefind's Python API costs at least 100 ms per call, so the binary indexes whole
folders: each shard's article pages are hard-linked into a staging folder that Pagefind
indexes as if it were the site (same relative paths, so the same URLs). Shards hold
the newest articles first and grow towards the past (SEARCH_INDEX_SHARD_SIZES): the
browser searches the small newest shard first, which answers fast, and older ones when
the reader asks for more. The documents with a page (plugin regulations) are not indexed
by Pagefind: small JSON files, one per leading number, list them with the articles
citing them, so a number query offers the document's page first, then every citing
article, without touching a shard.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

import pagefind_bin

import vntext

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shard:
    bundle: str  # output subfolder of this shard's bundle
    pages: tuple[str, ...]  # the articles' output files (save_as), newest first
    newest: str  # date of its newest and oldest article as shown, "28/12/2024"
    oldest: str


def plan_shards(articles, bundle: str, sizes: tuple[int, ...]) -> list[Shard]:
    """The articles, newest first, cut into shards of `sizes` articles (the last size
    repeats); no sizes: one shard; no articles: none. The first shard is the primary
    bundle, the one the search page loads first."""
    ordered = sorted(articles, key=lambda a: (a.date, a.save_as), reverse=True)
    counts = chain(sizes, repeat(sizes[-1])) if sizes else repeat(len(ordered))
    shards: list[Shard] = []
    start = 0
    while start < len(ordered):
        group = ordered[start : start + next(counts)]
        start += len(group)
        name = bundle if not shards else f"{bundle}-{len(shards) + 1}"
        dates = vntext.format_date(group[0].date), vntext.format_date(group[-1].date)
        shards.append(Shard(name, tuple(a.save_as for a in group), *dates))
    return shards


# Citing articles listed in a number's file per document (a page of results); the rest
# in paged files of as many. A number's file holds every document with that number (31
# for "208" in the 10,000-article bench): 50 a document made it 158 KB, 10 keeps it small.
CITING_PER_FILE = 10


def document_files(
    documents: list[tuple[object, list[str], str, list[dict]]],
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
            "label": getattr(document, "label", None) or document.id,  # "Quy định số 208-QĐ/TW"
            "subject": getattr(document, "title", None) or "",
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


def write_documents(folder: Path, documents) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, entries in document_files(documents).items():
        text = json.dumps(
            sorted(entries, key=lambda e: e["url"]), ensure_ascii=False, sort_keys=True
        )
        (folder / f"{number}.json").write_text(text, encoding="utf-8")
    for name, articles in citing_pages(documents).items():
        (folder / name).write_text(
            json.dumps(articles, ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )


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
    with tempfile.TemporaryDirectory(dir=output, prefix=".pagefind-") as staging:
        stage(output, shard, Path(staging))
        command = [
            str(pagefind_bin.get_executable()),
            "--site",
            staging,
            "--output-path",
            str(output / shard.bundle),
            "--force-language",
            "vi",
            "--quiet",
        ]
        done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"Pagefind không tạo được chỉ mục tìm kiếm ({shard.bundle}):\n{done.stderr or done.stdout}"
        )
    return time.monotonic() - started


def build(output: Path, bundle: str, shards: list[Shard], documents_folder: str, documents) -> None:
    write_documents(output / documents_folder, documents)
    # Shards of an earlier build, which may have had more of them.
    for old in output.glob(f"{bundle}*"):
        if re.fullmatch(rf"{re.escape(bundle)}(-\d+)?", old.name):
            shutil.rmtree(old)
    for shard in shards:
        seconds = run_pagefind(output, shard)
        logger.info("Chỉ mục tìm kiếm %s (%d bài): %.1f s", shard.bundle, len(shard.pages), seconds)
