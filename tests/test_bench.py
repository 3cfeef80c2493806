"""The build benchmark (bench/build_speed.py) run end to end on 20 articles, one repetition:
the page it writes, the sites it builds (ours, stock Pelican, Hugo with bench/hugo's
theme), its profile, and how it measures memory. No timing is asserted: only that every
figure was measured and the ratios are those of the medians.
"""

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import hugo_content  # noqa: E402
import measure  # noqa: E402
import performance_doc  # noqa: E402
import sites  # noqa: E402

COUNT = 20


def run_bench(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH / "build_speed.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def bench(tmp_path_factory) -> tuple[Path, Path]:
    """The page written by a run at 20 articles, and its kept scratch folder."""
    work = tmp_path_factory.mktemp("bench")
    doc = work / "performance.md"
    run_bench(
        "--counts",
        str(COUNT),
        "--repeat",
        "1",
        "--doc",
        str(doc),
        "--work",
        str(work / "scratch"),
        "--keep",
    )
    return doc, work / "scratch" / str(COUNT)


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def doc_tables(doc: Path) -> dict[str, list[list[str]]]:
    """Each table of the page (Markdown rendered to HTML), under the heading before it."""
    html = markdown.markdown(doc.read_text(encoding="utf-8"), extensions=["tables"])
    tables = {}
    for table in BeautifulSoup(html, "html.parser").find_all("table"):
        heading = table.find_previous("h2").get_text()
        rows = [
            [cell.get_text() for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")
        ]
        tables.setdefault(heading, rows)
    return tables


def test_every_build_is_measured_and_compared_by_its_median(bench):
    doc, _ = bench
    run = performance_doc.load(doc)["runs"][str(COUNT)]
    medians = {
        key: performance_doc.summarise(samples)["wall"] for key, samples in run["samples"].items()
    }
    header, *rows = doc_tables(doc)[f"{COUNT} articles"]
    assert header[-3:] == ["vs stock Pelican", "vs Hugo", "vs our full build"]
    assert [row[0].split(" ")[0:2] for row in rows] == [
        ["ours,", "full"],
        ["ours,", "again"],
        ["ours,", "after"],
        ["ours,", "after"],
        ["ours,", "after"],
        ["stock", "Pelican"],
        ["Hugo", "0.168.0"],
        ["Hugo", "0.168.0"],
    ]
    for (key, _, _), row in zip(performance_doc.FIGURES, rows, strict=True):
        assert len(run["samples"][key]) == 1
        sample = run["samples"][key][0]
        assert sample["wall_s"] > 0 and sample["cpu_s"] > 0 and sample["peak_mb"] > 10
        assert row[-3] == f"{medians[key] / medians['stock']:.2f}x"
        cpu = {k: performance_doc.summarise(v)["cpu"] for k, v in run["samples"].items()}
        assert row[4] == f"{cpu[key] / cpu['stock']:.2f}x"
        assert row[-2] == f"{medians[key] / medians['hugo']:.2f}x"
        expected = (
            f"{medians[key] / medians['full']:.2f}x" if key in performance_doc.INCREMENTAL else "-"
        )
        assert row[-1] == expected
    growth_header, *growth = doc_tables(doc)["Time per article"]
    assert growth_header == ["build", f"{COUNT}"]
    assert len(growth) == len(performance_doc.FIGURES)


def test_the_three_sites_hold_every_article(bench):
    """Ours as the last change left it: every article but the one deleted."""
    _, work = bench
    ours = {p.parent.name for p in (work / "site" / "output" / "tin").glob("*/*/index.html")}
    stock = {p.parent.name for p in (work / "stock-output" / "tin").glob("*/*/index.html")}
    hugo = {p.parent.name for p in (work / "hugo-output" / "tin").glob("*/*/index.html")}
    content = work / "site" / "content"
    deleted = sites.slug_of(sites.article_path(content, COUNT // 3))
    assert len(stock) == COUNT
    assert hugo == stock
    assert ours == stock - {deleted}


def test_hugo_pages_show_categories_tags_and_related_articles(bench):
    _, work = bench
    output = work / "hugo-output"
    article = sites.article_path(work / "site" / "content", 7)
    header = dict(
        line.split(": ", 1)
        for line in article.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    )
    shown = page(sites.page_of(output, header["Slug"]))
    assert shown.find("h1").get_text() == header["Title"]
    assert shown.html["lang"] == "vi"
    category = shown.find("article").find("a", string=header["Category"])
    assert (output / category["href"].strip("/") / "index.html").is_file()
    tags = [a.get_text() for a in shown.select("ul.tags a")]
    assert sorted(tags) == sorted(t.strip() for t in header["Tags"].split(","))
    related = shown.select("section.related a")
    assert related, "no related articles"
    for link in related:
        assert (output / link["href"].strip("/") / "index.html").is_file()
    listed = page(output / category["href"].strip("/") / "index.html").select("main li a")
    assert 0 < len(listed) <= 20


def test_profile_splits_the_build_into_phases(tmp_path):
    doc = tmp_path / "performance.md"
    run_bench(
        "--profile",
        str(COUNT),
        "--label",
        "test",
        "--doc",
        str(doc),
        "--work",
        str(tmp_path / "scratch"),
    )
    profile = performance_doc.load(doc)["profiles"]["test"]
    phases = {phase["name"]: phase["seconds"] for phase in profile["phases"]}
    for name in [
        "reading articles (Pelican's readers)",
        "Markdown",
        "rendering templates (Jinja)",
        "plugin regulations",
        "plugin date_archives",
        "plugin search_index",
    ]:
        assert 0 < phases[name] < profile["total_s"], name
    assert doc_tables(doc)["Profile test"][0][0] == "phase"


def test_peak_memory_adds_up_processes_side_by_side(tmp_path):
    """Two children holding 150 MB each at once: the tree's peak is their sum, which
    getrusage alone (the largest process) would not show."""
    hold = "import time; block = bytearray(150 * 2**20); block[::4096] = b'x' * len(block[::4096]); time.sleep(1.5)"
    both = f"import subprocess, sys; ps = [subprocess.Popen([sys.executable, '-c', {hold!r}]) for _ in range(2)]; [p.wait() for p in ps]"
    usage = measure.run([sys.executable, "-c", both], cwd=tmp_path, log=tmp_path / "log")
    assert usage.peak_mb >= 290


def test_a_failing_command_is_reported(tmp_path):
    with pytest.raises(measure.CommandFailed, match="nope"):
        measure.run(
            [sys.executable, "-c", "raise SystemExit('nope')"], cwd=tmp_path, log=tmp_path / "log"
        )


# Metadata values as editors type them: letters with their marks, digits, punctuation, symbols, spaces.
VALUE = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1)
# A tag is one of the comma-separated values, without the spaces around it.
TAG = VALUE.filter(lambda tag: "," not in tag and tag.strip() == tag and tag)


@given(title=VALUE, summary=VALUE, tags=st.lists(TAG, min_size=1))
def test_hugo_front_matter_keeps_every_value(title, summary, tags):
    header = "\n".join(
        [
            f"Title: {title}",
            "Date: 2021-07-27 15:46",
            "Category: Lý luận chính trị",
            f"Tags: {', '.join(tags)}",
            "Slug: bai-viet",
            f"Summary: {summary}",
        ]
    )
    front = yaml.safe_load(hugo_content.front_matter(header).split("---\n")[1])
    assert front["title"] == title
    assert front["summary"] == summary
    assert front["tags"] == tags
    assert front["categories"] == ["Lý luận chính trị"]
