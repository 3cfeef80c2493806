"""`make publish`: build the public site, and replace output/ only if the build succeeded.

The build (Pelican with publishconf.py, every warning fatal) writes into a fresh sibling
folder, output.new-<time>. Only a finished, successful build is swapped in: output/ is
renamed output.old, the new folder renamed output/, then output.old is deleted. A failed
build deletes its own folder and leaves output/ exactly as it was, so the last good site
stays online. Before building, the articles dated in the future are listed: the build
leaves them out until a build on or after their date.
"""

import argparse
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))  # the same helpers the build uses

from pelican.settings import read_settings  # noqa: E402

import vntext  # noqa: E402
from content_intake.checks import check_content  # noqa: E402


def build(settings_file: Path, content: Path, target: Path) -> bool:
    """Pelican as `make html` runs it, into target; True when it finished without a warning."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(settings_file),
            "-o",
            str(target),
            "--fatal",
            "warnings",
        ],
        cwd=ROOT,
    )
    return result.returncode == 0


def swap_in(new: Path, output: Path) -> None:
    """new becomes output; the previous output is kept aside until the swap is done."""
    old = output.with_name(f"{output.name}.old")
    if old.exists():
        if output.exists():
            shutil.rmtree(old)  # left by an interrupted swap after it had finished
        else:
            old.rename(output)  # interrupted between the two renames: put the last site back
    if output.exists():
        output.rename(old)
    new.rename(output)
    if old.exists():
        shutil.rmtree(old)


def display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Dựng trang công khai và chỉ thay output/ khi dựng thành công."
    )
    parser.add_argument("--settings", default=str(ROOT / "publishconf.py"), help="tệp cấu hình")
    parser.add_argument("--output", default=str(ROOT / "output"), help="thư mục trang đã dựng")
    args = parser.parse_args(argv)
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

    new = output.with_name(f"{output.name}.new-{now:%Y%m%d-%H%M%S-%f}")
    new.mkdir(parents=True)
    try:
        built = build(settings_file, Path(settings["PATH"]), new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if not built:
        shutil.rmtree(new, ignore_errors=True)
        print(
            f"Dựng trang thất bại: {output.name}/ giữ nguyên trang đã đăng lần trước. "
            "Sửa các lỗi ở trên (chạy `make check` để xem lại) rồi chạy lại.",
            file=sys.stderr,
        )
        return 1
    swap_in(new, output)
    print(f"Đã dựng xong và thay trang mới vào {output.name}/.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
