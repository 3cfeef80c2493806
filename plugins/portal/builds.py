"""A build changes the output folder whole or not at all, and one build at a time runs.

`make publish` and `make serve` build into a fresh sibling folder (output.new-<time>) and
swap it in only when the build succeeded, so a reader (or the preview) always sees the last
good site. A lock file beside the output (output.lock) keeps two builds from racing; the
one holding it first clears what an interrupted build left behind.
"""

import fcntl
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .incremental import last_build


class Busy(Exception):
    """Another build holds the lock; the message says what to do, in Vietnamese."""


@contextmanager
def locked(output: Path) -> Iterator[None]:
    """Hold output.lock for the length of a build; Busy when another process holds it."""
    lock = output.with_name(f"{output.name}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise Busy(
                f"một lần dựng trang khác (tiến trình {holder}) đang ghi vào {output.name}/: "
                "đợi nó xong rồi chạy lại"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            clear_leftovers(output)
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def clear_leftovers(output: Path) -> None:
    """What an interrupted build left: its unfinished folders, or a swap cut in two.

    Called with the lock held, so no other build is using them.
    """
    for folder in output.parent.glob(f"{output.name}.new-*"):
        shutil.rmtree(folder, ignore_errors=True)
    repair_swap(output)


def repair_swap(output: Path) -> None:
    """Finish a swap that was cut in two: output.old is the last good site or garbage."""
    old = output.with_name(f"{output.name}.old")
    if old.exists():
        if output.exists():
            shutil.rmtree(old)  # the swap had finished
        else:
            old.rename(output)  # stopped between the two renames: put the last site back


def swap_in(new: Path, output: Path) -> None:
    """new becomes output; the previous output is kept aside until the swap is done."""
    repair_swap(output)
    old = output.with_name(f"{output.name}.old")
    if output.exists():
        output.rename(old)
    new.rename(output)
    if old.exists():
        shutil.rmtree(old)


def link_tree(source: Path, target: Path) -> None:
    """target holds every file of source, hard-linked: a copy that costs no bytes."""
    for folder, _subfolders, names in os.walk(source):
        relative = os.path.relpath(folder, source)
        destination = os.path.join(target, relative)
        os.makedirs(destination, exist_ok=True)
        for name in names:
            os.link(os.path.join(folder, name), os.path.join(destination, name))


def prune(folder: Path, produced: set[str]) -> int:
    """Remove every file of folder the build did not produce (a deleted article's page, a
    tag no article has any more), then the folders left empty. Returns how many."""
    removed = 0
    base = os.path.realpath(folder)
    for current, _subfolders, names in os.walk(base, topdown=False):
        for name in names:
            path = os.path.join(current, name)
            if path not in produced:
                os.unlink(path)
                removed += 1
        if current != base and not os.listdir(current):
            os.rmdir(current)
    return removed


def build_and_swap(output: Path, build: Callable[[Path], bool], reuse: bool = False) -> bool:
    """Run build(folder) into a fresh folder beside output; swap it in if it returns True.

    reuse: the fresh folder starts as a hard-linked copy of output, for a build that
    rewrites only what changed (every write replaces a file by a rename, never in place,
    so the last good site is never touched). A failed or interrupted build deletes its
    folder and leaves output exactly as it was. The caller holds the lock (see locked).
    """
    new = output.with_name(f"{output.name}.new-{datetime.now():%Y%m%d-%H%M%S-%f}")
    new.mkdir(parents=True)
    try:
        if reuse and output.is_dir():
            link_tree(output, new)
        built = build(new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if not built:
        shutil.rmtree(new, ignore_errors=True)
        return False
    swap_in(new, output)
    return True


def cache_folder(settings: dict) -> Path:
    """Where builds keep what they remember: .cache/build beside the content folder."""
    return Path(settings["PATH"]).resolve().parent / ".cache" / "build"


def run_pelican(settings_file: Path, folder: Path, failed: str, incremental: bool = False) -> bool:
    """The site built in this process (so stopping it stops the build), into folder.

    incremental: folder holds the last site (build_and_swap's reuse) and the build
    rewrites only what changed, then removes what it no longer produces.
    True when Pelican finished; otherwise the build's own message, which says what to fix,
    is printed under `failed`. Pelican's warnings are fatal: the caller set up its logging
    with init_logging(fatal="warnings").
    """
    override: dict = {"OUTPUT_PATH": str(folder)}
    settings = read_settings(str(settings_file), override=override)
    if incremental:
        settings = read_settings(
            str(settings_file),
            override={
                **override,
                "DELETE_OUTPUT_DIRECTORY": False,
                "PORTAL_BUILD_CACHE": str(cache_folder(settings)),
            },
        )
    try:
        Pelican(settings).run()
    except (Exception, SystemExit) as error:
        print(f"\n{failed}:\n{error}\n", file=sys.stderr, flush=True)
        return False
    finished = last_build()
    if incremental and finished is not None:
        prune(folder, finished.produced_files)
    return True


def build_site(settings_file: Path, output: Path, failed: str) -> bool:
    """The one way the site is built (`make html`, `make serve`, `make publish`): one build
    at a time, into a linked copy of the last site, redoing only what changed; swapped in
    for output only when it succeeded. Busy when another build holds the lock."""
    with locked(output):
        return build_and_swap(
            output,
            lambda folder: run_pelican(settings_file, folder, failed, incremental=True),
            reuse=True,
        )
