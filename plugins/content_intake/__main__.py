"""`make check`: validate all content without building the site.

Usage: python -m content_intake [pelicanconf.py]
"""

import sys

from pelican.settings import read_settings

import vntext

from .checks import check_content


def main(argv: list[str]) -> int:
    report = check_content(read_settings(argv[0] if argv else "pelicanconf.py"))
    for problem in report.problems:
        print(problem)
    for warning in report.warnings:
        print(f"{warning} (cảnh báo, không phải lỗi)")
    for date, path, _ in report.scheduled:
        print(f"{path}: hẹn giờ, sẽ được đăng khi dựng trang từ {vntext.format_datetime(date)}")
    if report.problems:
        print(
            f"{len(report.problems)} lỗi trong {report.checked} tệp: sửa rồi chạy lại `make check`."
        )
        return 1
    print(f"Đã kiểm tra {report.checked} tệp: không có lỗi.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
