"""A built site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

import functools
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

# Without the networking flags Chromium calls home, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: Path):
    """The folder over http on a free port, as a static host serves it; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@contextmanager
def chromium():
    executable = shutil.which("chromium")
    assert executable, "Chromium is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# A reader typing `text` in the search box, one input event every `ms` milliseconds, on
# the page's own timers: no round trip to the driver between keys, which on a busy
# machine could pass for a pause (keyboard.type also takes twice as long over "ậ").
TYPE_IN_PAGE = """async ([text, ms]) => {
    const box = document.getElementById('search-q');
    for (const character of text) {
        box.value += character;
        box.dispatchEvent(new Event('input', {bubbles: true}));
        await new Promise((resolve) => setTimeout(resolve, ms));
    }
}"""


def type_in_page(page, text: str, ms: int) -> None:
    page.evaluate(TYPE_IN_PAGE, [text, ms])
