"""Sitemap files as the sitemaps.org protocol wants them: at most 50,000 URLs each."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from portal.output import write_output

URLS_PER_FILE = 50_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True, order=True)
class Entry:
    url: str
    modified: datetime | None = None


def _urlset(entries: Sequence[Entry]) -> str:
    rows = []
    for entry in entries:
        lastmod = f"<lastmod>{entry.modified.isoformat()}</lastmod>" if entry.modified else ""
        rows.append(f"<url><loc>{escape(entry.url)}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{NAMESPACE}">\n' + "\n".join(rows) + "\n</urlset>\n"
    )


def write_sitemaps(output: Path, base_url: str, entries: Sequence[Entry]) -> list[Path]:
    """sitemap.xml itself when it fits, else sitemap.xml indexing sitemap-N.xml files."""
    entries = sorted(entries)
    if len(entries) <= URLS_PER_FILE:
        path = output / "sitemap.xml"
        write_output(output, path.name, _urlset(entries).encode("utf-8"))
        return [path]
    written = []
    for number, start in enumerate(range(0, len(entries), URLS_PER_FILE), start=1):
        part = output / f"sitemap-{number}.xml"
        write_output(
            output, part.name, _urlset(entries[start : start + URLS_PER_FILE]).encode("utf-8")
        )
        written.append(part)
    index_rows = "\n".join(
        f"<sitemap><loc>{escape(base_url)}/{part.name}</loc></sitemap>" for part in written
    )
    index = output / "sitemap.xml"
    write_output(
        output,
        index.name,
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="{NAMESPACE}">\n{index_rows}\n</sitemapindex>\n'
        ).encode(),
    )
    return [index, *written]


def write_robots(output: Path, base_url: str) -> Path:
    path = output / "robots.txt"
    write_output(
        output, path.name, f"User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n".encode()
    )
    return path
