"""`make serve`: build the site, serve it at http://127.0.0.1:8000, rebuild on every change.

Each rebuild redoes only what changed and rolls back if it fails (plugins/portal/builds.py):
a failed rebuild prints its errors and waits for the next change, and the preview keeps
showing the last good site. An edit to an article's text is shown at once from the site
kept in memory, before the rebuild brings the lists, links and search up to date; a page
open in the browser reloads itself each time.

Usage: python scripts/serve.py [--settings pelicanconf.py] [--port 8000]
"""

import argparse
import functools
import http.server
import io
import sys
import threading
from pathlib import Path

import watchfiles
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.log import init as init_logging
from pelican.settings import read_settings

import portal
from content_intake.checks import check_file
from portal.builds import Busy, build_site
from portal.incremental import last_build
from portal.models import Role, facts
from portal.output import PageJob
from vntext.source import read_source

PLUGINS = Path(portal.__file__).resolve().parent.parent  # plugins/, as installed (make)

HOST = "127.0.0.1"
FAILED = "Dựng trang thất bại, bản xem trước vẫn là trang dựng được gần nhất"


def show_edits_first(paths: list[Path]) -> bool:
    """An edit to the text of articles already on the site, shown at once: each page
    rendered again from the last build's site in memory, with its new text and its old
    lists; the build that follows brings everything else (lists, citations linked,
    search). False when the change is of another kind (a new file, a title, a date...):
    then only the build shows it."""
    finished = last_build()
    site = (
        next((g for g in finished.generators if isinstance(g, ArticlesGenerator)), None)
        if finished
        else None
    )
    if site is None or not paths or any(path.suffix != ".md" for path in paths):
        return False
    by_source = {Path(article.source_path).resolve(): article for article in site.articles}
    categories = {name for name, _ in site.settings["PORTAL_CATEGORIES"]}
    pages = []
    for path in paths:
        old = by_source.get(path.resolve())
        try:
            if old is None or list(check_file(read_source(path), Role.ARTICLE, categories)):
                return False
            new = site.readers.read_file(
                base_path=site.path, path=str(path), content_class=Article, context=site.context
            )
        except Exception:  # the build says what is wrong
            return False
        if (new.url, new.title, new.date, new.category, new.tags) != (
            old.url,
            old.title,
            old.date,
            old.category,
            old.tags,
        ):
            return False
        new.facts = facts(old)  # the lists and the lead image of the last build
        new.override_url, new.override_save_as = old.url, old.save_as
        pages.append(new)
    template = site.get_template("article")
    for article in pages:
        page = PageJob(
            article.save_as,
            None,
            Path(site.output_path) / article.save_as,
            template,
            site.context,
            {"article": article, "category": article.category},
            False,
        )
        page.render()
    return True


def build(settings_file: Path, output: Path) -> bool:
    """The whole site into a fresh folder, swapped in for output only if it succeeded."""
    try:
        return build_site(settings_file, output, FAILED, always=True)
    except Busy as busy:
        print(f"\n{FAILED}: {busy}\n", file=sys.stderr, flush=True)
        return False


# The preview's own address space: never a page of the site (its URLs are ASCII slugs).
RELOAD = "/__xem-truoc/"
# A page open in the browser reloads itself after each successful rebuild. The script is
# added to pages as the preview serves them: nothing of it is in output/, and it comes
# from this host, as the site's Content-Security-Policy allows.
RELOAD_SCRIPT = b"""// make serve: reload this page when the site has been rebuilt.
const events = new EventSource("/__xem-truoc/su-kien");
let shown = null;
events.onmessage = (event) => {
  if (shown !== null && event.data !== shown) location.reload();
  shown = event.data;
};
"""
RELOAD_TAG = b'<script src="/__xem-truoc/tai-lai.js" defer></script>'


class Rebuilds:
    """How many times the site was rebuilt; waiters learn of the next one."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def done(self) -> None:
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def wait(self, seen: int, seconds: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.count != seen, timeout=seconds)
            return self.count


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    rebuilds: Rebuilds

    def log_message(self, format, *args):
        pass  # the terminal shows the build, not every request

    def do_GET(self):
        if self.path == RELOAD + "tai-lai.js":
            return self.send_bytes(200, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        if self.path == RELOAD + "su-kien":
            return self.send_events()
        return super().do_GET()

    def send_bytes(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_events(self) -> None:
        """Server-sent events: the rebuild count now, then each time it changes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.rebuilds.count
        try:
            self.wfile.write(f"data: {seen}\n\n".encode())
            self.wfile.flush()
            while True:
                now = self.rebuilds.wait(seen, 15)
                # A comment keeps the connection open; data says there is a new site.
                self.wfile.write(f"data: {now}\n\n".encode() if now != seen else b": \n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if path.is_dir() else path
        if (
            page.suffix != ".html"
            or not page.is_file()
            or (path.is_dir() and not self.path.split("?")[0].endswith("/"))
        ):
            return super().send_head()
        body = page.read_bytes().replace(b"</body>", RELOAD_TAG + b"</body>", 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        # Show the site's own 404 page, as the production web server is set up to.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes().replace(b"</body>", RELOAD_TAG + b"</body>", 1)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(output: Path, port: int, rebuilds: Rebuilds) -> None:
    handler = functools.partial(PreviewHandler, directory=str(output))
    PreviewHandler.rebuilds = rebuilds
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Xem trước {output} tại http://{HOST}:{server.server_address[1]}/ (Ctrl-C để dừng)",
        flush=True,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    init_logging(fatal="warnings")
    settings = read_settings(str(args.settings))
    output = Path(settings["OUTPUT_PATH"])
    if not build(args.settings, output):
        return 1
    rebuilds = Rebuilds()
    serve(output, args.port, rebuilds)
    watched = [settings["PATH"], settings["THEME"], PLUGINS, args.settings]
    try:
        for changes in watchfiles.watch(*watched):
            print("Đã sửa:", ", ".join(sorted(Path(path).name for _, path in changes)), flush=True)
            if show_edits_first([Path(path) for _, path in changes]):
                rebuilds.done()
                print("Đã hiện bài vừa sửa; đang dựng lại các trang khác...", flush=True)
            if build(args.settings, output):
                rebuilds.done()  # the pages open in a browser reload themselves
                print("Đã dựng lại.", flush=True)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
