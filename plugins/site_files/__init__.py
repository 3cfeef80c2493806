"""sitemap.xml (a sitemap index past 50,000 pages) and robots.txt for the whole site."""

from .plugin import register

__all__ = ["register"]
