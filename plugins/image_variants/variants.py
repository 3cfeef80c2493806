"""Which resized copies an image gets, and making them (cached between builds)."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from portal.output import write_output


@dataclass(frozen=True)
class Variant:
    source: Path  # the editor's file in content/
    relative_url: str  # under the site root, e.g. "images/_co/hoi-nghi-320.jpg"
    width: int
    height: int


def plan(source: Path, relative: str, width: int, folder: str) -> Variant:
    """The copy of `source` at most `width` px wide (never enlarged), at a stable URL."""
    with Image.open(source) as image:
        original_width, original_height = ImageOps.exif_transpose(image).size
    target_width = min(width, original_width)
    target_height = max(1, round(original_height * target_width / original_width))
    stem = Path(relative).with_suffix("").as_posix().replace("/", "-")
    suffix = ".png" if source.suffix.lower() == ".png" else ".jpg"
    return Variant(source, f"{folder}/{stem}-{target_width}{suffix}", target_width, target_height)


def _cache_key(variant: Variant) -> str:
    stat = variant.source.stat()
    seed = f"{variant.source}|{stat.st_size}|{stat.st_mtime_ns}|{variant.width}x{variant.height}"
    return hashlib.sha1(seed.encode()).hexdigest() + Path(variant.relative_url).suffix


def write(variant: Variant, output: Path, cache: Path) -> None:
    """Resize once per source change: later builds copy the cached file."""
    cached = cache / _cache_key(variant)
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with Image.open(variant.source) as opened:
            image = ImageOps.exif_transpose(opened)
            if cached.suffix == ".jpg":
                image = image.convert("RGB")
            image.resize((variant.width, variant.height), Image.Resampling.LANCZOS).save(
                cached, quality=82, optimize=True
            )
    write_output(output, variant.relative_url, cached.read_bytes())
