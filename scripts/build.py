"""`make html`: build the site into output/, redoing only what changed since the last build.

Usage: python scripts/build.py [--settings pelicanconf.py] [--output output]
"""

import argparse
import sys
from pathlib import Path

from pelican.log import init as init_logging

from portal.builds import Busy, build_site

FAILED = "Dựng trang thất bại, output/ giữ nguyên trang dựng được lần trước"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Dựng trang vào output/.")
    parser.add_argument(
        "--settings", type=Path, default=Path("pelicanconf.py"), help="tệp cấu hình"
    )
    parser.add_argument("--output", type=Path, default=Path("output"), help="thư mục trang đã dựng")
    args = parser.parse_args(argv)
    init_logging(fatal="warnings")  # every warning stops the build: nothing dropped silently
    try:
        return 0 if build_site(args.settings.resolve(), args.output.resolve(), FAILED) else 1
    except Busy as busy:
        print(f"Không dựng trang: {busy}.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
