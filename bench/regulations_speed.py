"""How fast the regulations plugin scans text, in MB/s (UTF-8 bytes of input).

    python bench/regulations_speed.py [--mb 20] [--repeat 3]

Two inputs, each repeated to the size asked: "articles" is real article text (the
seed articles in content/articles/, about one citation per kilobyte), "corpus" is the
evaluation corpus (tests/data/regulation_cases.yaml), much denser in citations and
with NFD and lookalike characters. The table gives, per input, finding citations in
clean text, cleaning then finding, scanning article HTML (prefilter, reading the page's
strings from lxml's parser events, cleaning, finding), the same scan on a BeautifulSoup
tree (what the build did before; both must find the same citations with the same
sentences, or the bench stops), and linking the resolved citations (annotate.apply:
BeautifulSoup, then writing the HTML out). Times are CPU time of this process (best of
--repeat), so that other work on the machine does not count. On article text, finding
must stay at or above 30 MB/s and scanning rendered HTML at or above 10 MB/s.
"""

from __future__ import annotations

import argparse
import html
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import yaml  # noqa: E402

from regulations import annotate  # noqa: E402
from regulations.clean import clean  # noqa: E402
from regulations.find import default_finder  # noqa: E402
from regulations.knowledge import load as load_knowledge  # noqa: E402
from regulations.models import Source  # noqa: E402
from regulations.resolve import Resolver  # noqa: E402

_METADATA = re.compile(r"\A(?:[A-Za-z_]+:.*\n)+", re.MULTILINE)


def article_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        body = _METADATA.sub("", path.read_text("utf-8"))
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip()]
    return paragraphs


def corpus_paragraphs() -> list[str]:
    cases = yaml.safe_load((ROOT / "tests/data/regulation_cases.yaml").read_text("utf-8"))
    return [case["text"] for case in cases]


def repeated(paragraphs: list[str], megabytes: float) -> list[str]:
    target = int(megabytes * 1_000_000)
    out, size = [], 0
    while size < target:
        for paragraph in paragraphs:
            out.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
    return out


def as_articles(paragraphs: list[str], size: int = 8000) -> list[str]:
    """HTML fragments of about `size` characters, as Markdown renders articles."""
    articles, current, length = [], [], 0
    for paragraph in paragraphs:
        current.append(f"<p>{html.escape(paragraph, quote=False)}</p>")
        length += len(current[-1])
        if length > size:
            articles.append("\n".join(current))
            current, length = [], 0
    if current:
        articles.append("\n".join(current))
    return articles


def cpu_seconds(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def measure(name: str, paragraphs: list[str], megabytes: float, repeat: int) -> list[tuple]:
    finder = default_finder()
    paragraphs = repeated(paragraphs, megabytes)
    text = "\n\n".join(paragraphs)
    articles = as_articles(paragraphs)
    text_mb = len(text.encode("utf-8")) / 1e6
    html_mb = sum(len(a.encode("utf-8")) for a in articles) / 1e6
    cleaned = clean(text).text
    count = len(finder.find(cleaned))
    scans = [annotate.scan(a, finder) for a in articles]
    if [_found(p) for p in scans] != [_found(annotate.scan_soup(a, finder)) for a in articles]:
        raise SystemExit(f"{name}: scan() and scan_soup() disagree")
    sources = [Source(page, None, "Hòa Bình", page.citations) for page in scans]
    resolved = Resolver(load_knowledge(), [], "Hòa Bình").resolve(sources)

    def link():
        for page in scans:
            annotate.apply(page, resolved, lambda d: "/van-ban/" + d.key)

    return [
        (
            name,
            "find (clean text)",
            text_mb,
            count,
            cpu_seconds(lambda: finder.find(cleaned), repeat),
        ),
        (
            name,
            "clean + find",
            text_mb,
            count,
            cpu_seconds(lambda: finder.find(clean(text).text), repeat),
        ),
        (
            name,
            "scan article HTML",
            html_mb,
            count,
            cpu_seconds(lambda: [annotate.scan(a, finder) for a in articles], 1),
        ),
        (
            name,
            "scan, BeautifulSoup",
            html_mb,
            count,
            cpu_seconds(lambda: [annotate.scan_soup(a, finder) for a in articles], 1),
        ),
        (name, "link (apply)", html_mb, count, cpu_seconds(link, 1)),
    ]


def _found(parsed) -> list[tuple]:
    return [
        (f.node, f.cleaned.original, f.citation.start, f.citation.end, f.sentence)
        for f in parsed.found
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="megabytes of text per input")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = measure("articles", article_paragraphs(), args.mb, args.repeat)
    rows += measure("corpus", corpus_paragraphs(), args.mb, args.repeat)
    print(f"{'input':<9} {'stage':<20} {'MB':>6} {'citations':>10} {'CPU s':>7} {'MB/s':>7}")
    print("-" * 64)
    for name, stage, size, count, seconds in rows:
        print(
            f"{name:<9} {stage:<20} {size:>6.1f} {count:>10} {seconds:>7.2f} {size / seconds:>7.1f}"
        )


if __name__ == "__main__":
    main()
