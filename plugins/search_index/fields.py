"""What each page adds to the index beyond its visible text: đ-folded words, number tokens.

Both end up in Pagefind metadata fields, which Pagefind 1.5 searches but never shows in
excerpts. The browser rewrites queries with the same rules (theme/static/js/search/).
"""

from __future__ import annotations

import re

import vntext
from portal.models import NumberRules

# Pagefind metadata fields (all searched by Pagefind 1.5, none shown in excerpts).
FOLD_FIELD = "khongdau"  # đ-folded twins of the article's words
NUMBER_FIELD = "sohieu"  # tokens of the document numbers an article cites
# Pagefind filters: shown with each result, never searched.
CATEGORY_FILTER = "category"
# Each token of the documents an article cites, as a filter: a number with other words
# ("208-QĐ/TW trung tâm") is the words among the articles citing it. (As a word, a token
# missing from a shard would be dropped by Pagefind, which then matched the words alone.)
CITED_FILTER = "van-ban"
DATE_FILTER = "ngay"
LINK_FILTER = "lien-ket"  # a document's page, on the results the browser adds
DATE_SORT = "date"

# A word holding đ/Đ: Pagefind folds tone and vowel marks itself, but not đ (a letter of
# its own), so only these words need a folded twin. In Vietnamese đ only starts a syllable.
_D_WORD = re.compile(r"\w*[đĐ]\w*")
_GROUPS = re.compile(r"\d+|[^\W\d_]+")


def folded_d_words(*texts: str) -> str:
    """The folded forms of the words with đ, once each, in order: "Đảng đã" -> "dang da"."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _D_WORD.findall(vntext.normalize(text)):
            seen.setdefault(vntext.fold(word).lower(), None)
    return " ".join(seen)


def number_token(groups: list[str]) -> str:
    return "".join(groups)


def document_tokens(document_id: str) -> list[str]:
    """One-word forms of a canonical number that any spelling of it rewrites to.

    "208-QĐ/TW" -> ["208qdtw"]: "208-qd/tw", "208 - QĐi/TW" give the whole token and
    "Quy định 208" gives "208qd", a prefix of it (Pagefind matches words by prefix).
    "36/2018/TT-BTC" -> ["362018ttbtc", "36tt"]: "Thông tư 36" needs the second form.
    """
    groups = _GROUPS.findall(vntext.fold(vntext.normalize(document_id)).lower())
    if not groups or not groups[0].isdigit():
        return []
    full = number_token(groups)
    tokens = [full]
    letters = next((g for g in groups[1:] if not g.isdigit()), None)
    if letters:
        short = groups[0] + letters
        if not full.startswith(short):
            tokens.append(short)
    return tokens


def query_rules(rules: NumberRules | None) -> dict:
    """Document-type words and codes for the browser's number-query rewriting, from the
    regulations plugin (its NumberRules in the context); none without it."""
    if rules is None:
        return {"words": {}, "codes": {}}
    return {"words": rules.words, "codes": rules.codes}
