"""The plugin's settings (SEARCH_INDEX_*): defaults in one place, checked once."""

from __future__ import annotations

from dataclasses import dataclass

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


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Config:
    enabled: bool
    bundle: str
    shard_sizes: tuple[int, ...]
    fold_d: bool
    page_size: int
    fold_weight: float
    debounce_ms: int


def load(settings: dict) -> Config:
    """The plugin's configuration from Pelican settings; a clear error for a bad value."""
    v = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    for name in ("SEARCH_INDEX_ENABLED", "SEARCH_INDEX_FOLD_D"):
        if not isinstance(v[name], bool):
            raise SettingsError(f"{name} phải là True hoặc False, không phải {v[name]!r}")
    bundle = v["SEARCH_INDEX_BUNDLE"]
    if not isinstance(bundle, str) or not bundle.strip("/") or bundle.startswith(("/", ".")):
        raise SettingsError(
            f"SEARCH_INDEX_BUNDLE là tên thư mục tương đối trong output, ví dụ 'pagefind': {bundle!r}"
        )
    if "SEARCH_INDEX_SHARD_YEARS" in settings:  # an earlier version's setting, now without effect
        raise SettingsError(
            "SEARCH_INDEX_SHARD_YEARS không còn dùng: chỉ mục chia theo số bài, mới nhất trước "
            "(SEARCH_INDEX_SHARD_SIZES, ví dụ (150, 300, 600)); hãy xoá dòng này"
        )
    sizes = v["SEARCH_INDEX_SHARD_SIZES"]
    if not isinstance(sizes, (list, tuple)) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in sizes
    ):
        raise SettingsError(
            f"SEARCH_INDEX_SHARD_SIZES là dãy số bài mỗi phần, ví dụ (150, 300, 600), không phải {sizes!r}"
        )
    for name, low in (
        ("SEARCH_INDEX_PAGE_SIZE", 1),
        ("SEARCH_INDEX_DEBOUNCE_MS", 0),
    ):
        if not isinstance(v[name], int) or isinstance(v[name], bool) or v[name] < low:
            raise SettingsError(f"{name} phải là số nguyên ≥ {low}, không phải {v[name]!r}")
    name = "SEARCH_INDEX_FOLD_WEIGHT"
    if not isinstance(v[name], (int, float)) or isinstance(v[name], bool) or v[name] < 0:
        raise SettingsError(f"{name} phải là số ≥ 0, không phải {v[name]!r}")
    return Config(
        enabled=v["SEARCH_INDEX_ENABLED"],
        bundle=bundle.strip("/"),
        shard_sizes=tuple(sizes),
        fold_d=v["SEARCH_INDEX_FOLD_D"],
        page_size=v["SEARCH_INDEX_PAGE_SIZE"],
        fold_weight=float(v["SEARCH_INDEX_FOLD_WEIGHT"]),
        debounce_ms=v["SEARCH_INDEX_DEBOUNCE_MS"],
    )
