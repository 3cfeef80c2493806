"""Which articles are most related: sparse weighted vectors and an inverted index.

Each article is three small vectors: the documents it cites, its tags, and its best
text bigrams, each weighted by idf (rarer says more) and normalised, so each signal
is a cosine in [0, 1]; the signal's weight (settings) scales it. Scores come from the
inverted index (feature -> the articles having it), and every posting list is capped
at POSTINGS_CAP entries, so each article costs at most features x cap additions:
the whole run grows linearly with the number of articles, never with its square.
"""

import gc
import heapq
import math
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul

from .settings import Config

_DIGITS = 9  # scores are rounded so float summing order never decides a tie


@dataclass(frozen=True)
class Item:
    """What scoring needs of an article. key is unique (its URL) and breaks date ties."""

    key: str
    timestamp: float
    bigrams: Counter = field(default_factory=Counter)
    tags: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


@contextmanager
def paused_gc():
    """Millions of small objects and no cycles: the cyclic collector would rescan them
    again and again (time growing faster than the article count) and free nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _idf(count: int, total: int) -> float:
    return math.log((total + 1) / count)


def _text_vector(bigrams: Counter, damp: list, idf_of, limit: int) -> dict:
    """The `limit` heaviest bigrams by (1 + log tf) * idf. Every step is a C-level map;
    equal weights keep text order (Counter order is first occurrence), never hash order."""
    keys = list(bigrams)
    weights = list(
        map(mul, map(damp.__getitem__, bigrams.values()), map(idf_of, keys, repeat(0.0)))
    )
    best = sorted(range(len(keys)), key=weights.__getitem__, reverse=True)[:limit]  # stable
    return {keys[i]: weights[i] for i in best if weights[i] > 0}


def _scaled(weights: dict, scale: float) -> dict:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {f: w * scale / norm for f, w in weights.items()} if norm else {}


class Index:
    """Feature vectors of all items and the capped inverted index over them."""

    def __init__(self, items: Sequence[Item], config: Config, stop_bigrams=frozenset()):
        self.items = items
        self.config = config
        total = len(items)
        order = sorted(range(total), key=lambda i: (items[i].timestamp, items[i].key))
        self.rank = [0] * total  # 0 = oldest
        for position, i in enumerate(order):
            self.rank[i] = position
        too_common = max(config.max_document_share * total, config.postings_cap)

        bigram_df: Counter[int] = Counter()
        tag_df: Counter[str] = Counter()
        document_df: Counter[str] = Counter()
        for item in items:
            bigram_df.update(item.bigrams.keys())
            tag_df.update(set(item.tags))
            document_df.update(set(item.documents))
        idf = {b: _idf(n, total) for b, n in bigram_df.items() if 2 <= n <= too_common}
        stop_weight = config.stop_phrase_weight
        for bigram in stop_bigrams & idf.keys():
            idf[bigram] *= stop_weight
        # 1 + log(tf), looked up rather than computed for each bigram.
        most = max((max(item.bigrams.values(), default=0) for item in items), default=0)
        damp = [0.0] + [1 + math.log(n) for n in range(1, most + 1)]

        text_scale = math.sqrt(config.weight("text"))
        tag_scale = math.sqrt(config.weight("tags"))
        document_scale = math.sqrt(config.weight("documents"))
        self.vectors: list[dict] = []
        for item in items:
            vector = _scaled(
                _text_vector(item.bigrams, damp, idf.get, config.text_features), text_scale
            )
            tags = {
                ("tag", t): _idf(tag_df[t], total) for t in item.tags if tag_df[t] <= too_common
            }
            vector.update(_scaled(tags, tag_scale))
            documents = {
                ("document", d): _idf(document_df[d], total)
                for d in item.documents
                if document_df[d] <= too_common
            }
            vector.update(_scaled(documents, document_scale))
            self.vectors.append(vector)

        postings: dict = {}
        for i, vector in enumerate(self.vectors):
            for feature, weight in vector.items():
                postings.setdefault(feature, []).append((weight, self.rank[i], i))
        cap = config.postings_cap
        # feature -> (articles, their weights): the heaviest `cap` (then the newest).
        self.postings = {}
        for feature, entries in postings.items():
            if len(entries) > 1:
                kept = heapq.nlargest(cap, entries) if len(entries) > cap else entries
                self.postings[feature] = (
                    tuple(i for _, _, i in kept),
                    tuple(w for w, _, _ in kept),
                )

    def scores(self, i: int) -> dict[int, float]:
        """Every other item sharing an indexed feature with item i, with its score."""
        totals: dict[int, float] = {}
        running = totals.get
        postings = self.postings
        for feature, weight in self.vectors[i].items():
            entry = postings.get(feature)
            if entry is not None:
                for other, other_weight in zip(*entry, strict=True):
                    totals[other] = running(other, 0.0) + weight * other_weight
        totals.pop(i, None)
        return totals

    def related(self, i: int, count: int) -> list[tuple[int, float]]:
        """The best `count` items for item i: highest score, then newest; only older ones
        unless newer articles are allowed."""
        rank = self.rank
        own = rank[i]
        newer_ok = self.config.allow_newer
        minimum = self.config.min_score
        scores = {
            other: score
            for other, score in self.scores(i).items()
            if score >= minimum and (newer_ok or rank[other] < own)
        }
        if len(scores) > count:
            # Rounded ties at the cut are all kept for the exact ordering below.
            cut = heapq.nlargest(count, scores.values())[-1] - 10**-_DIGITS
            scores = {other: score for other, score in scores.items() if score >= cut}
        best = sorted(((round(s, _DIGITS), rank[o], o) for o, s in scores.items()), reverse=True)
        return [(other, score) for score, _, other in best[:count]]
