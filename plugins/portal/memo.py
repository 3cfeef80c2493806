"""Results a build keeps for the next: a stage's output, keyed by a digest of its inputs.

A stage asks `memo(name)` for its store and looks a result up by a key it makes from
everything the result depends on (a file's bytes, say) and the build's fingerprint of
code and settings (incremental.Build.fingerprint), so a result from other code is never
found. The stores live in one SQLite file in the build's cache folder and in memory for
the process (`make serve` builds again and again). A missing, damaged or foreign file
is an empty store: every result is computed again. Results no build used are dropped
when the build ends, so the file holds what the site is made of, no more.
"""

import hashlib
import pickle
import sqlite3
from pathlib import Path
from typing import Any

from .incremental import current_build

FILE = "memo.sqlite"


def key_of(*parts: bytes | str) -> str:
    """A digest of the inputs, with the build's fingerprint of code and settings."""
    hasher = hashlib.blake2b(current_build().fingerprint.encode(), digest_size=20)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class Memo:
    """One stage's results: get, put; kept across builds by `save_all`."""

    def __init__(self, name: str):
        self.name = name
        self.values: dict[str, Any] = {}  # in memory, for this process
        self.used: set[str] = set()
        self.added: dict[str, Any] = {}
        self.loaded_from: Path | None = None

    def _load(self, cache: Path | None) -> None:
        if cache is None or cache is self.loaded_from or cache == self.loaded_from:
            return
        self.loaded_from = cache
        try:
            with sqlite3.connect(cache / FILE) as db:
                rows = db.execute("SELECT key, value FROM results WHERE stage = ?", (self.name,))
                for key, value in rows:
                    self.values.setdefault(key, pickle.loads(value))
        except (sqlite3.Error, pickle.PickleError, EOFError, AttributeError, ImportError):
            pass  # no store, or not one we can read: the results are computed again

    def get(self, key: str) -> Any | None:
        self._load(current_build().cache)
        value = self.values.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.added[key] = value
        self.used.add(key)

    def _save(self, db: sqlite3.Connection) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
            [
                (self.name, key, pickle.dumps(value, protocol=5))
                for key, value in self.added.items()
            ],
        )
        kept = [key for key in self.values if key in self.used]
        db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
        db.execute("DELETE FROM kept")
        db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", [(key,) for key in kept])
        db.execute(
            "DELETE FROM results WHERE stage = ? AND key NOT IN (SELECT key FROM kept)",
            (self.name,),
        )
        self.values = {key: self.values[key] for key in kept}
        self.added.clear()
        self.used.clear()


_stores: dict[str, Memo] = {}


def memo(name: str) -> Memo:
    """The store of stage `name` (one per process)."""
    if name not in _stores:
        _stores[name] = Memo(name)
    return _stores[name]


def save_all(cache: Path | None) -> None:
    """At the end of a build: what was added, and nothing no longer used."""
    if cache is None:
        return
    cache.mkdir(parents=True, exist_ok=True)
    try:
        with sqlite3.connect(cache / FILE) as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (stage TEXT, key TEXT, value BLOB, PRIMARY KEY (stage, key))"
            )
            for store in _stores.values():
                if store.used or store.added:
                    store._save(db)
    except sqlite3.DatabaseError:
        (cache / FILE).unlink(missing_ok=True)  # damaged: the next build starts afresh
