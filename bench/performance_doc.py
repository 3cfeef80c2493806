"""docs/performance.md, written whole from the measurements it carries at its end.

Each run of bench/build_speed.py replaces the data of the article counts (or the profile
label) it measured and keeps the rest, then writes the page again from all of it: the
tables always have the same shape, and any of them can be measured again alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from statistics import median

DATA_MARK = "<!-- build_speed data:"
DATA = re.compile(re.escape(DATA_MARK) + r" (.*) -->\s*\Z", re.S)

# In table order: key, short name, label ({pelican} and {hugo}: the versions measured).
FIGURES = [
    (
        "full",
        "ours, full",
        "ours, full build (`make html`'s command: every feature and the search index)",
    ),
    ("no_change", "ours, no change", "ours, again with nothing changed"),
    ("edit", "ours, one word edited", "ours, after one word of one article's body changed"),
    ("new", "ours, one article added", "ours, after one new article"),
    ("delete", "ours, one article deleted", "ours, after one article deleted"),
    ("stock", "stock Pelican", "stock Pelican {pelican}, default theme, no plugins"),
    ("hugo", "Hugo", "Hugo {hugo} (pages, categories, tags, related content)"),
    ("hugo_bare", "Hugo, no related", "Hugo {hugo} without related content"),
]
INCREMENTAL = {"no_change", "edit", "new", "delete"}

INTRO = """\
# Build speed

How long a build takes, measured side by side with stock Pelican and Hugo on the same
synthetic Vietnamese articles (`bench/generate.py`). Written by `bench/build_speed.py`;
do not edit by hand: run it again.

```sh
make bench                                   # 1,000 and 10,000 articles, into this page
make bench BENCH_FLAGS=--large               # 100,000 articles as well
.venv/bin/python bench/build_speed.py --counts 1000 --repeat 3   # one size again
.venv/bin/python bench/build_speed.py --profile 2000 --label before   # a profile section
```

What each row is:

- **ours, full**: `make html` in a folder laid out like the repository, with the
  generated articles as its content/ and the site's registry of documents, starting with
  no output and no cache. It is whatever `make html` runs, so it measures the build as it
  is when the benchmark runs.
- **ours, after a change**: from the state the full build left (same output folder,
  whatever cache the build keeps), `make html` again after nothing changed; after one word
  of one article's body changed; after one new article (dated after all the others, so
  the newest); after one article was deleted. Each build is checked to show its change
  (the word on the page, the new page, the page gone). The content is then put back,
  bytes and modification time, and the site built again untimed, so every change starts
  from the same built state.
- **stock Pelican**: the same articles, `bench/stock_pelicanconf.py` (default theme, no
  plugins, 20 articles a page), into a fresh folder.
- **Hugo**: the same articles with their metadata as Hugo front matter, the small theme in
  `bench/hugo/` (article pages, home, category and tag pages paginated by 20, related
  content from Hugo's own `related` settings on tags and year), into a fresh folder with
  an empty cache; "without related content" is the same build with `no-related.toml`.
  With the generator's dozen tags each article shares a tag with thousands of others, and
  Hugo weighs every such pair, so its related content grows with the square of the
  articles: compare with both rows.

The runs go round-robin (full, stock, both Hugo builds, the four changes; then again), so the
machine's load falls on all of them alike: it is shared, so read the ratios, which come
from one run. Wall time is median and min-max over the repetitions; CPU is user + system
seconds of the whole process tree; peak memory is the largest resident size of any one
process of the build (getrusage of the child), or the proportional size of the whole
process tree sampled every 0.2 s when that is larger (processes side by side). The other
sessions on the machine lengthen wall times far more than CPU times, so when the load
average shown is above the number of cores, the CPU ratio is the steadier comparison (it
does not show what a second core gains, where a build uses it).
"""


def load(doc: Path) -> dict:
    if not doc.exists():
        return {"runs": {}, "profiles": {}}
    found = DATA.search(doc.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"{doc}: no measurements at its end; is it this benchmark's page?")
    return json.loads(found.group(1))


def save(doc: Path, data: dict) -> None:
    doc.parent.mkdir(parents=True, exist_ok=True)
    text = render(data)
    doc.write_text(
        text + "\n" + DATA_MARK + " " + json.dumps(data, ensure_ascii=False) + " -->\n",
        encoding="utf-8",
    )


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "-"


def summarise(samples: list[dict]) -> dict:
    walls = [s["wall_s"] for s in samples]
    return {
        "wall": median(walls),
        "min": min(walls),
        "max": max(walls),
        "cpu": median(s["cpu_s"] for s in samples),
        "peak_mb": max(s["peak_mb"] for s in samples),
    }


def run_section(run: dict) -> str:
    count = run["articles"]
    stats = {key: summarise(samples) for key, samples in run["samples"].items()}
    versions = run["versions"]
    lines = [
        f"## {count:,} articles",
        "",
        f"Measured {run['date']} on {run['cores']} cores (load average {run['load'][0]:.1f} "
        f"before, {run['load'][1]:.1f} after), commit `{run['commit']}`; "
        f"{run['repetitions']} repetition{'s' if run['repetitions'] > 1 else ''} of each row. "
        f"Python {versions['python']}, Pelican {versions['pelican']}, Markdown "
        f"{versions['markdown']}, Jinja2 {versions['jinja2']}, Pagefind {versions['pagefind']}, "
        f"Hugo {versions['hugo']}. Command: `{run['command']}`.",
        "",
        "| build | wall (median) | min-max | CPU | CPU vs stock Pelican | peak memory "
        "| per article | vs stock Pelican | vs Hugo | vs our full build |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    stock, hugo, full = stats["stock"]["wall"], stats["hugo"]["wall"], stats["full"]["wall"]
    for key, _, label in FIGURES:
        s = stats[key]
        lines.append(
            f"| {label.format(**versions)} | {seconds(s['wall'])} "
            f"| {s['min']:.1f}-{s['max']:.1f} s | {seconds(s['cpu'])} "
            f"| {ratio(s['cpu'], stats['stock']['cpu'])} "
            f"| {s['peak_mb']:,.0f} MB | {1000 * s['wall'] / count:.2f} ms "
            f"| {ratio(s['wall'], stock)} | {ratio(s['wall'], hugo)} "
            f"| {ratio(s['wall'], full) if key in INCREMENTAL else '-'} |"
        )
    files = run["files"]
    lines += [
        "",
        f"Files written: ours {files['ours']:,}, stock Pelican {files['stock']:,}, "
        f"Hugo {files['hugo']:,}.",
    ]
    return "\n".join(lines)


def growth_section(runs: list[dict]) -> str:
    """Milliseconds per article at each size: flat means linear growth."""
    lines = [
        "## Time per article",
        "",
        "Median wall time divided by the number of articles, from the sections above (each "
        "size from its own run, so the machine's load may differ between columns). A row "
        "that stays flat grows linearly; one that grows with the size grows faster.",
        "",
        "| build | " + " | ".join(f"{run['articles']:,}" for run in runs) + " |",
        "|---|" + "--:|" * len(runs),
    ]
    for key, name, _ in FIGURES:
        cells = [
            f"{1000 * summarise(run['samples'][key])['wall'] / run['articles']:.2f} ms"
            for run in runs
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def profile_section(label: str, profile: dict) -> str:
    total = profile["total_s"]
    lines = [
        f"## Profile {label}",
        "",
        f"The full build (`make html`'s command) under cProfile at {profile['articles']:,} "
        f"articles: {seconds(total)} in all (profiling slows Python code, so more than "
        f"unprofiled), measured {profile['date']}, commit `{profile['commit']}`, "
        f"Pelican {profile['versions']['pelican']}. Command: `{profile['command']}`.",
        "",
        "Phases nest: each row is the time spent inside that phase, including what it "
        "called; the column *within* names the phase it runs inside, when there is one, so "
        "the shares do not add up to 100 %. A plugin's row counts the time from Pelican "
        "calling it (signals, its generators), with the pages it writes through Pelican's "
        "writer (also counted in the writer's row), not its template filters, which run "
        "inside rendering. Work in processes the build starts (Pagefind) is waited for, so it "
        "counts as the wall time of that wait.",
        "",
        "| phase | seconds | share | within | of it, writing pages | calls |",
        "|---|--:|--:|---|--:|--:|",
    ]
    for phase in profile["phases"]:
        writing = f"{phase['writing']:.1f} s" if phase.get("writing") else ""
        lines.append(
            f"| {phase['name']} | {phase['seconds']:.1f} | {100 * phase['seconds'] / total:.0f} % "
            f"| {phase['within'] or ''} | {writing} | {phase['calls']:,} |"
        )
    lines += [
        "",
        f"The {len(profile['top'])} functions with the most cumulative time:",
        "",
        "| function | seconds | share | calls |",
        "|---|--:|--:|--:|",
    ]
    for row in profile["top"]:
        lines.append(
            f"| `{row['function']}` | {row['seconds']:.1f} | {100 * row['seconds'] / total:.0f} % "
            f"| {row['calls']:,} |"
        )
    return "\n".join(lines)


def render(data: dict) -> str:
    runs = [data["runs"][key] for key in sorted(data["runs"], key=int)]
    sections = [INTRO.rstrip()]
    sections += [run_section(run) for run in runs]
    if runs:
        sections.append(growth_section(runs))
    profiles = sorted(data["profiles"].items(), key=lambda item: item[1]["date"])
    sections += [profile_section(label, profile) for label, profile in profiles]
    return "\n\n".join(sections) + "\n"
