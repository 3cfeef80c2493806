"""The plugin's settings (PRECOMPRESS_*): defaults in one place, checked once."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.settings import SettingsError, boolean, strings, values, whole

__all__ = ["DEFAULTS", "Config", "SettingsError", "load"]

DEFAULTS = {
    # False: the build writes no compressed copy (the preview server sends files as they are).
    "PRECOMPRESS_ENABLED": True,
    # Files compressed, by the end of their name: text only (Pagefind's own files, images
    # and PDFs are compressed already).
    "PRECOMPRESS_EXTENSIONS": (".html", ".xml", ".css", ".js", ".json", ".svg", ".txt"),
    # Files smaller than this gain less than the response headers weigh: none written.
    "PRECOMPRESS_MIN_SIZE": 256,
    # Paths (fnmatch patterns, relative to the output) left to the server's own gzip: the
    # site_files plugin writes these at `finalized` too, and Pelican fixes no order among
    # `finalized` receivers, so whether they exist yet when this plugin runs is chance.
    "PRECOMPRESS_EXCLUDE": ("robots.txt", "sitemap.xml", "sitemap-*.xml"),
    # Which copies: gzip (every browser) and brotli (13 % smaller than gzip here).
    "PRECOMPRESS_GZIP": True,
    "PRECOMPRESS_BROTLI": True,
    # gzip 1-9 and brotli 0-11. Measured on 1,000 generated articles (104 MB of text), one
    # core: gzip 6 writes 21.81 MB in 3.7 s, gzip 9 21.75 MB (0.3 % less) in 8.4 s; brotli
    # 8 writes 18.9 MB in 3.3 s. On the seed site (1.7 MB), brotli 11 wrote 7 % less than 8
    # but took 33 times as long: minutes on a 20-year archive at every publish.
    "PRECOMPRESS_GZIP_LEVEL": 6,
    "PRECOMPRESS_BROTLI_QUALITY": 8,
}


@dataclass(frozen=True)
class Config:
    enabled: bool
    extensions: tuple[str, ...]
    min_size: int
    exclude: tuple[str, ...]
    gzip: bool
    brotli: bool
    gzip_level: int
    brotli_quality: int


def load(settings: Mapping[str, Any]) -> Config:
    """The plugin's configuration from Pelican settings; a clear error for a bad value."""
    v = values(settings, DEFAULTS)
    extensions = strings("PRECOMPRESS_EXTENSIONS", v["PRECOMPRESS_EXTENSIONS"], "('.html', '.css')")
    if not all(extension.startswith(".") for extension in extensions):
        raise SettingsError(
            f"PRECOMPRESS_EXTENSIONS: mỗi đuôi bắt đầu bằng dấu chấm: {extensions!r}"
        )
    return Config(
        enabled=boolean("PRECOMPRESS_ENABLED", v["PRECOMPRESS_ENABLED"]),
        extensions=extensions,
        min_size=whole("PRECOMPRESS_MIN_SIZE", v["PRECOMPRESS_MIN_SIZE"]),
        exclude=strings("PRECOMPRESS_EXCLUDE", v["PRECOMPRESS_EXCLUDE"], "('robots.txt',)"),
        gzip=boolean("PRECOMPRESS_GZIP", v["PRECOMPRESS_GZIP"]),
        brotli=boolean("PRECOMPRESS_BROTLI", v["PRECOMPRESS_BROTLI"]),
        gzip_level=whole("PRECOMPRESS_GZIP_LEVEL", v["PRECOMPRESS_GZIP_LEVEL"], 1, 9),
        brotli_quality=whole("PRECOMPRESS_BROTLI_QUALITY", v["PRECOMPRESS_BROTLI_QUALITY"], 0, 11),
    )
