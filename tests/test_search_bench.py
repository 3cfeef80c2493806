"""The search benchmark (bench/search_speed.py) run on 12 articles, without the browser:
the shard size it is given reaches the plugin's build and its scaled index. No timing is
asserted: only that it runs and cuts the index as asked."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 12


def search_bench(work: Path, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "search_speed.py"), "--counts", str(COUNT)]
        + ["--work", str(work), "--skip-growth", "--skip-queries", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(done.stdout)


def test_the_shard_size_given_cuts_the_built_and_the_scaled_index(tmp_path):
    report = search_bench(tmp_path, "--shard-size", "5", "--scale", "2")
    assert report["shard_size"] == 5
    assert len(report["bundles"]) > 1  # 12 articles in shards of about 5
    assert report["scaled"]["pages"] == 2 * COUNT
    assert report["scaled"]["shards"] > len(report["bundles"])


def test_shard_size_zero_is_one_bundle(tmp_path):
    report = search_bench(tmp_path, "--shard-size", "0", "--scale", "2")
    assert list(report["bundles"]) == ["pagefind"]
    assert report["scaled"]["shards"] == 1
