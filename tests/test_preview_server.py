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


# A plugin that fails once every page is written, while a file says so: the worst moment
# for a rebuild to fail, after the content checks passed.
FAIL_AFTER_WRITING = """from pathlib import Path

from pelican import signals


def fail(pelican):
    if (Path(pelican.settings["PATH"]).parent / "hong").exists():
        raise RuntimeError("hỏng sau khi đã ghi các trang")


def register():
    signals.finalized.connect(fail)
"""


@pytest.fixture
def preview(tmp_path):
    article = tmp_path / "content" / "articles" / "bai.md"
    article.parent.mkdir(parents=True)
    article.write_text(GOOD, encoding="utf-8")
    plugin = tmp_path / "extra_plugins" / "fail_after_writing" / "__init__.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(FAIL_AFTER_WRITING, encoding="utf-8")
    extra = (
        f"OUTPUT_PATH = {str(tmp_path / 'output')!r}\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(plugin.parent.parent)!r}]\n"
        "PLUGINS = [*PLUGINS, 'fail_after_writing']\n"
    )
    settings = write_settings(tmp_path, tmp_path / "content", extra=extra)
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
        if line.startswith("Xem trước "):
            base = line.split(" tại ")[1].split()[0].rstrip("/")
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

    # Valid content again, but the build fails after writing every page.
    (article.parent.parent.parent / "hong").touch()
    article.write_text(GOOD.replace("Title: Hội nghị", "Title: Hỏng: Hội nghị"), encoding="utf-8")
    time.sleep(3)
    assert title_at(base) == "Sửa: Hội nghị báo cáo viên tháng 12", "the last good page stays"
    assert fetch(base, "/")[0] == 200, "the whole last good site stays, not a few files"
    assert sorted(p.name for p in article.parents[2].iterdir() if p.name.startswith("output")) == [
        "output",
        "output.lock",
    ]
    printed = stop()
    assert "hỏng sau khi đã ghi các trang" in printed
    assert (
        "Dựng trang thất bại, bản xem trước vẫn là trang dựng được gần nhất" in printed
        and "bai.md:1: thiếu trường Date" in printed
    )


def test_an_open_page_reloads_itself_after_a_rebuild(preview, browser):
    """The page in the browser follows the edit, with the site's CSP on; nothing of the
    reloading is in the built site."""
    base, article, stop = preview
    page = browser.new_page()
    try:
        page.goto(base + ARTICLE_URL)
        page.wait_for_function("document.readyState === 'complete'")
        page.wait_for_timeout(300)  # the event stream is open
        article.write_text(
            GOOD.replace("Nội dung hội nghị.", "Nội dung đã sửa trong lúc xem."), encoding="utf-8"
        )
        page.locator(".article__body", has_text="Nội dung đã sửa trong lúc xem.").wait_for(
            timeout=60_000
        )
    finally:
        page.close()
    output = article.parents[2] / "output"
    assert not [p for p in output.rglob("*") if p.is_file() and b"__xem-truoc" in p.read_bytes()]
    printed = stop()
    # An edit to the text is shown from the site in memory, before the rebuild.
    assert "Đã hiện bài vừa sửa" in printed, printed
