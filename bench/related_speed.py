"""How long "Tin liên quan" takes for 1k, 10k and 50k synthetic articles.

Usage: python bench/related_speed.py [N ...] [--repeat R]   (default: 1000 10000 50000, R=3)

Articles come from bench/generate.py (written to a temp dir, then read back: metadata
lines, then the body). Only the related-news computation is timed, not a Pelican build:
bigram counting of every article, the index, and the lists of every article. Cited
documents are found with a rough pattern here (the regulations plugin is not run), so
that signal is exercised too. The time per article must stay about flat (linear growth).
Each size is timed R times on the same articles and the fastest run is reported: on a
shared machine the slower runs measure the neighbours.
"""

import argparse
import re
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import generate  # noqa: E402

import vntext  # noqa: E402
from related_news import settings  # noqa: E402
from related_news.scoring import Index, Item, paused_gc  # noqa: E402
from related_news.text import Syllables, stop_bigrams  # noqa: E402

CITATION = re.compile(r"(\d+)\s*-\s*(QĐ|KL|NQ|CT|KH|ĐA)/(\w+)")


def read(path: Path) -> dict:
    """An article as Pelican hands it over: metadata parsed, tags slugged, citations found
    (that is the regulations plugin's work); none of this is timed."""
    head, body = path.read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    return {
        **fields,
        "body": body,
        "timestamp": datetime.strptime(fields["Date"], "%Y-%m-%d %H:%M").timestamp(),
        "tags": tuple(
            sorted(
                {vntext.slugify(tag) for tag in fields.get("Tags", "").split(",") if tag.strip()}
            )
        ),
        "documents": tuple(sorted({"-".join(m).lower() for m in CITATION.findall(body)})),
    }


def item_of(meta: dict, config: settings.Config, syllables: Syllables) -> Item:
    return Item(
        key=meta["Slug"],
        timestamp=meta["timestamp"],
        bigrams=syllables.article(
            meta["Title"], meta.get("Summary", ""), meta["body"], config.text_length
        ),
        tags=meta["tags"],
        documents=meta["documents"],
    )


def timed_run(metas: list[dict], config: settings.Config) -> dict[str, float]:
    with paused_gc():
        cpu = time.process_time()
        start = time.perf_counter()
        syllables = Syllables()
        items = [item_of(meta, config, syllables) for meta in metas]
        counted = time.perf_counter()
        index = Index(items, config, stop_bigrams(syllables))
        indexed = time.perf_counter()
        lists = [index.related(i, config.related_count) for i in range(len(items))]
        done = time.perf_counter()
        cpu = time.process_time() - cpu
    return {
        "articles": len(metas),
        "bigrams_s": counted - start,
        "index_s": indexed - counted,
        "lists_s": done - indexed,
        "total_s": done - start,
        "cpu_s": cpu,
        "per_article_ms": (done - start) / len(metas) * 1000,
        "with_related": sum(1 for found in lists if found) / len(metas),
    }


def measure(count: int, config: settings.Config, repeat: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        generate.generate(count, Path(folder))
        metas = [read(path) for path in sorted(Path(folder).rglob("*.md"))]
    return min((timed_run(metas, config) for _ in range(repeat)), key=lambda run: run["total_s"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    config = settings.load({})
    print(
        f"{'bài':>7} {'bigram (s)':>10} {'chỉ mục (s)':>11} {'danh sách (s)':>13} {'tổng (s)':>9} {'CPU (s)':>8} {'ms/bài':>7} {'có tin liên quan':>16}"
    )
    for count in args.counts:
        r = measure(count, config, args.repeat)
        print(
            f"{r['articles']:>7} {r['bigrams_s']:>10.2f} {r['index_s']:>11.2f} {r['lists_s']:>13.2f} "
            f"{r['total_s']:>9.2f} {r['cpu_s']:>8.2f} {r['per_article_ms']:>7.3f} {r['with_related']:>16.0%}",
            flush=True,
        )


if __name__ == "__main__":
    main()
