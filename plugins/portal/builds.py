"""A build changes the output folder whole or not at all, and one build at a time runs.

`make html`, `make serve` and `make publish` build the same way (build_site): in place in
output/, redoing only what changed (portal/incremental.py), with an undo journal beside it
(output.undo/, portal/journal.py). A build that fails rolls back, so a reader (or the
preview) always sees the last good site; the work is in proportion to the change, not to
the site. A lock file beside the output (output.lock) keeps two builds from racing; the
one holding it first rolls back what an interrupted build left behind.
"""

import fcntl
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .incremental import abandon, code_fingerprint, last_build
from .journal import roll_back


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


def journal_folder(output: Path) -> Path:
    return output.with_name(f"{output.name}.undo")


def clear_leftovers(output: Path) -> None:
    """What an interrupted build left: its journal, rolled back.

    Called with the lock held, so no other build is using it.
    """
    if journal_folder(output).exists():
        roll_back(output, journal_folder(output))


def prune(output: Path, produced: set[str], remove) -> int:
    """Remove every file of the output the build did not produce (a deleted article's
    page, a tag no article has any more), then the folders left empty."""
    removed = 0
    base = os.path.realpath(output)
    for current, _subfolders, names in os.walk(base, topdown=False):
        for name in names:
            path = os.path.join(current, name)
            if path not in produced:
                remove(Path(path))
                removed += 1
        if current != base and not os.listdir(current):
            os.rmdir(current)
    return removed


def cache_folder(settings: dict) -> Path:
    """Where builds keep what they remember: .cache/build beside the content folder."""
    return Path(settings["PATH"]).resolve().parent / ".cache" / "build"


SNAPSHOT = "inputs.json"


def files_of(folder: Path) -> dict[str, list[int]]:
    """Every file under folder: [size, modification time in ns], by relative path."""
    found = {}
    base = os.path.realpath(folder)
    for current, _subfolders, names in os.walk(base):
        for name in names:
            path = os.path.join(current, name)
            stat = os.lstat(path)
            found[os.path.relpath(path, base)] = [stat.st_size, stat.st_mtime_ns]
    return found


def snapshot(settings: dict) -> dict:
    """What a build is made from: code and settings, and every content file's size and time."""
    return {"fingerprint": code_fingerprint(settings), "content": files_of(Path(settings["PATH"]))}


def unchanged_since_last(settings: dict, output: Path) -> bool:
    """Nothing to do: same code, settings and content files as the last build, no
    scheduled article due since, and the output still as that build left it."""
    try:
        last = json.loads((cache_folder(settings) / SNAPSHOT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    due = last.get("next_due")
    if due is not None and datetime.now(UTC).timestamp() >= due:
        return False
    # Cheapest first: the output is walked only when nothing else changed.
    return last.get("inputs") == snapshot(settings) and last.get("output") == files_of(output)


def remember_inputs(settings: dict, output: Path, inputs: dict, next_due: float | None) -> None:
    cache = cache_folder(settings)
    cache.mkdir(parents=True, exist_ok=True)
    record = {"inputs": inputs, "next_due": next_due, "output": files_of(output)}
    temporary = cache / f".{SNAPSHOT}.{os.getpid()}"
    temporary.write_text(json.dumps(record), encoding="utf-8")
    os.replace(temporary, cache / SNAPSHOT)


def run_pelican(settings_file: Path, output: Path, failed: str) -> bool:
    """The site built in this process (so stopping it stops the build), in place in
    output, journalled; rolled back if it fails. The caller holds the lock.

    True when the build succeeded; otherwise the build's own message, which says what to
    fix, is printed under `failed`. Pelican's warnings are fatal: the caller set up its
    logging with init_logging(fatal="warnings").
    """
    settings = read_settings(str(settings_file), override={"OUTPUT_PATH": str(output)})
    journal = journal_folder(output)
    settings = read_settings(
        str(settings_file),
        override={
            "OUTPUT_PATH": str(output),
            "DELETE_OUTPUT_DIRECTORY": False,
            "PORTAL_BUILD_CACHE": str(cache_folder(settings)),
            "PORTAL_JOURNAL": str(journal),
        },
    )
    output.mkdir(parents=True, exist_ok=True)
    if unchanged_since_last(settings, output):
        print("Không có gì thay đổi từ lần dựng trước: trang giữ nguyên.", flush=True)
        return True
    inputs = snapshot(settings)  # before the build: a file saved while it runs is new next time
    try:
        Pelican(settings).run()
        finished = last_build()
        assert finished is not None and finished.journal is not None
        prune(output, finished.produced_files, finished.journal.remove)
        finished.journal.commit()
        remember_inputs(settings, output, inputs, finished.next_due)
        counts = [
            f"{n:,}".replace(",", ".") for n in (finished.rendered_count, finished.kept_count)
        ]
        print(f"Đã dựng: {counts[0]} trang viết lại, {counts[1]} trang giữ nguyên.", flush=True)
    except (Exception, SystemExit) as error:
        abandon()
        if journal.exists():
            roll_back(output, journal)
        print(f"\n{failed}:\n{error}\n", file=sys.stderr, flush=True)
        return False
    return True


def build_site(settings_file: Path, output: Path, failed: str) -> bool:
    """The one way the site is built (`make html`, `make serve`, `make publish`): one
    build at a time, redoing only what changed, the last good site kept on failure.
    Busy when another build holds the lock."""
    with locked(output):
        return run_pelican(settings_file, output, failed)
