"""Where and how the build writes: inside the output folder, each file once, by rename.

Every URL and save path comes from validated slugs and file names (content_intake), so
no content should ever name a path outside the site; this is the second line of
defence: Pelican's writer, and every plugin that writes a file itself, resolve the path
here and stop the build with a message instead of writing elsewhere.

A file is written only when its bytes change, and then into a temporary file renamed
over the old one. So an unchanged file keeps its modification time (a sync to the server
or a CDN moves only what changed), and a file shared by hard link with the last good site
(portal/builds.py builds into a linked copy of it) is never modified in place.
"""

import functools
import os
from collections import ChainMap
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url
from pelican.writers import Writer

from .incremental import current_build


class OutputPathError(SystemExit):
    """Stops the build (exit status 1) with its message, without a traceback."""

    def __init__(self, message: str):
        super().__init__(f"Dừng dựng trang: {message}")


@functools.lru_cache(maxsize=16)
def _real_root(root: str) -> str:
    return os.path.realpath(root)


def _refuse(path: str | os.PathLike) -> OutputPathError:
    return OutputPathError(
        f"một trang hoặc tệp định ghi ra ngoài thư mục trang web ({path}): "
        "kiểm tra Slug, Image và các thiết lập *_SAVE_AS"
    )


def within_output(root: str | os.PathLike, path: str | os.PathLike) -> Path:
    """`path` (absolute, or relative to root), if its name lies inside root: no "..",
    no absolute path elsewhere. A page not written this build is only named here."""
    base = _real_root(os.fspath(root))
    joined = os.path.normpath(os.path.join(base, path))
    if os.path.commonpath([base, joined]) != base or joined == base:
        raise _refuse(path)
    return Path(joined)


def inside_output(root: str | os.PathLike, path: str | os.PathLike) -> Path:
    """`path` as within_output, and its folder resolved too: a symlink already in the
    output cannot lead elsewhere either. For every file about to be written."""
    named = within_output(root, path)
    resolved = os.path.join(os.path.realpath(named.parent), named.name)
    base = _real_root(os.fspath(root))
    if os.path.commonpath([base, resolved]) != base:
        raise _refuse(path)
    return Path(resolved)


def replace_file(path: Path, data: bytes) -> bool:
    """data into path, by a rename, unless the file holds these bytes already.

    True when the file was written. path must have been checked by inside_output.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    if (journal := current_build().journal) is not None:
        journal.before_write(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def link_file(source: Path, path: Path) -> None:
    """A file of the site that is a hard link to a content file (images, documents): no
    copy; replaced by a rename when the content file is another file."""
    try:
        if os.path.samefile(source, path):
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    if (journal := current_build().journal) is not None:
        journal.before_write(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    os.link(source, temporary)
    os.replace(temporary, path)


def write_output(root: str | os.PathLike, relative: str, data: bytes) -> bool:
    """A file of the site that a plugin writes itself (not a page from a template)."""
    path = inside_output(root, relative)
    current_build().produced(path)
    return replace_file(path, data)


class _TextFile:
    """What Pelican's feed writer writes into: kept in memory, written on close."""

    def __init__(self, path: Path, encoding: str):
        self.path, self.encoding = path, encoding
        self.parts: list[bytes] = []

    def write(self, text: str | bytes) -> None:
        # feedgenerator's XML writer sends bytes or text, depending on the part.
        self.parts.append(text if isinstance(text, bytes) else text.encode(self.encoding))

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if exc_info[0] is None:
            replace_file(self.path, b"".join(self.parts))


class SiteWriter(Writer):
    """Pelican's writer, for pages and feeds: inside the output, each file once, by rename,
    and a page whose inputs did not change since the last build is not rendered again
    (portal/incremental.py holds what each page depends on).

    Feed entries carry titles as text, as the pages show them.
    """

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **variables,
    ):
        if not name:
            return
        if paginated is None:
            paginated = {key: variables[key] for key in ("articles", "dates") if key in variables}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self.write_page(name, template, context, variables, relative_urls)
            return
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, items, self.settings, per_page)
            for key, items in paginated.items()
        }
        pages = next(iter(paginators.values())).num_pages
        for number in range(1, pages + 1):
            page_variables = dict(variables)
            for key, paginator in paginators.items():
                page_variables[f"{key}_paginator"] = paginator
                page_variables[f"{key}_page"] = page = paginator.page(number)
                page_variables[f"{key}_previous_page"] = (
                    paginator.page(number - 1) if number > 1 else None
                )
                page_variables[f"{key}_next_page"] = (
                    paginator.page(number + 1) if number < pages else None
                )
            self.write_page(page.save_as, template, context, page_variables, relative_urls)

    def write_page(
        self, name: str, template, context: dict, variables: dict, relative_urls: bool = False
    ) -> None:
        """One page: rendered and written unless its inputs are those of the last build."""
        path = within_output(self.output_path, name)
        build = current_build()
        if str(path) in self._written_files:
            raise OutputPathError(
                f"hai trang cùng ghi vào tệp {name}: hai bài hoặc trang có cùng địa chỉ, "
                "đặt 'Slug: ...' khác cho một trong hai"
            )
        self._written_files.add(str(path))
        key = build.page_key(template.name, name, variables, context)
        if key is None or not build.unchanged(name, key, path):
            path = inside_output(self.output_path, name)  # written: its folder resolved too
            build.queued.append(
                PageJob(name, key, path, template, context, variables, relative_urls)
            )
        build.produced(path)
        # What the page's template sees, without copying the site's context for each page.
        seen = ChainMap({"output_file": name, **variables}, context)
        signals.content_written.send(str(path), context=seen)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", *args, **kwargs):
        if not path:
            return super().write_feed(elements, context, path, url, feed_type, *args, **kwargs)
        target = inside_output(self.output_path, path)
        build = current_build()
        shown = elements[: self.settings["FEED_MAX_ITEMS"]]
        key = build.feed_key(path, url, feed_type, shown, context, kwargs.get("feed_title"))
        build.produced(target)
        if key is not None and build.unchanged(path, key, target):
            return None
        feed = super().write_feed(elements, context, path, url, feed_type, *args, **kwargs)
        build.rendered(path, key, target)
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        # Pelican reads a title as HTML and strips its tags, so "&lt;b&gt;" typed in a
        # header would reach feed readers as "<b>". Ours are text: the feed escapes them.
        feed.items[-1]["title"] = item.title

    def _open_w(self, filename, encoding, override=False):
        # Pelican's write_feed opens the file here: ours writes it on close, by rename.
        return _TextFile(inside_output(self.output_path, filename), encoding)


@dataclass(frozen=True)
class PageJob:
    """A page to render: what its template needs, not yet the copy of the context."""

    name: str
    key: str | None
    path: Path
    template: Any
    context: dict
    variables: dict
    relative_urls: bool

    def render(self) -> None:
        local = _local_context(self.context, self.name, self.variables, self.relative_urls)
        replace_file(self.path, self.template.render(local).encode("utf-8"))


# Fewer pages than this are rendered here: starting processes costs more.
PARALLEL_FROM = 200
_jobs: list[PageJob] = []


def _render_share(share: tuple[int, int]) -> str | None:
    """In a forked worker: every `step`-th page of the queue from `first`."""
    first, step = share
    try:
        for job in _jobs[first::step]:
            job.render()
    except Exception as error:  # the parent stops the build with it
        return f"{type(error).__name__}: {error}"
    return None


def render_queued() -> None:
    """Render the pages queued by the writer: on every core when there are many (a
    first build), here when few (an edit). Called before anything reads the pages:
    search_index before Pagefind, and the portal at the end of the writing phase."""
    global _jobs
    build = current_build()
    jobs, build.queued = build.queued, []
    cores = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or cores < 2:
        for job in jobs:
            job.render()
    else:
        _jobs = jobs  # inherited by the forked workers, not sent to them
        try:
            with get_context("fork").Pool(cores) as pool:
                errors = [
                    e for e in pool.map(_render_share, [(i, cores) for i in range(cores)]) if e
                ]
        finally:
            _jobs = []
        if errors:
            raise RuntimeError("; ".join(errors))
    for job in jobs:
        build.rendered(job.name, job.key, job.path)


def _local_context(context: dict, name: str, variables: dict, relative_urls: bool) -> dict:
    """The variables a page's template sees, as Pelican's writer sets them."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if relative_urls:
        relative_url = path_to_url(get_relative_path(name))
        local["SITEURL"] = relative_url
        local["localsiteurl"] = relative_url
    local["output_file"] = name
    local.update(variables)
    if local["localsiteurl"]:
        context["localsiteurl"] = local["localsiteurl"]
    return local


def copy_tree(
    source: Path, root: str | os.PathLike, destination: str, keep: Callable[[Path], bool]
) -> None:
    """The files of a folder (the theme's static files) into the output, as write_output."""
    for path in sorted(source.rglob("*")):
        if path.is_file() and keep(path):
            write_output(
                root, f"{destination}/{path.relative_to(source).as_posix()}", path.read_bytes()
            )
