"""CONTENT_INTAKE_* settings with their defaults, in one place."""

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


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def iframe_hosts(settings) -> frozenset[str]:
    hosts = setting(settings, "CONTENT_INTAKE_IFRAME_HOSTS")
    if isinstance(hosts, str) or not all(isinstance(host, str) for host in hosts):
        raise ValueError("CONTENT_INTAKE_IFRAME_HOSTS must be a list of host names")
    return frozenset(hosts)


def static_types(settings) -> dict[str, frozenset[str]]:
    """Allowed suffixes by static folder; a folder the setting forgets allows nothing."""
    types = setting(settings, "CONTENT_INTAKE_STATIC_TYPES")
    return {
        folder.strip("/"): frozenset(types.get(folder.strip("/"), ()))
        for folder in settings["STATIC_PATHS"]
    }
