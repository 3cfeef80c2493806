"""The plugin's settings (CONTENT_INTAKE_*): defaults in one place, checked once."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.settings import SettingsError, relative_path, strings, values, whole

__all__ = ["DEFAULTS", "Config", "SettingsError", "load"]

IMAGE_TYPES = [".jpg", ".jpeg", ".png", ".webp", ".gif"]
DOCUMENT_TYPES = [
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
    ".rtf", ".txt", ".csv", ".zip", ".rar", ".7z",
]  # fmt: skip
AUDIO_TYPES = [".mp3", ".m4a", ".aac", ".ogg", ".oga", ".wav"]
VIDEO_TYPES = [".mp4", ".m4v", ".webm", ".ogv"]

DEFAULTS = {
    # Hosts whose https iframes (embedded video) may appear in articles.
    "CONTENT_INTAKE_IFRAME_HOSTS": ["www.youtube.com", "www.youtube-nocookie.com"],
    # The file types each static folder (STATIC_PATHS) publishes: what a news site needs,
    # nothing a browser would run (no .js, .html, .svg).
    "CONTENT_INTAKE_STATIC_TYPES": {
        "images": IMAGE_TYPES,
        "files": DOCUMENT_TYPES + IMAGE_TYPES + AUDIO_TYPES + VIDEO_TYPES,
    },
    # Folders of data files that plugins read (the registry of documents); never published.
    "CONTENT_INTAKE_DATA_PATHS": ["data"],
    "CONTENT_INTAKE_DATA_TYPES": [".yaml", ".yml"],
    # Sizes past which a file is refused: a photo from a camera fits, a bomb does not.
    "CONTENT_INTAKE_MAX_IMAGE_PIXELS": 40_000_000,
    "CONTENT_INTAKE_MAX_IMAGE_BYTES": 15 * 1024 * 1024,
    "CONTENT_INTAKE_MAX_FILE_BYTES": 50 * 1024 * 1024,
}


@dataclass(frozen=True)
class Config:
    iframe_hosts: frozenset[str]
    static_types: dict[str, frozenset[str]]  # by static folder (STATIC_PATHS)
    data_paths: tuple[str, ...]
    data_types: frozenset[str]
    max_image_pixels: int
    max_image_bytes: int
    max_file_bytes: int


def load(settings: Mapping[str, Any]) -> Config:
    v = values(settings, DEFAULTS)
    types = v["CONTENT_INTAKE_STATIC_TYPES"]
    if not isinstance(types, dict):
        raise SettingsError(
            "CONTENT_INTAKE_STATIC_TYPES phải là dict: thư mục tĩnh -> các đuôi tệp được đăng, "
            f"không phải {types!r}"
        )
    return Config(
        iframe_hosts=frozenset(
            strings(
                "CONTENT_INTAKE_IFRAME_HOSTS",
                v["CONTENT_INTAKE_IFRAME_HOSTS"],
                "['www.youtube.com']",
            )
        ),
        # A static folder the setting forgets publishes nothing: every file there is refused.
        static_types={
            folder.strip("/"): frozenset(
                strings(
                    f"CONTENT_INTAKE_STATIC_TYPES['{folder}']",
                    types.get(folder.strip("/"), ()),
                    "['.pdf']",
                )
                if folder.strip("/") in types
                else ()
            )
            for folder in settings["STATIC_PATHS"]
        },
        data_paths=tuple(
            relative_path("CONTENT_INTAKE_DATA_PATHS", folder)
            for folder in strings(
                "CONTENT_INTAKE_DATA_PATHS", v["CONTENT_INTAKE_DATA_PATHS"], "['data']"
            )
        ),
        data_types=frozenset(
            strings("CONTENT_INTAKE_DATA_TYPES", v["CONTENT_INTAKE_DATA_TYPES"], "['.yaml']")
        ),
        max_image_pixels=whole(
            "CONTENT_INTAKE_MAX_IMAGE_PIXELS", v["CONTENT_INTAKE_MAX_IMAGE_PIXELS"], 1
        ),
        max_image_bytes=whole(
            "CONTENT_INTAKE_MAX_IMAGE_BYTES", v["CONTENT_INTAKE_MAX_IMAGE_BYTES"], 1
        ),
        max_file_bytes=whole(
            "CONTENT_INTAKE_MAX_FILE_BYTES", v["CONTENT_INTAKE_MAX_FILE_BYTES"], 1
        ),
    )
