"""`make serve`: build the site, serve it at http://127.0.0.1:8000, rebuild on every change.

Each build writes into a fresh folder that replaces output/ only when it succeeded
(plugins/portal/builds.py): a failed rebuild prints its errors and waits for the next change,
and the preview keeps showing the last good site.

Usage: python scripts/serve.py [--settings pelicanconf.py] [--port 8000]
"""

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

import watchfiles
from pelican.log import init as init_logging
from pelican.settings import read_settings

import portal
from portal.builds import Busy, build_site

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = Path(portal.__file__).resolve().parent.parent  # plugins/, as installed (make)

HOST = "127.0.0.1"
FAILED = "Dựng trang thất bại, bản xem trước vẫn là trang dựng được gần nhất"


def build(settings_file: Path, output: Path) -> bool:
    """The whole site into a fresh folder, swapped in for output only if it succeeded."""
    try:
        return build_site(settings_file, output, FAILED)
    except Busy as busy:
        print(f"\n{FAILED}: {busy}\n", file=sys.stderr, flush=True)
        return False


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        # Show the site's own 404 page, as the production web server is set up to.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(output: Path, port: int) -> None:
    handler = functools.partial(PreviewHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(
        f"Xem trước {output} tại http://{HOST}:{server.server_address[1]}/ (Ctrl-C để dừng)",
        flush=True,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    init_logging(fatal="warnings")
    settings = read_settings(str(args.settings))
    output = Path(settings["OUTPUT_PATH"])
    if not build(args.settings, output):
        return 1
    serve(output, args.port)
    watched = [settings["PATH"], settings["THEME"], PLUGINS, args.settings]
    try:
        for changes in watchfiles.watch(*watched):
            print("Đã sửa:", ", ".join(sorted(Path(path).name for _, path in changes)), flush=True)
            if build(args.settings, output):
                print("Đã dựng lại.", flush=True)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
