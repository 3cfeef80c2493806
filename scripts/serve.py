"""`make serve`: build the site, serve it at http://127.0.0.1:8000, rebuild on every change.

A failed rebuild prints its errors and waits for the next change; content errors stop
the build before anything is written, so the preview keeps the last good site.
"""

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
HOST, PORT = "127.0.0.1", 8000
WATCHED = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]


def build() -> bool:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    try:
        Pelican(settings).run()
    except (Exception, SystemExit) as error:  # the build's own message says what to fix
        print(f"\nBuild failed, the preview still shows the last good site:\n{error}\n", file=sys.stderr)
        return False
    return True


def serve(output: Path) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((HOST, PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving {output} at http://{HOST}:{PORT}/ (Ctrl-C to stop)")


def main() -> int:
    init_logging(fatal="warnings")
    if not build():
        return 1
    serve(ROOT / "output")
    try:
        for changes in watchfiles.watch(*WATCHED):
            print("Changed:", ", ".join(sorted(Path(path).name for _, path in changes)))
            build()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
