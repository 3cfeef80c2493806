"""One command timed as a whole process tree: wall and CPU seconds, peak memory.

The command runs in a fresh child; os.wait4 gives that child's resource use together with
every descendant it waited for (make, pelican, Pagefind...), so ru_maxrss is the largest
resident size any one of them reached. Processes that run side by side (worker pools)
add up, which ru_maxrss cannot show: a thread also samples the proportional set size
(PSS, shared pages split between their sharers) of the whole tree every 0.2 s, and the
peak is the larger of the two.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2


@dataclass(frozen=True)
class Usage:
    wall_s: float
    cpu_s: float
    peak_mb: float


class CommandFailed(RuntimeError):
    pass


def _descendants(pid: int) -> list[int]:
    """pid and every process below it, from /proc/<pid>/task/<tid>/children."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                queue += [
                    int(c)
                    for c in Path(f"/proc/{current}/task/{task}/children").read_text().split()
                ]
            except OSError:
                pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _sample_tree(pid: int, stop: threading.Event, peak_kb: list[int]) -> None:
    while not stop.wait(SAMPLE_SECONDS):
        peak_kb[0] = max(peak_kb[0], sum(_pss_kb(p) for p in _descendants(pid)))


def run(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Usage:
    """Run `command` in `cwd`, its output into `log`; raise CommandFailed if it fails."""
    with open(log, "wb") as out:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        stop, peak_kb = threading.Event(), [0]
        sampler = threading.Thread(target=_sample_tree, args=(child.pid, stop, peak_kb))
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise CommandFailed(f"{' '.join(command)} failed ({child.returncode}):\n{tail}")
    return Usage(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mb=max(usage.ru_maxrss, peak_kb[0]) / 1024,
    )
