"""The plugin's settings (IMAGE_VARIANTS_*): defaults in one place, checked once."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.settings import SettingsError, relative_path, values, whole

__all__ = ["DEFAULTS", "Config", "SettingsError", "load"]

DEFAULTS = {
    # Widths in pixels, by use: the thumbnail in lists, the picture on the article page.
    "IMAGE_VARIANTS_SIZES": {"list": 320, "article": 960},
    # Where the copies go, under the site root ("cỡ": sizes).
    "IMAGE_VARIANTS_FOLDER": "images/_co",
    # Resized copies kept between builds, beside the content folder.
    "IMAGE_VARIANTS_CACHE": ".cache/image-variants",
}


@dataclass(frozen=True)
class Config:
    sizes: dict[str, int]
    folder: str
    cache: str


def load(settings: Mapping[str, Any]) -> Config:
    v = values(settings, DEFAULTS)
    sizes = v["IMAGE_VARIANTS_SIZES"]
    if not isinstance(sizes, dict) or not {"list", "article"} <= set(sizes):
        raise SettingsError(
            "IMAGE_VARIANTS_SIZES phải là dict có các khoá 'list' và 'article' (độ rộng, điểm "
            f"ảnh), không phải {sizes!r}"
        )
    return Config(
        sizes={
            name: whole(f"IMAGE_VARIANTS_SIZES['{name}']", width, 1)
            for name, width in sizes.items()
        },
        folder=relative_path("IMAGE_VARIANTS_FOLDER", v["IMAGE_VARIANTS_FOLDER"]),
        cache=relative_path("IMAGE_VARIANTS_CACHE", v["IMAGE_VARIANTS_CACHE"], hidden=True),
    )
