"""Client-side search with Pagefind: accent-smart, scoped by category, by document number.

The build marks what is indexed (theme attributes plus the fields computed here), then
runs the Pagefind binary over the written articles, in shards of the newest first.
"""

from .plugin import register

__all__ = ["register"]
