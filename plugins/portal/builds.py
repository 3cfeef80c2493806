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


def build_and_swap(output: Path, build: Callable[[Path], bool]) -> bool:
    """Run build(folder) into a fresh folder beside output; swap it in if it returns True.

    A failed or interrupted build deletes its folder and leaves output exactly as it was.
    The caller holds the lock (see locked).
    """
    new = output.with_name(f"{output.name}.new-{datetime.now():%Y%m%d-%H%M%S-%f}")
    new.mkdir(parents=True)
    try:
        built = build(new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if not built:
        shutil.rmtree(new, ignore_errors=True)
        return False
    swap_in(new, output)
    return True


def run_pelican(settings_file: Path, folder: Path, failed: str) -> bool:
    """The site built in this process (so stopping it stops the build), into folder.

    True when Pelican finished; otherwise the build's own message, which says what to fix,
    is printed under `failed`. Pelican's warnings are fatal: the caller set up its logging
    with init_logging(fatal="warnings").
    """
    try:
        Pelican(read_settings(str(settings_file), override={"OUTPUT_PATH": str(folder)})).run()
    except (Exception, SystemExit) as error:
        print(f"\n{failed}:\n{error}\n", file=sys.stderr, flush=True)
        return False
    return True
