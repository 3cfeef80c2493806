"""Typed records that one plugin hands another. Whoever reads one imports its type here."""

from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath


class Role(Enum):
    """What the build does with a file under content/."""

    ARTICLE = "article"  # Markdown, read and published as an article
    PAGE = "page"  # Markdown, published as a page
    STATIC = "static"  # copied to the site as it is
    DATA = "data"  # read by a plugin (the registry of documents), never published


@dataclass(frozen=True, order=True)
class ContentFile:
    relative: PurePosixPath  # from content/, e.g. "articles/tin-tu-cac-don-vi/bai.md"
    path: Path  # where it is read from
    role: Role


@dataclass(frozen=True)
class ContentFiles:
    """Every file under content/ that the checks accepted (content_intake), by path.

    The build reads these and nothing else; plugins that follow a link or an image to a
    file under content/ look it up here rather than on the disk.
    """

    root: Path
    by_relative: dict[str, ContentFile]

    def static(self, relative: str) -> ContentFile | None:
        found = self.by_relative.get(relative)
        return found if found is not None and found.role is Role.STATIC else None


# The key under which content_intake puts ContentFiles in Pelican's shared context.
CONTENT_FILES = "portal_content_files"
# In the context given to write_feed: the <updated> (a datetime) of a feed without entries
# (regulations: an uncited document's feed), which would otherwise be the build's time.
FEED_UPDATED = "portal_feed_updated"
