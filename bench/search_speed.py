"""Search budgets on synthetic sites: index size, time and memory; bytes and time per query.

Usage: python bench/search_speed.py [--counts 1000 10000] [--work DIR] [--shard-size N]

For each article count: generate the content (bench/generate.py), build the site with
the search_index plugin under /usr/bin/time -v (build time and peak memory, with the
indexing time the plugin logs), index it again with Pagefind alone with and without the
đ-folded field (the growth folding costs), then in headless Chromium measure for each
kind of query the bytes fetched from the bundle and the time from the last keystroke
to the results being shown (timed in the page). Prints one JSON object per count.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the one http server and Chromium launcher

import pagefind_bin  # noqa: E402
from browser import chromium, serve, type_in_page  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from search_index import indexer  # noqa: E402
from search_index.settings import load as search_settings  # noqa: E402

QUERIES = {
    # 208-QĐ/TW is in a seed sentence, so cited by a third of the synthetic articles;
    # 113-KL/TW is cited by a few, as most documents are.
    "document number, cited by 1/3 of articles (208-QĐ/TW)": "208-QĐ/TW",
    "document number, cited by 1/3 of articles (qđ 208)": "qđ 208",
    "document number, cited by a few (Kết luận 113-KL/TW)": "Kết luận 113-KL/TW",
    "document number with other words (208-QĐ/TW trung tâm)": "208-QĐ/TW trung tâm",
    "two common syllables (chinh tri)": "chinh tri",
    "unaccented with đ (dang bo)": "dang bo",
    "accented with đ (đường lối)": "đường lối",
    "one rare word (Mác-Lênin)": "Mác-Lênin",
}
DONE = re.compile(r"^(Tìm thấy|Không tìm thấy)")


def timed(command: list[str], **kwargs) -> tuple[subprocess.CompletedProcess, dict]:
    """Run under /usr/bin/time -v: wall seconds and peak resident memory (MB)."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, **kwargs
    )
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    # GNU time -v prints both lines, whatever the command did.
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    assert peak is not None and wall is not None, done.stderr[-3000:]
    rss = int(peak.group(1))
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return done, {"seconds": round(seconds, 1), "peak_mb": round(rss / 1024)}


def build(content: Path, output: Path, shard_size: int | None) -> dict:
    base = read_settings(str(ROOT / "pelicanconf.py"))
    plugins = list(base["PLUGINS"])
    for name in ("regulations", "search_index"):
        if name not in plugins:
            plugins.append(name)
    templates = list(base["DIRECT_TEMPLATES"]) + [
        t for t in ["search"] if t not in base["DIRECT_TEMPLATES"]
    ]
    extra: dict[str, list[str] | str | int] = {
        "PLUGINS": plugins,
        "DIRECT_TEMPLATES": templates,
        "SEARCH_SAVE_AS": "tim-kiem/index.html",
        "SEARCH_URL": "tim-kiem/",
    }
    if shard_size is not None:
        extra["SEARCH_INDEX_SHARD_SIZE"] = shard_size
    # -v: the plugin logs each Pagefind run's time at INFO level.
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(output),
        "-s",
        "pelicanconf.py",
        "-v",
    ]
    # One -e with every override: Pelican keeps only the last -e given.
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    done, usage = timed(command, cwd=ROOT)
    logged = re.findall(
        r"Chỉ mục tìm kiếm (\S+) \((\d+) bài\): ([\d.]+) s",
        re.sub(r"\s+", " ", done.stdout + done.stderr),
    )
    usage["index_seconds"] = {f"{bundle} ({n})": float(s) for bundle, n, s in logged}
    usage["index_seconds_total"] = round(sum(float(s) for _, _, s in logged), 1)
    return usage


def bundle_bytes(folder: Path) -> dict:
    def size(paths):
        return sum(p.stat().st_size for p in paths if p.is_file())

    data = [
        p
        for p in folder.rglob("*")
        if p.suffix in (".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta")
    ]
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
                    html = re.sub(
                        r'<span hidden data-pagefind-meta="khongdau\[data-value\]"[^>]*></span>',
                        "",
                        html,
                    )
                target.write_text(html, encoding="utf-8")
            command = [
                str(pagefind_bin.get_executable()),
                "--site",
                str(site),
                "--force-language",
                "vi",
                "--quiet",
            ]
            _, usage = timed(command)
            result[label] = {**usage, **bundle_bytes(site / "pagefind")}
    base, folded = result["without_fold"]["data_mb"], result["with_fold"]["data_mb"]
    result["growth_percent"] = round(100 * (folded - base) / base, 1)
    return result


def scaled_index(output: Path, factor: int, shard_size: int, work: Path) -> dict:
    """The plugin's indexer over `factor` copies of the built articles, in shards of
    `shard_size` (0: one): time, the biggest Pagefind run's peak memory, sizes. Stands in
    for a site `factor` times bigger without running Pelican on it."""
    site = work / f"scaled-x{factor}"
    shutil.rmtree(site, ignore_errors=True)
    articles = []
    for page in sorted(output.joinpath("tin").glob("*/*/index.html")):
        html = page.read_text(encoding="utf-8")
        # The theme marks every article page with its date, for Pagefind to sort by.
        dated = re.search(r'data-pagefind-sort="date\[data-value\]" data-value="([^"]+)"', html)
        assert dated is not None, page
        date = datetime.fromisoformat(dated.group(1))
        for copy in range(factor):
            save_as = f"tin/{page.parent.parent.name}/{page.parent.name}-{copy}/index.html"
            site.joinpath(save_as).parent.mkdir(parents=True, exist_ok=True)
            site.joinpath(save_as).write_text(html, encoding="utf-8")
            articles.append(SimpleNamespace(date=date, save_as=save_as))
    shards = indexer.plan_shards(articles, "pagefind", shard_size)
    seconds = [indexer.run_pagefind(site, shard) for shard in shards]
    return {
        "pages": len(articles),
        "shards": len(shards),
        "total_seconds": round(sum(seconds), 1),
        "slowest_run_seconds": round(max(seconds), 1),
        # Pagefind runs one after another: the largest child's peak is the build's.
        "max_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "total_data_mb": round(sum(bundle_bytes(site / s.bundle)["data_mb"] for s in shards), 1),
    }


# In the page: the time from the last keystroke's input event (or the form's submit) to
# the status line saying what was found for the whole query (results are in the list by
# then), without the test driver's polling. Set before the first key is typed.
TIMER_JS = """([target, event, query]) => {
    const status = document.getElementById('search-status');
    document.getElementById(target).addEventListener(event, () => { window.benchTyped = performance.now(); });
    new MutationObserver((_, observer) => {
        const said = status.textContent;
        if (/^(Tìm thấy|Không tìm thấy)/.test(said) && said.includes(`“${query}”`)) {
            window.benchShownMs = performance.now() - window.benchTyped;
            observer.disconnect();
        }
    }).observe(status, {childList: true, characterData: true, subtree: true});
}"""


def pagefind_kb(requests) -> float:
    """Bytes fetched from the search bundles and number files (body and headers), in KB."""
    sizes = [r.sizes() for r in requests if "/pagefind" in r.url]
    return round(sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes) / 1024, 1)


def one_query(browser, base: str, query: str, typed: bool) -> dict:
    """A fresh page (empty cache: every query pays its own bytes) asked `query`, typed key
    by key 60 ms apart, or pasted and sent at once (the cost of that query alone)."""
    context = browser.new_context()
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r))
    page.goto(f"{base}/tim-kiem/")
    page.wait_for_load_state("networkidle")
    opened = len(fetched)
    if typed:
        page.evaluate(TIMER_JS, ["search-q", "input", query])
        type_in_page(page, query, 60)
    else:
        page.evaluate("(q) => { document.getElementById('search-q').value = q; }", query)
        page.evaluate(TIMER_JS, ["search-form", "submit", query])
        page.press("#search-q", "Enter")
    # Locator waits: the site's Content-Security-Policy forbids eval-based ones.
    page.locator("#search-status", has_text=DONE).filter(has_text=f"“{query}”").wait_for(
        timeout=60000
    )
    result = {
        "shown_ms": round(page.evaluate("window.benchShownMs")),
        "pagefind_searches": page.evaluate(
            "performance.getEntriesByName('pagefind-search').map(m => m.detail.query)"
        ),
        "status": page.inner_text("#search-status"),
    }
    page.wait_for_load_state("networkidle")
    result |= {
        "query_kb": pagefind_kb(fetched[opened:]),
        "page_load_kb": pagefind_kb(fetched[:opened]),
    }
    context.close()
    return result


def query_costs(output: Path) -> dict:
    costs = {}
    with serve(output) as base, chromium() as browser:
        for kind, query in QUERIES.items():
            typed = one_query(browser, base, query, typed=True)
            submitted = one_query(browser, base, query, typed=False)
            costs[kind] = {
                "query": query,
                "status": typed["status"],
                "typed_results_shown_ms": typed["shown_ms"],
                "typed_pagefind_searches": typed["pagefind_searches"],
                "typed_query_kb": typed["query_kb"],
                "page_load_index_kb": typed["page_load_kb"],
                "submitted_results_shown_ms": submitted["shown_ms"],
                "submitted_query_kb": submitted["query_kb"],
            }
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
                fetched: list = []
                page.on("requestfinished", fetched.append)
                result = page.evaluate(ALONE_JS, [query, scope])
                chunks = sum(
                    r.sizes()["responseBodySize"] for r in fetched if r.url.endswith(".pf_index")
                )
                costs[f"{query} ({scope or 'mọi chuyên mục'})"] = {
                    **result,
                    "index_kb": round(chunks / 1024),
                }
                context.close()
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "search-bench")
    parser.add_argument(
        "--shard-size",
        type=int,
        default=None,
        help="articles per shard on average (default: the plugin's); 0: one bundle",
    )
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep a built site; refresh its theme files"
    )
    parser.add_argument(
        "--scale", type=int, default=0, help="also index N copies of the articles, sharded"
    )
    parser.add_argument(
        "--alone",
        metavar="CATEGORY",
        nargs="?",
        const="",
        default=None,
        help="also time Pagefind's search() alone, optionally within a category",
    )
    args = parser.parse_args()
    for count in args.counts:
        folder = args.work / str(count)
        content = folder / "content"
        if not content.exists():
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "generate.py"), str(count), str(content)],
                check=True,
            )
        label = "default" if args.shard_size is None else str(args.shard_size or "one")
        output = folder / f"output-shards-{label}"
        report = {"articles": count, "shard_size": args.shard_size}
        if args.reuse and output.exists():
            shutil.copytree(ROOT / "theme" / "static", output / "theme", dirs_exist_ok=True)
        else:
            shutil.rmtree(output, ignore_errors=True)
            report["build"] = build(content, output, args.shard_size)
        bundles = sorted(p for p in output.iterdir() if re.fullmatch(r"pagefind(-\d+)?", p.name))
        report["bundles"] = {b.name: bundle_bytes(b) for b in bundles}
        report["bundles_total_data_mb"] = round(
            sum(v["data_mb"] for v in report["bundles"].values()), 1
        )
        if not args.skip_growth and not args.reuse:
            report["folding"] = folding_growth(output)
        if not args.skip_queries:
            report["queries"] = query_costs(output)
        if args.alone is not None:
            report["pagefind_alone"] = pagefind_alone(output, args.alone or None)
        if args.scale:
            size = search_settings({}).shard_size if args.shard_size is None else args.shard_size
            report["scaled"] = scaled_index(output, args.scale, size, folder)
        print(json.dumps(report, ensure_ascii=False, indent=1), flush=True)


if __name__ == "__main__":
    main()
