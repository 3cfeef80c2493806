"""`make publish`: build the public site, and replace output/ only if the build succeeded.

The build (Pelican with publishconf.py, every warning fatal) writes into a fresh sibling
folder and only a finished, successful build is swapped in (plugins/portal/builds.py): a failed
build leaves output/ exactly as it was, so the last good site stays online. One build at a
time: a second `make publish` (or `make serve`) stops at once and says so. Before
building, the articles dated in the future are listed: the build leaves them out until a
build on or after their date.
"""

import argparse
import sys
from datetime import datetime
from pathlib import Path

from pelican.log import init as init_logging
from pelican.settings import read_settings

import vntext
from content_intake.checks import check_content
from portal.builds import Busy, build_site

FAILED = "Lỗi khi dựng trang"


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Dựng trang công khai và chỉ thay output/ khi dựng thành công."
    )
    parser.add_argument("--settings", default="publishconf.py", help="tệp cấu hình")
    parser.add_argument("--output", default="output", help="thư mục trang đã dựng")
    args = parser.parse_args(argv)
    init_logging(fatal="warnings")  # as `make html`'s --fatal warnings
    settings_file = Path(args.settings).resolve()
    output = Path(args.output).resolve()
    settings = read_settings(str(settings_file))

    now = datetime.now(vntext.TIMEZONE)
    waiting = check_content(settings, now).scheduled  # the build refuses the other problems
    if waiting:
        print(f"{len(waiting)} bài hẹn giờ đang chờ (chưa đăng lần này):")
        for date, path, title in waiting:
            print(f"  {vntext.format_datetime(date)}: {title} ({display(path)})")
    else:
        print("Không có bài hẹn giờ nào đang chờ.")
    sys.stdout.flush()  # before Pelican's own output, when stdout is a pipe (CI logs)

    try:
        built = build_site(settings_file, output, FAILED)
    except Busy as busy:
        print(f"Không dựng trang: {busy}.", file=sys.stderr)
        return 1
    if not built:
        print(
            f"Dựng trang thất bại: {output.name}/ giữ nguyên trang đã đăng lần trước. "
            "Sửa các lỗi ở trên (chạy `make check` để xem lại) rồi chạy lại.",
            file=sys.stderr,
        )
        return 1
    print(f"Đã dựng xong và thay trang mới vào {output.name}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
