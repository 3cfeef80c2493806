"""Typed records that one plugin hands another. Whoever reads one imports its type here."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any


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


# -- What plugins add to an article -------------------------------------------------------
# Each stage that adds something to an article writes it in the article's ArticleFacts
# (facts(article)); a stage that reads another's result reads it there, typed. Which stage
# writes which field, and in which order: portal/pipeline.py.


@dataclass(frozen=True)
class ImageVariant:
    relative_url: str  # under the site root, e.g. "images/_co/hoi-nghi-320.jpg"
    width: int
    height: int


@dataclass(frozen=True)
class LeadImage:
    """An article's lead image (image_variants.plan)."""

    alt: str
    variants: dict[str, ImageVariant]  # by size: "list" (thumbnail), "article"


@dataclass(frozen=True)
class DocumentRef:
    """A Party or State document an article cites and links (regulations.link)."""

    key: str  # stable, the document page's slug: "208-qd-tw-2019"
    id: str  # as officially written: "208-QĐ/TW"


@dataclass
class RelatedNews:
    """The lists under an article (related_news.attach): Pelican articles."""

    same_category: list = field(default_factory=list)  # "Tin cùng chuyên mục", newest first
    older: Any = None  # the previous article of the category
    newer: Any = None  # the next one
    related: list = field(default_factory=list)  # "Tin liên quan", best first
    scores: list = field(default_factory=list)  # the score of each related article
    others: list = field(default_factory=list)  # "Các tin khác": older, not listed above


@dataclass
class ArticleFacts:
    """Everything the plugins add to one article; None or empty until the stage runs."""

    lead_image: LeadImage | None = None
    documents: tuple[DocumentRef, ...] = ()
    related_news: RelatedNews | None = None
    search_fields: tuple[tuple[str, str, str], ...] = ()  # (attribute, name, value)


def facts(article: Any) -> ArticleFacts:
    """The article's ArticleFacts (templates read `article.facts`)."""
    found = getattr(article, "facts", None)
    if found is None:
        found = article.facts = ArticleFacts()
    return found


# -- What plugins hand each other about the site -------------------------------------------


@dataclass(frozen=True)
class CitingArticle:
    """An article citing a document, as search offers it."""

    url: str
    title: str
    date: datetime
    category: str
    sentence: str  # the first sentence that cites the document


@dataclass(frozen=True)
class CitedDocument:
    """A document with a page (regulations.link), as search offers it."""

    key: str
    id: str
    label: str  # "Quy định số 208-QĐ/TW"
    title: str  # its subject ("về ..."), "" when unknown
    url: str  # its page, relative to the site root
    citing: tuple[CitingArticle, ...]  # newest first


@dataclass(frozen=True)
class NumberRules:
    """How readers write document numbers (regulations' knowledge), for search: type
    words to codes ("quy dinh" -> "qd") and codes to their canonical form."""

    words: dict[str, str]
    codes: dict[str, str]


# Context keys: where the regulations plugin leaves, for the others, every document with
# a page (list[CitedDocument]) and the number rules (NumberRules).
CITED_DOCUMENTS = "portal_cited_documents"
NUMBER_RULES = "portal_number_rules"
