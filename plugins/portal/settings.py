"""One way for every plugin to read its settings: defaults stated once, checked once.

Each plugin keeps a `settings.py` with DEFAULTS (its PREFIX_* names, each with a comment
saying what it does) and a `load(settings) -> Config` that reads them through the checks
below, once a build, where the plugin's stage starts. A bad value stops the build with a
SettingsError naming the setting, what it must be and what it is.
"""

from collections.abc import Mapping
from typing import Any


class SettingsError(ValueError):
    """A setting the plugin cannot use; the message names it and says what to write."""


def values(settings: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Each default, or the value set in pelicanconf.py / publishconf.py."""
    return {name: settings.get(name, default) for name, default in defaults.items()}


def boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(f"{name} phải là True hoặc False, không phải {value!r}")
    return value


def whole(name: str, value: Any, low: int = 0, high: int | None = None) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        limits = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
        raise SettingsError(f"{name} phải là số nguyên {limits}, không phải {value!r}")
    return value


def number(name: str, value: Any, low: float, high: float | None = None) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or value < low
        or (high is not None and value > high)
    ):
        limits = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
        raise SettingsError(f"{name} phải là số {limits}, không phải {value!r}")
    return float(value)


def strings(name: str, value: Any, example: str) -> tuple[str, ...]:
    """A list or tuple of non-empty strings."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise SettingsError(f"{name} là dãy chuỗi, ví dụ {example}, không phải {value!r}")
    if not all(isinstance(item, str) and item for item in value):
        raise SettingsError(f"{name} là dãy chuỗi, ví dụ {example}, không phải {value!r}")
    return tuple(value)


def folder_url(name: str, value: Any, placeholders: tuple[str, ...] = ()) -> str:
    """A directory-style URL relative to the site root: "van-ban/{slug}/"."""
    if not isinstance(value, str) or not value.endswith("/") or value.startswith("/"):
        raise SettingsError(
            f"{name} phải là đường dẫn thư mục tương đối, kết thúc bằng '/' và không bắt đầu "
            f"bằng '/', không phải {value!r}"
        )
    if missing := [p for p in placeholders if p not in value]:
        raise SettingsError(f"{name} thiếu {', '.join(missing)}: {value!r}")
    return value


def relative_path(name: str, value: Any, suffix: str = "", hidden: bool = False) -> str:
    """A file or folder path relative to the output or content folder, inside it; hidden:
    it may start with a dot (a cache folder, never published)."""
    if (
        not isinstance(value, str)
        or not value.strip("/")
        or value.startswith("/")
        or (value.startswith(".") and not hidden)
        or ".." in value.split("/")
        or not value.endswith(suffix)
    ):
        kind = f"một tệp {suffix}" if suffix else "một thư mục"
        raise SettingsError(f"{name} phải là đường dẫn tương đối tới {kind}, không phải {value!r}")
    return value.strip("/") if not suffix else value
