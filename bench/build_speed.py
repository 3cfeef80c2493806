"""Build speed: our build, full and after each kind of change, beside stock Pelican and Hugo.

Usage: python bench/build_speed.py [--counts N ...] [--large] [--repeat R] [--doc PATH]
       python bench/build_speed.py --profile N --label LABEL

For each article count, generates the articles (bench/generate.py), then times, round-
robin over R repetitions: our full build (`make html`), stock Pelican, Hugo, and ours
again with nothing changed, after one word edited, one article added, one deleted. The
table, with ratios, goes to docs/performance.md (see bench/performance_doc.py), together
with the results of earlier runs of other sizes. --profile runs the full build under
cProfile instead and writes its phases into the same page as "Profile LABEL".
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

BENCH = Path(__file__).resolve().parent

import build_profile  # noqa: E402
import performance_doc  # noqa: E402
import sites  # noqa: E402

ROOT = BENCH.parent
DEFAULT_COUNTS = [1000, 10000]
LARGE_COUNT = 100_000
CHANGES = ["edit", "new", "delete"]


def default_repetitions(count: int) -> int:
    """Three where a repetition takes minutes; one where it takes the better part of an hour."""
    return 3 if count < 10_000 else 1


def versions() -> dict[str, str]:
    hugo = subprocess.run(
        [str(sites.hugo_binary()), "version"], capture_output=True, text=True, check=True
    ).stdout
    return {
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "markdown": version("markdown"),
        "jinja2": version("jinja2"),
        "pagefind": version("pagefind_bin"),
        "hugo": hugo.split()[1].split("-")[0].removeprefix("v"),
    }


def commit(doc: Path) -> str:
    """HEAD, "-dirty" if a tracked file differs from it (but the page this run writes)."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    head = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", f":!{doc.resolve()}")
    return head + ("-dirty" if changed.strip() else "")


def now() -> str:
    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:%M (GMT+7)")


def command_line() -> str:
    return shlex.join(["python", "bench/build_speed.py", *sys.argv[1:]])


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure_count(count: int, repetitions: int, work: Path, doc: Path) -> dict:
    """One interleaved run at `count` articles: every row's samples and the run's facts."""
    load_before = os.getloadavg()[0]
    ours = sites.OurSite(work / "site", count)
    ours.lay_out()
    stock = sites.StockPelican(ours.content, work)
    hugo = sites.Hugo(ours.content / "articles", work)
    samples: dict[str, list[dict]] = {key: [] for key, _, _ in performance_doc.FIGURES}

    def timed(key: str, build) -> None:
        usage = build()
        samples[key].append(asdict(usage))
        say(f"  {count} {key}: {usage.wall_s:.1f} s, {usage.peak_mb:.0f} MB")

    for repetition in range(1, repetitions + 1):
        say(f"{count} articles, repetition {repetition}/{repetitions}")
        ours.clean()
        timed("full", lambda: ours.build("full"))
        timed("stock", stock.build)
        timed("hugo_bare", lambda: hugo.build(related=False))
        timed("hugo", hugo.build)  # last, so the kept Hugo output has its related lists
        timed("no_change", lambda: ours.build("no-change"))
        for change in CHANGES:
            saved, check = {
                "edit": ours.edit_one_word,
                "new": ours.add_article,
                "delete": ours.delete_article,
            }[change]()
            timed(change, lambda change=change: ours.build(change))
            check()
            saved.restore()
            if change != CHANGES[-1] or repetition < repetitions:
                ours.build(f"restore-after-{change}")  # untimed: back to the built state
    return {
        "articles": count,
        "repetitions": repetitions,
        "date": now(),
        "cores": os.cpu_count(),
        "load": [load_before, os.getloadavg()[0]],
        "versions": versions(),
        "commit": commit(doc),
        "command": command_line(),
        "files": {
            "ours": count_files(ours.output),
            "stock": count_files(stock.output),
            "hugo": count_files(hugo.output),
        },
        "samples": samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=DEFAULT_COUNTS)
    parser.add_argument("--large", action="store_true", help=f"also {LARGE_COUNT:,} articles")
    parser.add_argument(
        "--repeat", type=int, help="repetitions of each row (default: 3 below 10,000, else 1)"
    )
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "build-bench", help="scratch"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the full build instead")
    parser.add_argument("--label", help="with --profile: the section's name (before, after...)")
    args = parser.parse_args()

    data = performance_doc.load(args.doc)
    try:
        if args.profile:
            if not args.label:
                parser.error("--profile needs --label (for example --label before)")
            profile = build_profile.profile(args.profile, args.work / f"profile-{args.profile}")
            data["profiles"][args.label] = profile | {
                "date": now(),
                "commit": commit(args.doc),
                "command": command_line(),
                "versions": {"pelican": version("pelican")},
            }
            performance_doc.save(args.doc, data)
        else:
            counts = args.counts + ([LARGE_COUNT] if args.large else [])
            for count in counts:
                repetitions = args.repeat or default_repetitions(count)
                data["runs"][str(count)] = measure_count(
                    count, repetitions, args.work / str(count), args.doc
                )
                performance_doc.save(args.doc, data)  # each size as soon as it is measured
        say(f"written: {args.doc}")
    finally:
        if not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
