"""`make serve`: build the site, serve it at http://127.0.0.1:8000, rebuild on every change.

A failed rebuild prints its errors and waits for the next change; content errors stop
the build before anything is written, so the preview keeps the last good site.

Usage: python scripts/serve.py [--settings pelicanconf.py] [--port 8000]
"""

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

import watchfiles
from pelican import Pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def build(settings_file: Path) -> bool:
    try:
        Pelican(read_settings(str(settings_file))).run()
    except (Exception, SystemExit) as error:  # the build's own message says what to fix
        print(
            f"\nBuild failed, the preview still shows the last good site:\n{error}\n",
            file=sys.stderr,
        )
        return False
    return True


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
        f"Serving {output} at http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)",
        flush=True,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    init_logging(fatal="warnings")
    settings = read_settings(str(args.settings))
    if not build(args.settings):
        return 1
    serve(Path(settings["OUTPUT_PATH"]), args.port)
    watched = [settings["PATH"], settings["THEME"], *settings["PLUGIN_PATHS"], args.settings]
    try:
        for changes in watchfiles.watch(*watched):
            print("Changed:", ", ".join(sorted(Path(path).name for _, path in changes)), flush=True)
            if build(args.settings):
                print("Rebuilt.", flush=True)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
