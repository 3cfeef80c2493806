"""The plugin's settings (RELATED_NEWS_*): defaults in one place, checked once."""

from dataclasses import dataclass

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

_COUNTS = (
    "RELATED_NEWS_SAME_CATEGORY_COUNT",
    "RELATED_NEWS_RELATED_COUNT",
    "RELATED_NEWS_OTHERS_COUNT",
)
SIGNALS = ("documents", "text", "tags")


@dataclass(frozen=True)
class Config:
    same_category_count: int = 10
    related_count: int = 6
    others_count: int = 10
    allow_newer: bool = True
    weights: tuple[tuple[str, float], ...] = (("documents", 3.0), ("text", 2.0), ("tags", 1.0))
    min_score: float = 0.05
    text_length: int = 1500
    text_features: int = 32
    stop_phrase_weight: float = 0.2
    postings_cap: int = 20
    max_document_share: float = 0.2

    def weight(self, signal: str) -> float:
        return dict(self.weights)[signal]


class SettingsError(ValueError):
    pass


def _whole(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SettingsError(f"{name} phải là số nguyên từ {minimum} trở lên, không phải {value!r}")
    return value


def _number(name: str, value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SettingsError(f"{name} phải là số từ {low} đến {high}, không phải {value!r}")
    return float(value)


def load(settings: dict) -> Config:
    """The configuration from Pelican settings; a clear error (in Vietnamese) for a bad value."""
    values = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
    for name in _COUNTS:
        _whole(name, values[name], 0)
    if not isinstance(values["RELATED_NEWS_ALLOW_NEWER"], bool):
        raise SettingsError(
            f"RELATED_NEWS_ALLOW_NEWER phải là True hoặc False, không phải {values['RELATED_NEWS_ALLOW_NEWER']!r}"
        )
    weights = values["RELATED_NEWS_WEIGHTS"]
    if not isinstance(weights, dict) or set(weights) != set(SIGNALS):
        raise SettingsError(
            "RELATED_NEWS_WEIGHTS phải là dict với đúng các khoá "
            + ", ".join(SIGNALS)
            + f", không phải {weights!r}"
        )
    return Config(
        same_category_count=values["RELATED_NEWS_SAME_CATEGORY_COUNT"],
        related_count=values["RELATED_NEWS_RELATED_COUNT"],
        others_count=values["RELATED_NEWS_OTHERS_COUNT"],
        allow_newer=values["RELATED_NEWS_ALLOW_NEWER"],
        weights=tuple(
            (signal, _number(f"RELATED_NEWS_WEIGHTS['{signal}']", weights[signal], 0, 100))
            for signal in SIGNALS
        ),
        min_score=_number("RELATED_NEWS_MIN_SCORE", values["RELATED_NEWS_MIN_SCORE"], 0, 100),
        text_length=_whole("RELATED_NEWS_TEXT_LENGTH", values["RELATED_NEWS_TEXT_LENGTH"], 0),
        text_features=_whole("RELATED_NEWS_TEXT_FEATURES", values["RELATED_NEWS_TEXT_FEATURES"], 1),
        stop_phrase_weight=_number(
            "RELATED_NEWS_STOP_PHRASE_WEIGHT", values["RELATED_NEWS_STOP_PHRASE_WEIGHT"], 0, 1
        ),
        postings_cap=_whole("RELATED_NEWS_POSTINGS_CAP", values["RELATED_NEWS_POSTINGS_CAP"], 1),
        max_document_share=_number(
            "RELATED_NEWS_MAX_DOCUMENT_SHARE", values["RELATED_NEWS_MAX_DOCUMENT_SHARE"], 0.001, 1
        ),
    )
