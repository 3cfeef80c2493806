"""`make check`: validate all content without building the site.

Usage: python -m content_intake [pelicanconf.py]
"""

import sys
from pathlib import Path

from pelican.settings import read_settings

from .checks import check_articles


def main(argv: list[str]) -> int:
    settings_file = argv[0] if argv else "pelicanconf.py"
    settings = read_settings(settings_file)
    root = Path(settings["PATH"])
    categories = {name for name, _ in settings["PORTAL_CATEGORIES"]}
    problems = []
    checked = 0
    for folder in settings["ARTICLE_PATHS"]:
        problems.extend(check_articles(root / folder, categories))
        checked += sum(1 for path in (root / folder).rglob("*") if path.is_file())
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} lỗi trong {checked} tệp: sửa rồi chạy lại `make check`.")
        return 1
    print(f"Đã kiểm tra {checked} tệp: không có lỗi.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
