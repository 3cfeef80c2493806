"""Related news under every article: "Tin cùng chuyên mục", "Tin liên quan", "Các tin khác".

Lists per category are simple slices (lists.py); "Tin liên quan" scores what two articles
share (cited documents, tags, syllable bigrams of the text) through an inverted index
(scoring.py), never comparing every pair. plugin.py sets ArticleFacts.related_news.
"""

from .plugin import register

__all__ = ["register"]
