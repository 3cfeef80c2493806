"""Every file under content/, each given its role or refused: the one walk of the content.

The checks and the build read what this walk accepts and nothing else (the plugin
compares Pelican's files with it after reading), so no file is built unchecked and none
is left out without a word. Links are never followed: a symlink could publish any file
of the machine.
"""

import os
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from portal.models import ContentFile, Role

from .models import Problem
from .settings import Config
from .static_files import static_problem

MARKDOWN_SUFFIX = ".md"  # the one suffix the reader reads (see reader.py)
_MARKDOWN_LIKE = {".md", ".markdown", ".mkd", ".mdown", ".txt", ".text"}


class Layout:
    """Which folder of content/ holds what, from the settings."""

    def __init__(self, settings, config: Config):
        self.root = Path(settings["PATH"])
        self.articles = tuple(folder.strip("/") for folder in settings["ARTICLE_PATHS"])
        self.pages = tuple(folder.strip("/") for folder in settings["PAGE_PATHS"])
        self.static = config.static_types
        self.data = config.data_paths
        self.data_types = config.data_types
        self.config = config

    def folder_of(self, relative: PurePosixPath, folders: tuple[str, ...]) -> str | None:
        text = relative.as_posix()
        return next((f for f in folders if text.startswith(f + "/")), None)

    def where_it_belongs(self, relative: PurePosixPath) -> str:
        """Where a file found in the wrong place should go, by its type."""
        suffix = relative.suffix.lower()
        articles = self.articles[0] if self.articles else "articles"
        if suffix in _MARKDOWN_LIKE:
            return (
                f"bài viết phải nằm trong content/{articles}/<thư mục chuyên mục>/ và có đuôi .md: "
                f"chuyển tệp vào đó (ví dụ content/{articles}/tin-tu-cac-don-vi/{relative.stem}.md)"
            )
        for folder, types in self.static.items():
            if suffix in types:
                return f"ảnh và tệp đính kèm phải nằm trong content/{folder}/: chuyển tệp vào đó"
        allowed = ", ".join(sorted({t for types in self.static.values() for t in types}))
        return f"trang không dùng loại tệp này: xoá tệp (các loại tệp được đăng: {allowed})"


def _role(layout: Layout, path: Path, relative: PurePosixPath) -> Role | str:
    """The file's role, or why it is refused."""
    suffix = relative.suffix
    if layout.folder_of(relative, layout.articles) or layout.folder_of(relative, layout.pages):
        role = Role.ARTICLE if layout.folder_of(relative, layout.articles) else Role.PAGE
        if suffix == MARKDOWN_SUFFIX:
            return role
        if suffix.lower() in _MARKDOWN_LIKE:
            return f"bài viết phải có đuôi .md (chữ thường): đổi tên thành {relative.stem}.md"
        return (
            "tệp này không phải bài viết Markdown nên sẽ không được đăng: đổi tên thành .md "
            "nếu là bài viết, hoặc chuyển ảnh, tài liệu vào content/images hay content/files"
        )
    if folder := layout.folder_of(relative, tuple(layout.static)):
        return static_problem(path, relative, layout.static[folder], layout.config) or Role.STATIC
    if layout.folder_of(relative, layout.data):
        if suffix.lower() in layout.data_types:
            return Role.DATA
        return "thư mục dữ liệu chỉ chứa tệp YAML (.yaml): xoá hoặc chuyển tệp này"
    return layout.where_it_belongs(relative)


def walk(settings, config: Config) -> Iterator[ContentFile | Problem]:
    """Each file under content/ in path order: accepted, or a problem naming it."""
    layout = Layout(settings, config)
    for folder, subfolders, names in os.walk(layout.root):
        subfolders.sort()
        for name in list(subfolders):
            path = Path(folder, name)
            if path.is_symlink():
                subfolders.remove(name)
                yield Problem(
                    path, 1,
                    "thư mục này là liên kết (symlink) tới nơi khác: trang chỉ đăng tệp thật "
                    "nằm trong content/, hãy chép tệp vào thay cho liên kết",
                )  # fmt: skip
            elif name.startswith("."):
                subfolders.remove(name)
                yield Problem(path, 1, "thư mục ẩn (tên bắt đầu bằng dấu chấm): đổi tên hoặc xoá")
        for name in sorted(names):
            path = Path(folder, name)
            relative = PurePosixPath(path.relative_to(layout.root).as_posix())
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                yield Problem(
                    path, 1,
                    "tệp này là liên kết (symlink) tới nơi khác: trang chỉ đăng tệp thật "
                    "nằm trong content/, hãy chép tệp vào thay cho liên kết",
                )  # fmt: skip
            elif not stat.S_ISREG(mode):
                yield Problem(path, 1, "đây không phải tệp thường (thiết bị, ống dẫn...): xoá nó")
            elif name.startswith("."):
                yield Problem(
                    path, 1,
                    "tệp ẩn (tên bắt đầu bằng dấu chấm) không được đăng: đổi tên bỏ dấu chấm "
                    "đầu nếu cần đăng, hoặc xoá tệp",
                )  # fmt: skip
            elif isinstance(role := _role(layout, path, relative), Role):
                yield ContentFile(relative, path, role)
            else:
                yield Problem(path, 1, role)
