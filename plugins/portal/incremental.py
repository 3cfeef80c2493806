"""What a build remembers of the last one, so that it redoes only what a change needs.

Each page (and feed) gets a key: a digest of everything its template reads, stated per
template in portal/dependencies.py and by the plugins that own a template. A page whose
key is the one recorded by the last build, and whose file is still the one that build
wrote (same size and modification time), is not rendered again. The record lives in the
cache folder (PORTAL_BUILD_CACHE, set by portal/builds.py) and carries the fingerprint of the code and
settings: a record from other code is no record, and the page is rendered.

Every file the build produces, written or kept, is noted: portal/builds.py removes from
the new site whatever the last build produced and this one did not.
"""

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Any

from .journal import Journal
from .models import FEED_UPDATED

# Libraries whose version changes what a page holds.
LIBRARIES = (
    "pelican",
    "jinja2",
    "markdown",
    "nh3",
    "beautifulsoup4",
    "lxml",
    "pillow",
    "babel",
    "feedgenerator",
    "pagefind_bin",
)
MANIFEST = "pages.json"

KeyParts = Callable[[str, Mapping[str, Any], Mapping[str, Any]], Any]


def canonical(value: Any) -> str:
    """A stable text for a value made of the plain types a page's inputs are built from."""
    if value is None or isinstance(value, bool | int | float | str):
        return repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return repr(value.value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                f"{canonical(k)}:{canonical(v)}"
                for k, v in sorted(value.items(), key=lambda kv: repr(kv[0]))
            )
            + "}"
        )
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(canonical(item) for item in value)) + "}"
    if isinstance(value, Path):
        return repr(str(value))
    raise TypeError(f"no canonical form for {type(value).__name__}: say what of it a page reads")


def digest(*parts: Any) -> str:
    """A short digest of a page's inputs: plain values, datetimes, Markup, and tuples,
    lists and dicts of them built in a fixed order (no sets: their order varies from run
    to run). repr() is C code: the key of a page costs microseconds."""
    text = repr(parts)
    if " at 0x" in text:  # an object without a stable form would miss the record forever
        raise TypeError(
            f"no stable form for a page input: {text[text.index(' at 0x') - 60 :][:120]}"
        )
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def code_fingerprint(settings: Mapping[str, Any]) -> str:
    """The code, templates, libraries and settings that shape every page."""
    hasher = hashlib.blake2b(digest_size=16)
    plugins = Path(__file__).resolve().parent.parent
    theme = Path(settings["THEME"])
    for root, pattern in ((plugins, "*.py"), (plugins, "*.yaml"), (theme, "*")):
        for path in sorted(root.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(str(path.relative_to(root)).encode())
                hasher.update(path.read_bytes())
    for library in LIBRARIES:
        try:
            hasher.update(f"{library}={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{library}=-".encode())
    hasher.update(sys.version.encode())
    hasher.update(settings_text(settings).encode())
    return hasher.hexdigest()


def settings_text(settings: Mapping[str, Any]) -> str:
    """The settings that shape the site, as stable text: not where it is written from."""
    skip = {
        "OUTPUT_PATH",
        "PATH",
        "THEME",
        "PLUGIN_PATHS",
        "CACHE_PATH",
        "PORTAL_BUILD_CACHE",
        "PORTAL_JOURNAL",
    }
    kept = {}
    for name, value in settings.items():
        if name.isupper() and name not in skip:
            try:
                kept[name] = canonical(value)
            except TypeError:
                kept[name] = type(value).__name__  # functions, classes: their code is hashed
    return canonical(kept)


@dataclass
class Build:
    """One build's view of the last: page keys recorded, files produced."""

    output: Path
    cache: Path | None  # None: remember nothing (a build outside portal/builds.py's care)
    fingerprint: str = ""
    previous: dict[str, list] = field(default_factory=dict)  # name -> [key, size, mtime_ns]
    current: dict[str, list] = field(default_factory=dict)
    produced_files: set[str] = field(default_factory=set)
    rendered_count: int = 0
    kept_count: int = 0
    memo: dict[Any, Any] = field(default_factory=dict)  # per-build results of key parts
    journal: Journal | None = None  # the undo journal of a build in the live output
    queued: list = field(default_factory=list)  # pages to render (portal.output.PageJob)
    # The generators of a finished build, their articles and context in memory: what
    # `make serve` shows an edit with at once, before the next build (portal.keep).
    generators: list = field(default_factory=list)
    # When the next scheduled article falls due (a timestamp): a build with no change
    # is still needed then (content_intake sets it).
    next_due: float | None = None

    @classmethod
    def start(cls, settings: Mapping[str, Any]) -> "Build":
        cache = Path(settings["PORTAL_BUILD_CACHE"]) if settings.get("PORTAL_BUILD_CACHE") else None
        build = cls(Path(settings["OUTPUT_PATH"]), cache, code_fingerprint(settings))
        if settings.get("PORTAL_JOURNAL"):
            build.journal = Journal(build.output, Path(settings["PORTAL_JOURNAL"]))
        if cache is not None:
            try:
                recorded = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
                if recorded.get("fingerprint") == build.fingerprint:
                    build.previous = recorded["pages"]
            except (OSError, ValueError, KeyError, TypeError):
                build.previous = {}  # missing or damaged: every page is rendered
        return build

    def page_key(
        self, template: str, name: str, variables: Mapping[str, Any], context: Mapping[str, Any]
    ) -> str | None:
        function = PAGE_KEYS.get(template)
        if function is None:
            return None
        return digest(template, name, function(name, variables, context))

    def feed_key(
        self,
        path: str,
        url: str | None,
        feed_type: str,
        items: Iterable[Any],
        context: Mapping[str, Any],
        title: str | None,
    ) -> str | None:
        if FEED_ITEM is None:
            return None
        return digest(
            path,
            url,
            feed_type,
            title,
            context.get(FEED_UPDATED),
            [FEED_ITEM(item, context) for item in items],
        )

    def unchanged(self, name: str, key: str, path: Path) -> bool:
        """The page's file is the one the last build wrote from these same inputs."""
        recorded = self.previous.get(name)
        if recorded is None or recorded[0] != key:
            return False
        try:
            stat = path.stat()
        except FileNotFoundError:
            return False
        if [stat.st_size, stat.st_mtime_ns] != recorded[1:]:
            return False
        self.current[name] = recorded
        self.kept_count += 1
        return True

    def rendered(self, name: str, key: str | None, path: Path) -> None:
        self.rendered_count += 1
        if key is not None:
            stat = path.stat()
            self.current[name] = [key, stat.st_size, stat.st_mtime_ns]

    def produced(self, path: Path | str) -> None:
        self.produced_files.add(os.fspath(path))

    def save(self) -> None:
        if self.cache is None:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        temporary = self.cache / f".{MANIFEST}.{os.getpid()}"
        temporary.write_text(
            json.dumps({"fingerprint": self.fingerprint, "pages": self.current}), encoding="utf-8"
        )
        os.replace(temporary, self.cache / MANIFEST)


# Filled by portal/dependencies.py and the plugins that own templates: template name ->
# the inputs of a page made from it.
PAGE_KEYS: dict[str, KeyParts] = {}
FEED_ITEM: Callable[[Any, Mapping[str, Any]], Any] | None = None


def page_inputs(*templates: str) -> Callable[[KeyParts], KeyParts]:
    """Declare what the pages of these templates read (a decorator)."""

    def register(function: KeyParts) -> KeyParts:
        for template in templates:
            PAGE_KEYS[template if template.endswith(".html") else f"{template}.html"] = function
        return function

    return register


def feed_item_inputs(
    function: Callable[[Any, Mapping[str, Any]], Any],
) -> Callable[[Any, Mapping[str, Any]], Any]:
    global FEED_ITEM
    FEED_ITEM = function
    return function


_current: Build | None = None
_last: Build | None = None


def begin(settings: Mapping[str, Any]) -> Build:
    global _current
    _current = Build.start(settings)
    return _current


def current_build() -> Build:
    """The build under way; outside one (a plugin's function called alone), a build that
    records nothing and keys nothing."""
    return _current if _current is not None else Build(Path("."), None)


def end() -> Build | None:
    global _current, _last
    finished, _current = _current, None
    if finished is not None:
        finished.save()
    _last = finished
    return finished


def abandon() -> Build | None:
    """A build that failed: forgotten, unsaved; its journal closed (for the roll-back)."""
    global _current
    failed, _current = _current, None
    if failed is not None and failed.journal is not None:
        failed.journal.close()
    return failed


def last_build() -> Build | None:
    """The build that finished last in this process (portal/builds.py prunes after it)."""
    return _last
