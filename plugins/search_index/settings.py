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
    # Articles per shard, on average; 0 = one bundle. Shards are cut where the articles
    # themselves say (indexer.plan_shards), from half to twice this size, so a change
    # re-indexes one shard: an edit its article's, a new article the newest. The search
    # page searches the newest shards first: Pagefind's time grows with the shard (a common
    # word: ~0.25 s in 600 pages here). Pagefind needs ~0.3 GB of memory per 1,000 pages in
    # one run, so twice this size bounds the build's memory.
    "SEARCH_INDEX_SHARD_SIZE": 600,
    # The first answer searches the newest shards until they hold this many articles (a
    # shard is cut where its articles say, so the newest may hold only a few).
    "SEARCH_INDEX_FIRST_ARTICLES": 150,
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
    shard_size: int
    first_articles: int
    fold_d: bool
    page_size: int
    fold_weight: float
    debounce_ms: int


def load(settings: Mapping[str, Any]) -> Config:
    """The plugin's configuration from Pelican settings; a clear error for a bad value."""
    if "SEARCH_INDEX_SHARD_YEARS" in settings:  # an earlier version's setting, now without effect
        raise SettingsError(
            "SEARCH_INDEX_SHARD_YEARS không còn dùng: chỉ mục chia theo số bài "
            "(SEARCH_INDEX_SHARD_SIZE, ví dụ 600); hãy xoá dòng này"
        )
    if "SEARCH_INDEX_SHARD_SIZES" in settings:  # an earlier version's setting
        raise SettingsError(
            "SEARCH_INDEX_SHARD_SIZES không còn dùng: chỉ mục chia thành các phần trung bình "
            "SEARCH_INDEX_SHARD_SIZE bài (ví dụ 600), cắt ở chỗ cố định để một thay đổi chỉ "
            "làm lại một phần; hãy thay dòng này"
        )
    v = values(settings, DEFAULTS)
    return Config(
        enabled=boolean("SEARCH_INDEX_ENABLED", v["SEARCH_INDEX_ENABLED"]),
        bundle=relative_path("SEARCH_INDEX_BUNDLE", v["SEARCH_INDEX_BUNDLE"]),
        shard_size=whole("SEARCH_INDEX_SHARD_SIZE", v["SEARCH_INDEX_SHARD_SIZE"]),
        first_articles=whole("SEARCH_INDEX_FIRST_ARTICLES", v["SEARCH_INDEX_FIRST_ARTICLES"], 1),
        fold_d=boolean("SEARCH_INDEX_FOLD_D", v["SEARCH_INDEX_FOLD_D"]),
        page_size=whole("SEARCH_INDEX_PAGE_SIZE", v["SEARCH_INDEX_PAGE_SIZE"], 1),
        fold_weight=number("SEARCH_INDEX_FOLD_WEIGHT", v["SEARCH_INDEX_FOLD_WEIGHT"], 0),
        debounce_ms=whole("SEARCH_INDEX_DEBOUNCE_MS", v["SEARCH_INDEX_DEBOUNCE_MS"]),
    )
