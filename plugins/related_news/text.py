"""Syllable bigrams of an article's text, the unit Vietnamese shares meaning in.

Vietnamese words are mostly two syllables ("chính trị", "cán bộ"), so adjacent syllable
pairs stand in for words without a dictionary. Syllables are folded (vntext.fold: no
marks, so "Đảng uỷ" and "Đảng ủy" agree) and lowercased; a bigram never spans
punctuation or a number. Each distinct raw token is folded once (Syllables caches
it), so the per-token work runs in C. Bigrams are kept as hash() values: small and
fast to count; they are compared only within one build, so Python's per-process hash
seed changes nothing (ties are broken by article, never by hash order).
"""

import re
from collections import Counter
from itertools import chain, pairwise

import vntext

_NOT_LETTERS = re.compile(r"[^a-z]+")
BREAK = "|"  # stands where punctuation or a number cut the text

# Boilerplate of Party and administrative news: true in nearly every article, so sharing
# them says little. Discounted (not removed): together they still separate topics.
STOP_PHRASES = (
    "của các",
    "và các",
    "các cấp",
    "cấp ủy",
    "đối với",
    "trong việc",
    "trong đó",
    "theo đó",
    "bên cạnh",
    "ngoài ra",
    "đồng thời",
    "vì vậy",
    "do đó",
    "tuy nhiên",
    "nhằm mục đích",
    "thực hiện",
    "tổ chức",
    "triển khai",
    "nâng cao chất lượng",
    "hiệu quả",
    "tiếp tục",
    "tăng cường",
    "đẩy mạnh",
    "góp phần",
    "trong thời gian tới",
    "tình hình mới",
    "nhiệm vụ",
    "cơ quan đơn vị",
    "địa phương",
    "cán bộ đảng viên",
    "công tác",
    "chỉ đạo",
    "lãnh đạo",
    "quan tâm",
    "kịp thời",
    "thường xuyên",
    "có hiệu quả",
    "ban thường vụ",
    "tỉnh ủy",
    "huyện ủy",
    "của đảng",
    "nhà nước",
    "ngày càng",
    "một số",
    "các đồng chí",
    "đồng chí",
    "phát biểu",
    "hội nghị",
    "kế hoạch",
    "được giao",
    "theo quy định",
    "của ban",
    "với các",
    "cho các",
    "là một",
    "năm qua",
)


class Syllables(dict):
    """Raw token -> its folded syllables, with BREAK where punctuation or digits were:
    "huyện," -> ("huyen", "|"), "208-QĐ/TW" -> ("|", "qd", "|", "tw"). Each syllable is
    one shared string object, so its hash is computed once per build. Also collects the
    hashes of bigrams touching a BREAK, which counting then drops."""

    def __init__(self):
        super().__init__()
        self.breaks = {hash((BREAK, BREAK))}
        self._shared: dict[str, str] = {BREAK: BREAK}

    def __missing__(self, token: str) -> tuple[str, ...]:
        # Between two parts there was punctuation or a number: a BREAK.
        parts = _NOT_LETTERS.split(vntext.fold(vntext.normalize(token)).lower())
        syllables = []
        for position, part in enumerate(parts):
            if position:
                syllables.append(BREAK)
            if part:
                syllables.append(self._share(part))
        self[token] = value = tuple(syllables)
        return value

    def _share(self, syllable: str) -> str:
        shared = self._shared.get(syllable)
        if shared is None:
            self._shared[syllable] = shared = syllable
            self.breaks.add(hash((syllable, BREAK)))
            self.breaks.add(hash((BREAK, syllable)))
        return shared

    def syllables(self, text: str) -> list[str]:
        return list(chain.from_iterable(map(self.__getitem__, text.split())))

    def count(self, syllables: list[str]) -> Counter:
        """Hashed bigrams of a syllable list, with how often each occurs."""
        found = Counter(map(hash, pairwise(syllables)))
        drop = dict.__delitem__  # Counter's own __delitem__ is Python code
        for key in found.keys() & self.breaks:
            drop(found, key)
        return found

    def article(self, title: str, summary: str, body: str, body_length: int) -> Counter:
        """Bigrams of the title (twice: it names the subject), the sapo and the first
        body_length characters of the body."""
        heading = self.syllables(title)
        return self.count(
            heading
            + [BREAK]
            + heading
            + [BREAK]
            + self.syllables(summary)
            + [BREAK]
            + self.syllables(body[:body_length])
        )


def stop_bigrams(syllables: Syllables, phrases=STOP_PHRASES) -> frozenset[int]:
    return frozenset(syllables.count(syllables.syllables(" . ".join(phrases))))
