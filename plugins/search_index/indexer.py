"""Running Pagefind once over the written site, or once per shard of years.

Pagefind's Python API costs at least 100 ms per call, so the binary indexes whole
folders. A shard is a set of article folders ("tin/2021") matched by one glob; the
browser searches the newest shard first, older ones when the reader asks for more. The
documents with a page (plugin regulations) are not indexed by Pagefind: small JSON files,
one per leading number, list them with the articles citing them, so a number query
offers the document's page first, then every citing article, without touching a shard.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pagefind_bin

from .settings import SettingsError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shard:
    bundle: str  # output subfolder of this shard's bundle
    folders: tuple[str, ...]  # article folders it indexes; () = the whole site
    years: tuple[int, ...]

    @property
    def glob(self) -> str:
        if not self.folders:
            return "**/*.html"
        if len(self.folders) == 1:
            return f"{self.folders[0]}/**/*.html"
        return "{" + ",".join(f"{folder}/**/*.html" for folder in self.folders) + "}"


def plan_shards(articles, bundle: str, shard_years: int) -> list[Shard]:
    """One shard (the whole site) or groups of `shard_years` years, newest first.

    The first shard is the primary bundle, the one the search page loads first.
    """
    if not shard_years:
        # Only the articles' folders: Pagefind would otherwise read every other page too
        # (lists, documents, archives) just to skip it.
        tops = {PurePosixPath(article.save_as).parts[0] for article in articles}
        nested = all(len(PurePosixPath(article.save_as).parts) > 1 for article in articles)
        return [Shard(bundle, tuple(sorted(tops)) if articles and nested else (), ())]
    by_year: dict[int, set[str]] = {}
    owner: dict[str, int] = {}
    for article in articles:
        folder = str(PurePosixPath(article.save_as).parent.parent)
        year = article.date.year
        if folder in ("", ".") or owner.setdefault(folder, year) != year:
            raise SettingsError(
                "SEARCH_INDEX_SHARD_YEARS cần ARTICLE_SAVE_AS có thư mục năm "
                f"(ví dụ 'tin/{{date:%Y}}/{{slug}}/index.html'), không phải {article.save_as!r}"
            )
        by_year.setdefault(year, set()).add(folder)
    years = sorted(by_year, reverse=True)
    shards = []
    for start in range(0, len(years), shard_years):
        group = tuple(years[start : start + shard_years])
        folders = tuple(sorted(set().union(*(by_year[y] for y in group))))
        name = bundle if not shards else f"{bundle}-{group[-1]}-{group[0]}"
        shards.append(Shard(name, folders, group))
    return shards


# Citing articles listed in a number's file per document (a page of results); the rest
# in paged files of as many. A number's file holds every document with that number (31
# for "208" in the 10,000-article bench): 50 a document made it 158 KB, 10 keeps it small.
CITING_PER_FILE = 10


def document_files(documents: list[tuple[object, list[str], str, list[dict]]]) -> dict[str, list[dict]]:
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
        for number in dict.fromkeys(re.match(r"\d+", token).group(0) for token in tokens):
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
        text = json.dumps(sorted(entries, key=lambda e: e["url"]), ensure_ascii=False, sort_keys=True)
        (folder / f"{number}.json").write_text(text, encoding="utf-8")
    for name, articles in citing_pages(documents).items():
        (folder / name).write_text(json.dumps(articles, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def run_pagefind(output: Path, shard: Shard) -> float:
    """Index one shard with the pinned binary; returns the seconds it took."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site", str(output),
        "--output-subdir", shard.bundle,
        "--glob", shard.glob,
        "--force-language", "vi",
        "--quiet",
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(
            f"Pagefind không tạo được chỉ mục tìm kiếm ({shard.bundle}):\n{done.stderr or done.stdout}"
        )
    return time.monotonic() - started


def build(output: Path, shards: list[Shard], documents_folder: str, documents) -> None:
    write_documents(output / documents_folder, documents)
    for shard in shards:
        seconds = run_pagefind(output, shard)
        logger.info("Chỉ mục tìm kiếm %s: %.1f s", shard.bundle, seconds)
