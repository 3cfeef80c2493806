"""`make serve`: the preview builds, serves, rebuilds on a change and survives a bad edit."""

import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from site_pages import GOOD_ARTICLE as GOOD
from site_pages import ROOT, parse_html, write_settings

ARTICLE_URL = "/tin/2023/hoi-nghi-bao-cao-vien-thang-12/"


def fetch(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


@pytest.fixture
def preview(tmp_path):
    article = tmp_path / "content" / "articles" / "bai.md"
    article.parent.mkdir(parents=True)
    article.write_text(GOOD, encoding="utf-8")
    output = f"OUTPUT_PATH = {str(tmp_path / 'output')!r}\n"
    settings = write_settings(tmp_path, tmp_path / "content", extra=output)
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "serve.py"),
            "--settings",
            str(settings),
            "--port",
            "0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = None
    for line in process.stdout:
        if line.startswith("Serving "):
            base = line.split(" at ")[1].split()[0].rstrip("/")
            break
    assert base, "the preview did not start"

    def stop() -> str:
        """End the preview; what it printed after it started."""
        if process.poll() is None:
            process.terminate()
        return process.communicate(timeout=10)[0]

    yield base, article, stop
    stop()


def title_at(base: str) -> str:
    status, html = fetch(base, ARTICLE_URL)
    return parse_html(html).find("h1").get_text(strip=True) if status == 200 else ""


def test_preview_serves_rebuilds_and_keeps_the_last_good_site(preview):
    base, article, stop = preview
    assert title_at(base) == "Hội nghị báo cáo viên tháng 12"

    status, html = fetch(base, "/khong-co-trang-nay/")
    assert status == 404
    assert parse_html(html).find("html")["lang"] == "vi"

    article.write_text(
        GOOD.replace("Title: Hội nghị", "Title: Sửa: Hội nghị").replace(
            "Category:", "Slug: hoi-nghi-bao-cao-vien-thang-12\nCategory:"
        ),
        encoding="utf-8",
    )
    wait_for(lambda: title_at(base) == "Sửa: Hội nghị báo cáo viên tháng 12")

    article.write_text(GOOD.replace("Date: 2023-12-12 16:13\n", ""), encoding="utf-8")
    time.sleep(3)  # the watcher waits for changes to settle, then rebuilds and fails
    assert title_at(base) == "Sửa: Hội nghị báo cáo viên tháng 12", "the last good page stays"
    printed = stop()
    assert "Build failed" in printed and "bai.md:1: thiếu trường Date" in printed
