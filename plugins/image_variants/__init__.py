"""Resized copies of article images: a lead image for lists and pages, inline images sized.

Readers on phones get a 320 px thumbnail in lists and at most a 960 px picture on the
article page, each with width and height (no layout shift) and lazy loading.
"""

from .plugin import register

__all__ = ["register"]
