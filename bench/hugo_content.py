"""The benchmark's Pelican articles as a Hugo site: the same Markdown bodies, with the
metadata lines turned into Hugo's YAML front matter, beside bench/hugo's config and layouts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HUGO_THEME = Path(__file__).resolve().parent / "hugo"


def front_matter(header: str) -> str:
    """Pelican's `Key: value` lines (as bench/generate.py writes them) as YAML."""
    meta = dict(line.split(": ", 1) for line in header.splitlines())
    # JSON strings and lists are YAML too, with every quote and backslash escaped.
    fields = {
        "title": json.dumps(meta["Title"], ensure_ascii=False),
        "date": meta["Date"].replace(" ", "T") + ":00",  # local time, in hugo.toml's timeZone
        "slug": json.dumps(meta["Slug"]),
        "categories": json.dumps([meta["Category"]], ensure_ascii=False),
        "tags": json.dumps(
            [t.strip() for t in meta.get("Tags", "").split(",") if t.strip()], ensure_ascii=False
        ),
        "author": json.dumps(meta.get("Author", ""), ensure_ascii=False),
        "summary": json.dumps(meta.get("Summary", ""), ensure_ascii=False),
    }
    if "Province" in meta:
        fields["province"] = json.dumps(meta["Province"], ensure_ascii=False)
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n"


def convert(article: Path) -> str:
    header, body = article.read_text(encoding="utf-8").split("\n\n", 1)
    return front_matter(header) + "\n" + body


def make_site(articles: Path, site: Path) -> int:
    """Write a Hugo site at `site` (config, layouts, content/tin/...) from the Markdown
    files under `articles`; returns how many articles it holds."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HUGO_THEME, site)
    count = 0
    for article in sorted(articles.rglob("*.md")):
        target = site / "content" / "tin" / article.relative_to(articles)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(convert(article), encoding="utf-8")
        count += 1
    return count
