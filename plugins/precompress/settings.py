"""The plugin's settings (PRECOMPRESS_*): defaults in one place, checked once."""

from __future__ import annotations

from dataclasses import dataclass

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


class SettingsError(ValueError):
    pass


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


def _strings(name: str, value) -> tuple[str, ...]:
    if isinstance(value, str) or not all(isinstance(item, str) and item for item in value):
        raise SettingsError(f"{name} là dãy chuỗi, ví dụ ('.html', '.css'), không phải {value!r}")
    return tuple(value)


def load(settings: dict) -> Config:
    """The plugin's configuration from Pelican settings; a clear error for a bad value."""
    v = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    for name in ("PRECOMPRESS_ENABLED", "PRECOMPRESS_GZIP", "PRECOMPRESS_BROTLI"):
        if not isinstance(v[name], bool):
            raise SettingsError(f"{name} phải là True hoặc False, không phải {v[name]!r}")
    for name, low, high in (
        ("PRECOMPRESS_MIN_SIZE", 0, None),
        ("PRECOMPRESS_GZIP_LEVEL", 1, 9),
        ("PRECOMPRESS_BROTLI_QUALITY", 0, 11),
    ):
        value = v[name]
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or value < low
            or (high is not None and value > high)
        ):
            limits = f"từ {low} đến {high}" if high is not None else f"≥ {low}"
            raise SettingsError(f"{name} phải là số nguyên {limits}, không phải {value!r}")
    extensions = _strings("PRECOMPRESS_EXTENSIONS", v["PRECOMPRESS_EXTENSIONS"])
    if not all(extension.startswith(".") for extension in extensions):
        raise SettingsError(
            f"PRECOMPRESS_EXTENSIONS: mỗi đuôi bắt đầu bằng dấu chấm: {extensions!r}"
        )
    return Config(
        enabled=v["PRECOMPRESS_ENABLED"],
        extensions=extensions,
        min_size=v["PRECOMPRESS_MIN_SIZE"],
        exclude=_strings("PRECOMPRESS_EXCLUDE", v["PRECOMPRESS_EXCLUDE"]),
        gzip=v["PRECOMPRESS_GZIP"],
        brotli=v["PRECOMPRESS_BROTLI"],
        gzip_level=v["PRECOMPRESS_GZIP_LEVEL"],
        brotli_quality=v["PRECOMPRESS_BROTLI_QUALITY"],
    )
