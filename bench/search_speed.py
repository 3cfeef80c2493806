"""Search budgets on synthetic sites: index size, time and memory; bytes and time per query.

Usage: python bench/search_speed.py [--counts 1000 10000] [--work DIR] [--shard-years N]

For each article count: generate the content (bench/generate.py), build the site with
the search_index plugin under /usr/bin/time -v (build time and peak memory, with the
indexing time the plugin logs), index it again with Pagefind alone with and without the
đ-folded field (the growth folding costs), then in headless Chromium measure for each
kind of query the bytes fetched from the bundle and the time from the last keystroke
to the results being shown. Prints one JSON object per count.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))  # the one http server and Chromium launcher

import pagefind_bin  # noqa: E402
from browser import chromium, serve  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

QUERIES = {
    # 208-QĐ/TW is in a seed sentence, so cited by a third of the synthetic articles;
    # 113-KL/TW is cited by a few, as most documents are.
    "document number, cited by 1/3 of articles (208-QĐ/TW)": "208-QĐ/TW",
    "document number, cited by 1/3 of articles (qđ 208)": "qđ 208",
    "document number, cited by a few (Kết luận 113-KL/TW)": "Kết luận 113-KL/TW",
    "two common syllables (chinh tri)": "chinh tri",
    "unaccented with đ (dang bo)": "dang bo",
    "accented with đ (đường lối)": "đường lối",
    "one rare word (Mác-Lênin)": "Mác-Lênin",
}
DONE = re.compile(r"^(Tìm thấy|Không tìm thấy)")


def timed(command: list[str], **kwargs) -> tuple[subprocess.CompletedProcess, dict]:
    """Run under /usr/bin/time -v: wall seconds and peak resident memory (MB)."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return done, {"seconds": round(seconds, 1), "peak_mb": round(rss / 1024)}


def build(content: Path, output: Path, shard_years: int) -> dict:
    base = read_settings(str(ROOT / "pelicanconf.py"))
    plugins = list(base["PLUGINS"])
    for name in ("regulations", "search_index"):
        if name not in plugins:
            plugins.append(name)
    templates = list(base["DIRECT_TEMPLATES"]) + [t for t in ["search"] if t not in base["DIRECT_TEMPLATES"]]
    extra = {
        "PLUGINS": plugins, "DIRECT_TEMPLATES": templates,
        "SEARCH_SAVE_AS": "tim-kiem/index.html", "SEARCH_URL": "tim-kiem/",
        "SEARCH_INDEX_SHARD_YEARS": shard_years,
    }
    # -v: the plugin logs each Pagefind run's time at INFO level.
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py", "-v"]
    # One -e with every override: Pelican keeps only the last -e given.
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    done, usage = timed(command, cwd=ROOT)
    logged = re.findall(r"Chỉ mục tìm kiếm (\S+): ([\d.]+) s", re.sub(r"\s+", " ", done.stdout + done.stderr))
    usage["index_seconds"] = {bundle: float(s) for bundle, s in logged}
    return usage


def bundle_bytes(folder: Path) -> dict:
    def size(paths):
        return sum(p.stat().st_size for p in paths if p.is_file())

    data = [p for p in folder.rglob("*") if p.suffix in (".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta")]
    return {
        "index_mb": round(size(folder.glob("index/*")) / 1e6, 2),
        "fragments_mb": round(size(folder.glob("fragment/*")) / 1e6, 2),
        "data_mb": round(size(data) / 1e6, 2),
        "files": len(data),
    }


def folding_growth(output: Path) -> dict:
    """Pagefind alone over the built articles, with and without the folded field."""
    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, strip in (("without_fold", True), ("with_fold", False)):
            site = Path(tmp) / label
            for page in output.joinpath("tin").rglob("index.html"):
                target = site / page.relative_to(output)
                target.parent.mkdir(parents=True, exist_ok=True)
                html = page.read_text(encoding="utf-8")
                if strip:
                    html = re.sub(r'<span hidden data-pagefind-meta="khongdau\[data-value\]"[^>]*></span>', "", html)
                target.write_text(html, encoding="utf-8")
            command = [str(pagefind_bin.get_executable()), "--site", str(site), "--force-language", "vi", "--quiet"]
            _, usage = timed(command)
            result[label] = {**usage, **bundle_bytes(site / "pagefind")}
    base, folded = result["without_fold"]["data_mb"], result["with_fold"]["data_mb"]
    result["growth_percent"] = round(100 * (folded - base) / base, 1)
    return result


def scaled_shards(output: Path, factor: int, work: Path) -> dict:
    """Pagefind on `factor` copies of the built articles, one run per year (as the plugin
    shards with SEARCH_INDEX_SHARD_YEARS = 1): time and peak memory of each run, sizes,
    and one merged query in the browser. Stands in for a site `factor` times bigger
    without running Pelican on it."""
    site = work / f"scaled-x{factor}"
    shutil.rmtree(site, ignore_errors=True)
    pages = sorted(output.joinpath("tin").glob("*/*/index.html"))
    for copy in range(factor):
        for page in pages:
            target = site / "tin" / page.parent.parent.name / f"{page.parent.name}-{copy}" / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.read_bytes())
    years = sorted((p.name for p in site.joinpath("tin").iterdir()), reverse=True)
    runs = {}
    for number, year in enumerate(years):
        bundle = "pagefind" if number == 0 else f"pagefind-{year}-{year}"
        command = [
            str(pagefind_bin.get_executable()), "--site", str(site), "--output-subdir", bundle,
            "--glob", f"tin/{year}/**/*.html", "--force-language", "vi", "--quiet",
        ]
        _, usage = timed(command)
        runs[year] = {**usage, "pages": len(list(site.joinpath("tin", year).iterdir())), **bundle_bytes(site / bundle)}
    report = {
        "pages": len(pages) * factor,
        "runs": runs,
        "total_seconds": round(sum(r["seconds"] for r in runs.values()), 1),
        "max_peak_mb": max(r["peak_mb"] for r in runs.values()),
        "total_data_mb": round(sum(r["data_mb"] for r in runs.values()), 1),
    }
    report["merged_queries"] = merged_query_costs(site, years)
    return report


def merged_query_costs(site: Path, years: list[str]) -> dict:
    site.joinpath("robots.txt").write_text("")
    shards = [f"/pagefind-{y}-{y}/" for y in years[1:]]
    costs = {}
    with serve(site) as base, chromium() as browser:
        for query in ("chinh tri", "208qdtw", "dang bo"):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{base}/robots.txt")
            fetched = []
            page.on("requestfinished", lambda r: fetched.append(r))
            result = page.evaluate(
                """async ([shards, query]) => {
                    const pf = await import('/pagefind/pagefind.js');
                    await Promise.all(shards.map(s => pf.mergeIndex(s)));
                    await pf.init();
                    await new Promise(r => setTimeout(r, 300));
                    const before = performance.now();
                    const found = await pf.search(query);
                    await Promise.all(found.results.slice(0, 10).map(r => r.data()));
                    return {results: found.results.length, ms: performance.now() - before};
                }""",
                [shards, query],
            )
            total = sum(r.sizes()["responseBodySize"] for r in fetched if "/pagefind" in r.url)
            costs[query] = {**result, "ms": round(result["ms"]), "kb_with_shard_metadata": round(total / 1024)}
            context.close()
    return costs


def query_costs(output: Path) -> dict:
    costs = {}
    with serve(output) as base, chromium() as browser:
        for kind, query in QUERIES.items():
            context = browser.new_context()  # empty cache: every query pays its own bytes
            page = context.new_page()
            fetched = []
            page.on("requestfinished", lambda r: fetched.append(r))
            page.goto(f"{base}/tim-kiem/")
            page.wait_for_load_state("networkidle")
            start_count = len(fetched)
            box = page.locator("#search-q")
            box.focus()
            page.keyboard.type(query[:-1], delay=60)
            page.evaluate("document.getElementById('search-status').textContent = ''")
            page.keyboard.type(query[-1])
            typed = time.perf_counter()
            # Locator waits: the site's Content-Security-Policy forbids eval-based ones.
            page.locator("#search-status", has_text=DONE).wait_for(timeout=30000)
            shown_ms = (time.perf_counter() - typed) * 1000
            page.wait_for_load_state("networkidle")
            search_bytes = 0
            for request in fetched[start_count:]:
                if "/pagefind" in request.url:
                    sizes = request.sizes()
                    search_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            load_bytes = 0
            for request in fetched[:start_count]:
                if "/pagefind" in request.url:
                    sizes = request.sizes()
                    load_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            costs[kind] = {
                "query": query,
                "status": page.inner_text("#search-status"),
                "typed_results_shown_ms": round(shown_ms),
                "typed_query_kb": round(search_bytes / 1024, 1),
                "page_load_index_kb": round(load_bytes / 1024, 1),
            }
            context.close()
            # The same query pasted and submitted at once: the cost of that query alone,
            # without the searches typing starts on the way.
            context = browser.new_context()
            page = context.new_page()
            fetched = []
            page.on("requestfinished", lambda r: fetched.append(r))
            page.goto(f"{base}/tim-kiem/")
            page.wait_for_load_state("networkidle")
            start_count = len(fetched)
            page.evaluate("(q) => { document.getElementById('search-q').value = q; }", query)
            page.press("#search-q", "Enter")
            submitted = time.perf_counter()
            page.locator("#search-status", has_text=DONE).wait_for(timeout=60000)
            costs[kind]["submitted_results_shown_ms"] = round((time.perf_counter() - submitted) * 1000)
            page.wait_for_load_state("networkidle")
            total = sum(
                r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                for r in fetched[start_count:] if "/pagefind" in r.url
            )
            costs[kind]["submitted_query_kb"] = round(total / 1024, 1)
            context.close()
    return costs


# Pagefind's own search, without the page: where a query's time goes. "preload" is
# fetching and decoding the index chunks of the query's words, "search" the WebAssembly
# matching and scoring; a category filter keeps the same chunks but fewer result pages.
ALONE_JS = """async ([query, category]) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.init();
    const filters = category ? {category} : {};
    const found = await pf.search(query, {filters});
    const [t] = found.timings;
    return {results: found.results.length, preload_ms: Math.round(t.preload), search_ms: Math.round(t.search)};
}"""


def pagefind_alone(output: Path, category: str | None = None) -> dict:
    costs = {}
    with serve(output) as base, chromium() as browser:
        for query in ("chinh", "tri", "chinh tri", '"chinh tri"', "dang bo"):
            for scope in (None, category) if category else (None,):
                context = browser.new_context()
                page = context.new_page()
                page.goto(f"{base}/robots.txt")
                fetched = []
                page.on("requestfinished", lambda r: fetched.append(r))
                result = page.evaluate(ALONE_JS, [query, scope])
                chunks = sum(r.sizes()["responseBodySize"] for r in fetched if r.url.endswith(".pf_index"))
                costs[f"{query} ({scope or 'mọi chuyên mục'})"] = {**result, "index_kb": round(chunks / 1024)}
                context.close()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "search-bench")
    parser.add_argument("--shard-years", type=int, default=0)
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep a built site; refresh its theme files")
    parser.add_argument("--scale", type=int, default=0, help="also index N copies of the articles, sharded by year")
    parser.add_argument("--alone", metavar="CATEGORY", nargs="?", const="", default=None,
                        help="also time Pagefind's search() alone, optionally within a category")
    args = parser.parse_args()
    for count in args.counts:
        folder = args.work / str(count)
        content = folder / "content"
        if not content.exists():
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(count), str(content)], check=True)
        output = folder / f"output-shard{args.shard_years}"
        report = {"articles": count, "shard_years": args.shard_years}
        if args.reuse and output.exists():
            shutil.copytree(ROOT / "theme" / "static", output / "theme", dirs_exist_ok=True)
        else:
            shutil.rmtree(output, ignore_errors=True)
            report["build"] = build(content, output, args.shard_years)
        bundles = sorted(p for p in output.iterdir() if p.name.startswith("pagefind"))
        report["bundles"] = {b.name: bundle_bytes(b) for b in bundles}
        if not args.skip_growth and not args.reuse:
            report["folding"] = folding_growth(output)
        if not args.skip_queries:
            report["queries"] = query_costs(output)
        if args.alone is not None:
            report["pagefind_alone"] = pagefind_alone(output, args.alone or None)
        if args.scale:
            report["scaled"] = scaled_shards(output, args.scale, folder)
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
