"""The full build under cProfile, its time split into phases: Pelican's steps and each plugin.

The command is `make html`'s own, as `make -n` prints it, run by the Python interpreter
under cProfile (its first word is the pelican script, or python itself). A phase is the
cumulative time of the functions that enter it; a plugin's time is what Pelican's own code
(signals, generators) spends calling into plugins/<name>/, not the template filters a
plugin gives Jinja, which count in rendering.
"""

from __future__ import annotations

import pstats
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

import sites

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
TOP_FUNCTIONS = 25
STDLIB = Path(sysconfig.get_paths()["stdlib"])
MACHINERY = {"runpy.py", "cProfile.py", "profile.py"}  # how the program was started

# Pelican's and its libraries' steps: name, the phase they run inside, (file end, function).
STEPS = [
    ("reading articles (Pelican's readers)", None, ("pelican/readers.py", "read_file")),
    ("Markdown", "reading articles (Pelican's readers)", ("markdown/core.py", "convert")),
    (
        "writing pages (Pelican's writer: rendering and files)",
        None,
        ("pelican/writers.py", "write_file"),
    ),
    (
        "rendering templates (Jinja)",
        "writing pages (Pelican's writer: rendering and files)",
        ("jinja2/environment.py", "render"),
    ),
    ("feeds (Pelican's writer)", None, ("pelican/writers.py", "write_feed")),
    ("static files and theme (copying)", None, ("pelican/generators.py", "_copy_paths")),
    (
        "other programs the build runs (Pagefind), waited for",
        "plugin search_index",
        ("subprocess.py", "run"),
    ),
]
WRITER = ("pelican/writers.py", ("write_file", "write_feed"))

# pstats' table, Stats.stats: (file, line, function) -> (primitive calls, calls, own time,
# cumulative time, callers), each caller -> (primitive calls, calls, own, cumulative).
Function = tuple[str, int, str]
Table = dict[Function, tuple[int, int, float, float, dict[Function, tuple[int, int, float, float]]]]


def table(stats: pstats.Stats) -> Table:
    """Stats.stats, the table every pstats report reads; the stubs leave it out, being
    undocumented, so it is read from the instance's attributes."""
    return vars(stats)["stats"]


def make_html_command(site: Path) -> list[str]:
    """`make html`'s build command as make would run it in `site`."""
    printed = subprocess.run(
        ["make", "-s", "-n", "html"],
        cwd=site,
        env=sites.clean_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return shlex.split(printed.strip().splitlines()[-1])


def under_cprofile(command: list[str], stats_file: Path, site: Path) -> list[str]:
    program = site / command[0]
    if Path(command[0]).name.startswith("python"):
        return [sys.executable, "-m", "cProfile", "-o", str(stats_file), *command[1:]]
    if program.is_file() and "python" in program.read_text(errors="replace").split("\n", 1)[0]:
        return [sys.executable, "-m", "cProfile", "-o", str(stats_file), str(program), *command[1:]]
    raise SystemExit(f"`make html` runs {command[0]}, which is not a Python program to profile")


def plugin_of(filename: str, plugin_roots: list[Path]) -> str | None:
    """The plugin (folder under plugins/) a file of code belongs to, if any."""
    path = Path(filename)
    for root in plugin_roots:
        if root in path.parents:
            return path.relative_to(root).parts[0]
    return None


def from_pelican(filename: str) -> bool:
    """Code of Pelican or of blinker, which sends Pelican's signals."""
    return "/pelican/" in filename or "/blinker/" in filename


def phases(stats: pstats.Stats, plugin_roots: list[Path]) -> list[dict]:
    rows = []
    for name, within, (file_end, function) in STEPS:
        seconds, calls = 0.0, 0
        for (filename, _, funcname), (_, ncalls, _, cumulative, _) in table(stats).items():
            if filename.endswith(file_end) and funcname == function:
                seconds, calls = seconds + cumulative, calls + ncalls
        rows.append({"name": name, "seconds": seconds, "calls": calls, "within": within})
    plugins: dict[str, dict] = {}
    for (filename, _, funcname), (_, _, _, _, callers) in table(stats).items():
        if filename.endswith(WRITER[0]) and funcname in WRITER[1]:
            # The writer called by a plugin: the pages that plugin writes.
            for (caller_file, _, _), (_, _, _, cumulative) in callers.items():
                plugin = plugin_of(caller_file, plugin_roots)
                if plugin:
                    entry = plugins.setdefault(plugin, {"seconds": 0.0, "calls": 0, "writing": 0.0})
                    entry["writing"] += cumulative
        plugin = plugin_of(filename, plugin_roots)
        if plugin is None:
            continue
        entry = plugins.setdefault(plugin, {"seconds": 0.0, "calls": 0, "writing": 0.0})
        for (caller_file, _, _), (_, ncalls, _, cumulative) in callers.items():
            if from_pelican(caller_file):
                entry["seconds"] += cumulative
                entry["calls"] += ncalls
    for plugin, entry in plugins.items():
        rows.append({"name": f"plugin {plugin}", "within": None, **entry})
    return sorted(rows, key=lambda row: -row["seconds"])


def code_path(filename: str, root: Path) -> str:
    """A file of code named as its package names it, with no path of this machine."""
    path = Path(filename)
    if root in path.parents:
        return str(path.relative_to(root))
    if "site-packages" in path.parts:
        return str(Path(*path.parts[path.parts.index("site-packages") + 1 :]))
    if STDLIB in path.parents:
        return str(path.relative_to(STDLIB))
    return path.name


def top_functions(stats: pstats.Stats, root: Path) -> list[dict]:
    rows: list[dict] = []
    for (filename, line, funcname), (_, ncalls, _, cumulative, _) in table(stats).items():
        if filename == "~" or funcname == "<module>" or Path(filename).name in MACHINERY:
            continue
        rows.append(
            {
                "function": f"{code_path(filename, root)}:{line} {funcname}",
                "seconds": cumulative,
                "calls": ncalls,
            }
        )
    rows.sort(key=lambda row: -row["seconds"])
    return rows[:TOP_FUNCTIONS]


def profile(count: int, work: Path) -> dict:
    site = sites.OurSite(work / "site", count)
    site.lay_out()
    stats_file = work / "build.prof"
    command = under_cprofile(make_html_command(site.folder), stats_file, site.folder)
    log = site.logs / "profile.log"
    usage = sites.measure.run(command, cwd=site.folder, log=log, env=sites.clean_env())
    stats = pstats.Stats(str(stats_file))
    return {
        "articles": count,
        "total_s": usage.wall_s,
        "phases": [
            row
            for row in phases(stats, [site.folder / "plugins", PLUGINS])
            if row["seconds"] >= 0.005 * usage.wall_s
        ],
        "top": top_functions(stats, site.folder.resolve()),
    }
