"""Where the build may write: inside the output folder, each file once.

Every URL and save path comes from validated slugs and file names (content_intake), so
no content should ever name a path outside the site. This is the second line of
defence: Pelican's writer, and every plugin that writes a file itself, resolve the path
here and stop the build with a message instead of writing elsewhere.
"""

import os
from pathlib import Path

from pelican.writers import FileOverwriteFailedError, Writer


class OutputPathError(SystemExit):
    """Stops the build (exit status 1) with its message, without a traceback."""

    def __init__(self, message: str):
        super().__init__(f"Dừng dựng trang: {message}")


def inside_output(root: str | os.PathLike, path: str | os.PathLike) -> Path:
    """`path` (absolute, or relative to root) once resolved, if it lies inside root."""
    base = os.path.realpath(root)
    # realpath of the folder: a symlink already in the output cannot lead elsewhere either.
    folder, name = os.path.split(os.path.join(base, path))
    resolved = os.path.join(os.path.realpath(folder), name)
    if name in ("", ".", "..") or os.path.commonpath([base, resolved]) != base or resolved == base:
        raise OutputPathError(
            f"một trang hoặc tệp định ghi ra ngoài thư mục trang web ({path}): "
            "kiểm tra Slug, Image và các thiết lập *_SAVE_AS"
        )
    return Path(resolved)


class SiteWriter(Writer):
    """Pelican's writer, refusing a path outside the output and a page written twice.

    Names are checked before Pelican creates their folders, and again, resolved, when
    the file is opened (Pelican's own check compares strings, so "output2/" passes it).
    Feed entries carry titles as text, as the pages show them.
    """

    def write_file(self, name, *args, **kwargs):
        if name:
            inside_output(self.output_path, name)
        return super().write_file(name, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path:
            inside_output(self.output_path, path)
        return super().write_feed(elements, context, path, *args, **kwargs)

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        # Pelican reads a title as HTML and strips its tags, so "&lt;b&gt;" typed in a
        # header would reach feed readers as "<b>". Ours are text: the feed escapes them.
        feed.items[-1]["title"] = item.title

    def _open_w(self, filename, encoding, override=False):
        path = inside_output(self.output_path, filename)
        try:
            return super()._open_w(str(path), encoding, override)
        except FileOverwriteFailedError:
            relative = os.path.relpath(path, os.path.realpath(self.output_path))
            raise OutputPathError(
                f"hai trang cùng ghi vào tệp {relative}: hai bài hoặc trang có cùng địa chỉ, "
                "đặt 'Slug: ...' khác cho một trong hai"
            ) from None
