"""Client-side search with Pagefind: accent-smart, scoped by category, by document number.

The build marks what is indexed (theme attributes plus the fields computed here), then
runs the Pagefind binary once over the written site (sharded by year for big sites).
"""

from .plugin import register

__all__ = ["register"]
