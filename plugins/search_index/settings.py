"""The plugin's settings (SEARCH_INDEX_*): defaults in one place, checked once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.settings import SettingsError, boolean, number, relative_path, values, whole

__all__ = ["DEFAULTS", "Config", "SettingsError", "load"]

DEFAULTS = {
    # Build the Pagefind index at the end of every build.
    "SEARCH_INDEX_ENABLED": True,
    # Folder of the search bundle inside the output ("pagefind/pagefind.js").
    "SEARCH_INDEX_BUNDLE": "pagefind",
    # Articles per shard, newest first; the last size repeats; () = one bundle. The search
    # page searches the newest shard alone first: Pagefind's time grows faster than the
    # pages a word is on, and 150 pages answer a common word in ~0.15 s. Pagefind needs
    # ~0.3 GB of memory per 1,000 pages in one run, so the biggest size bounds the build's.
    "SEARCH_INDEX_SHARD_SIZES": (150, 300, 600, 1200, 2400),
    # Index the đ-folded forms of words ("Đảng" -> "dang"); Pagefind folds only the marks.
    "SEARCH_INDEX_FOLD_D": True,
    # Results shown per page of the search page (a "more" button adds as many again).
    "SEARCH_INDEX_PAGE_SIZE": 10,
    # Ranking boost of a match on a folded form; below 1 so an exact match ranks first.
    "SEARCH_INDEX_FOLD_WEIGHT": 0.5,
    # Milliseconds the search page waits after a keystroke before searching (a search
    # cannot be stopped once started, so one per keystroke would queue up).
    "SEARCH_INDEX_DEBOUNCE_MS": 100,
}


@dataclass(frozen=True)
class Config:
    enabled: bool
    bundle: str
    shard_sizes: tuple[int, ...]
    fold_d: bool
    page_size: int
    fold_weight: float
    debounce_ms: int


def load(settings: Mapping[str, Any]) -> Config:
    """The plugin's configuration from Pelican settings; a clear error for a bad value."""
    if "SEARCH_INDEX_SHARD_YEARS" in settings:  # an earlier version's setting, now without effect
        raise SettingsError(
            "SEARCH_INDEX_SHARD_YEARS không còn dùng: chỉ mục chia theo số bài, mới nhất trước "
            "(SEARCH_INDEX_SHARD_SIZES, ví dụ (150, 300, 600)); hãy xoá dòng này"
        )
    v = values(settings, DEFAULTS)
    sizes = v["SEARCH_INDEX_SHARD_SIZES"]
    if not isinstance(sizes, list | tuple):
        raise SettingsError(
            f"SEARCH_INDEX_SHARD_SIZES là dãy số bài mỗi phần, ví dụ (150, 300, 600), không phải {sizes!r}"
        )
    return Config(
        enabled=boolean("SEARCH_INDEX_ENABLED", v["SEARCH_INDEX_ENABLED"]),
        bundle=relative_path("SEARCH_INDEX_BUNDLE", v["SEARCH_INDEX_BUNDLE"]),
        shard_sizes=tuple(whole("SEARCH_INDEX_SHARD_SIZES", size, 1) for size in sizes),
        fold_d=boolean("SEARCH_INDEX_FOLD_D", v["SEARCH_INDEX_FOLD_D"]),
        page_size=whole("SEARCH_INDEX_PAGE_SIZE", v["SEARCH_INDEX_PAGE_SIZE"], 1),
        fold_weight=number("SEARCH_INDEX_FOLD_WEIGHT", v["SEARCH_INDEX_FOLD_WEIGHT"], 0),
        debounce_ms=whole("SEARCH_INDEX_DEBOUNCE_MS", v["SEARCH_INDEX_DEBOUNCE_MS"]),
    )
