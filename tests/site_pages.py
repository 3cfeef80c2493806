"""Build a real site into a temp dir and read its pages as a reader's browser would."""

import io
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "pelicanconf.py"

# A valid article, as editors write one: tests derive their bad cases from it.
GOOD_ARTICLE = """Title: Hội nghị báo cáo viên tháng 12
Date: 2023-12-12 16:13
Category: Tin từ các đơn vị
Tags: báo cáo viên
Author: Quang Minh
Source: Ban Tuyên giáo Tỉnh ủy
Summary: Sáng 12/12, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị.

Nội dung hội nghị.
"""


def image_bytes(width: int = 40, height: int = 30, format: str = "JPEG") -> bytes:
    """A real image, as an editor's camera or phone would give one (only smaller)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format=format)
    return buffer.getvalue()


JPEG = image_bytes()


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@dataclass
class BuiltSite:
    output: Path
    settings: dict
    warnings: list[str] = field(default_factory=list)

    def file(self, url_path: str) -> Path:
        """The file a static server answers for a root-relative URL ("/", "/tin/x/")."""
        path = self.output / url_path.split("#")[0].split("?")[0].lstrip("/")
        return path / "index.html" if url_path.endswith("/") or path.is_dir() else path

    def page(self, url_path: str) -> BeautifulSoup:
        return parse_html(self.file(url_path).read_text(encoding="utf-8"))

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def build_site(
    output: Path, content: Path | None = None, settings_file: Path = SETTINGS_FILE, **overrides
) -> BuiltSite:
    """Run Pelican in this process, as `make html` would, and collect what it warned."""
    settings = read_settings(
        str(settings_file),
        override={
            "OUTPUT_PATH": str(output),
            **({"PATH": str(content)} if content else {}),
            **overrides,
        },
    )
    collector = _Collector()
    root_logger = logging.getLogger()
    root_logger.addHandler(collector)
    try:
        Pelican(settings).run()
    finally:
        root_logger.removeHandler(collector)
    return BuiltSite(output, settings, [record.getMessage() for record in collector.records])


def write_settings(folder: Path, content: Path, base: str = "pelicanconf", extra: str = "") -> Path:
    """folder/settings.py: the project's settings (base's, then extra) with content as PATH."""
    settings = folder / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom {base} import *\n"
        f"PATH = {str(content)!r}\n{extra}",
        encoding="utf-8",
    )
    return settings


def make_site(folder: Path, base: str = "pelicanconf", extra: str = "") -> Path:
    """A copy of the real content with settings (base's, then extra) pointing at it.

    Returns the settings file, folder/settings.py.
    """
    shutil.copytree(ROOT / "content", folder / "content")
    return write_settings(folder, folder / "content", base, extra)
