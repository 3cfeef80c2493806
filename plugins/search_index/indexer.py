"""Running Pagefind once over the written site, or once per shard of years.

Pagefind's Python API costs at least 100 ms per call, so the binary indexes whole
folders. A shard is a set of article folders ("tin/2021") matched by one glob; the
browser merges the shards (mergeIndex). Each document cited by articles gets a small
indexing-only page (removed once indexed) so its own page is offered for its number.
"""

from __future__ import annotations

import html
import logging
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pagefind_bin

from .fields import DOCUMENT_FIELD, LINK_FILTER
from .settings import SettingsError

logger = logging.getLogger(__name__)

# Where the documents' indexing pages wait for Pagefind; never published.
STUB_DIR = "_tim-kiem-van-ban"


@dataclass(frozen=True)
class Shard:
    bundle: str  # output subfolder of this shard's bundle
    folders: tuple[str, ...]  # article folders it indexes; () = the whole site
    years: tuple[int, ...]

    @property
    def glob(self) -> str:
        if not self.folders:
            return "**/*.html"
        return "{" + ",".join(f"{folder}/**/*.html" for folder in self.folders + (STUB_DIR,)) + "}"


def plan_shards(articles, bundle: str, shard_years: int) -> list[Shard]:
    """One shard (the whole site) or groups of `shard_years` years, newest first.

    The first shard is the primary bundle (it also holds the documents' pages).
    """
    if not shard_years:
        return [Shard(bundle, (), ())]
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


def stub_html(document, tokens: list[str], link: str) -> str:
    """A page Pagefind indexes in place of the document's page: title, number, link."""
    label = getattr(document, "label", None) or document.id  # "Quy định số 208-QĐ/TW"
    subject = getattr(document, "title", None) or ""
    e = lambda text: html.escape(str(text), quote=True)  # noqa: E731
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{e(label)}</title>"
        f'<meta data-pagefind-meta="{DOCUMENT_FIELD}[content]" content="{e(" ".join(tokens))}">'
        f'<meta data-pagefind-filter="{LINK_FILTER}[content]" content="{e(link)}">'
        f'</head><body><main data-pagefind-body><h1>{e(label)}</h1>'
        f"<p>{e(subject)}</p></main></body></html>\n"
    )


def write_stubs(output: Path, documents: list[tuple[object, list[str], str]]) -> Path:
    folder = output / STUB_DIR
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, (document, tokens, link) in enumerate(documents, 1):
        page = stub_html(document, tokens, link)
        (folder / f"{number:06d}.html").write_text(page, encoding="utf-8")
    return folder


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


def build(output: Path, shards: list[Shard], documents: list[tuple[object, list[str], str]]) -> None:
    stubs = write_stubs(output, documents)
    try:
        for shard in shards:
            seconds = run_pagefind(output, shard)
            logger.info("Chỉ mục tìm kiếm %s: %.1f s", shard.bundle, seconds)
    finally:
        shutil.rmtree(stubs, ignore_errors=True)
