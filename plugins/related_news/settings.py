"""The plugin's settings (RELATED_NEWS_*): defaults in one place, checked once."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.settings import SettingsError, boolean, number, values, whole

__all__ = ["DEFAULTS", "Config", "SettingsError", "load"]

DEFAULTS = {
    # "Tin cùng chuyên mục": the newest other articles of the article's category.
    "RELATED_NEWS_SAME_CATEGORY_COUNT": 10,
    # "Tin liên quan": the best scored articles of any category.
    "RELATED_NEWS_RELATED_COUNT": 6,
    # "Các tin khác": older articles of the category not listed above.
    "RELATED_NEWS_OTHERS_COUNT": 10,
    # False: "Tin liên quan" lists only older articles, so publishing never pushes a new
    # article into the lists of articles already out (stable lists; the order among the
    # older ones may still shift a little as the site's word statistics change).
    "RELATED_NEWS_ALLOW_NEWER": True,
    # What each signal is worth; each is a cosine in [0, 1] before weighting. A shared
    # cited document says most, then the text, then tags (editors tag loosely).
    "RELATED_NEWS_WEIGHTS": {"documents": 3.0, "text": 2.0, "tags": 1.0},
    # Articles scoring below this are not related, however few candidates there are.
    "RELATED_NEWS_MIN_SCORE": 0.05,
    # Text: the title, the sapo and this many characters of the body (about 230
    # syllables: the lead carries the subject in news writing); of its bigrams, the
    # this-many that weigh most describe the article.
    "RELATED_NEWS_TEXT_LENGTH": 1500,
    "RELATED_NEWS_TEXT_FEATURES": 32,
    # Weight kept by boilerplate phrases ("nâng cao chất lượng", "đối với").
    "RELATED_NEWS_STOP_PHRASE_WEIGHT": 0.2,
    # Longest posting list kept per bigram, tag or document: the articles where it
    # weighs most. Bounds the work per article, so the whole run grows linearly.
    "RELATED_NEWS_POSTINGS_CAP": 20,
    # A bigram, tag or document in more than this share of articles (and more than
    # POSTINGS_CAP of them) tells nothing and is not indexed.
    "RELATED_NEWS_MAX_DOCUMENT_SHARE": 0.2,
}

SIGNALS = ("documents", "text", "tags")


@dataclass(frozen=True)
class Config:
    same_category_count: int
    related_count: int
    others_count: int
    allow_newer: bool
    weights: tuple[tuple[str, float], ...]
    min_score: float
    text_length: int
    text_features: int
    stop_phrase_weight: float
    postings_cap: int
    max_document_share: float

    def weight(self, signal: str) -> float:
        return dict(self.weights)[signal]


def load(settings: Mapping[str, Any]) -> Config:
    """The configuration from Pelican settings; a clear error (in Vietnamese) for a bad value."""
    v = values(settings, DEFAULTS)
    weights = v["RELATED_NEWS_WEIGHTS"]
    if not isinstance(weights, dict) or set(weights) != set(SIGNALS):
        raise SettingsError(
            f"RELATED_NEWS_WEIGHTS phải là dict với đúng các khoá {', '.join(SIGNALS)}, "
            f"không phải {weights!r}"
        )
    return Config(
        same_category_count=whole(
            "RELATED_NEWS_SAME_CATEGORY_COUNT", v["RELATED_NEWS_SAME_CATEGORY_COUNT"]
        ),
        related_count=whole("RELATED_NEWS_RELATED_COUNT", v["RELATED_NEWS_RELATED_COUNT"]),
        others_count=whole("RELATED_NEWS_OTHERS_COUNT", v["RELATED_NEWS_OTHERS_COUNT"]),
        allow_newer=boolean("RELATED_NEWS_ALLOW_NEWER", v["RELATED_NEWS_ALLOW_NEWER"]),
        weights=tuple(
            (signal, number(f"RELATED_NEWS_WEIGHTS['{signal}']", weights[signal], 0, 100))
            for signal in SIGNALS
        ),
        min_score=number("RELATED_NEWS_MIN_SCORE", v["RELATED_NEWS_MIN_SCORE"], 0, 100),
        text_length=whole("RELATED_NEWS_TEXT_LENGTH", v["RELATED_NEWS_TEXT_LENGTH"]),
        text_features=whole("RELATED_NEWS_TEXT_FEATURES", v["RELATED_NEWS_TEXT_FEATURES"], 1),
        stop_phrase_weight=number(
            "RELATED_NEWS_STOP_PHRASE_WEIGHT", v["RELATED_NEWS_STOP_PHRASE_WEIGHT"], 0, 1
        ),
        postings_cap=whole("RELATED_NEWS_POSTINGS_CAP", v["RELATED_NEWS_POSTINGS_CAP"], 1),
        max_document_share=number(
            "RELATED_NEWS_MAX_DOCUMENT_SHARE", v["RELATED_NEWS_MAX_DOCUMENT_SHARE"], 0.001, 1
        ),
    )
