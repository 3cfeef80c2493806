"""Regulation cross-linking: every Party and State document an article cites gets a
link and a page.

Pipeline, after eyecite: clean (clean.py) -> find (find.py) -> resolve (resolve.py)
-> annotate (annotate.py); knowledge about document types, issuers and numbering is
data (data/*.yaml); the editors' registry is read by registry.py; pages.py writes
the pages and feeds; `python -m regulations content/` is the editors' report.
"""

from .plugin import register

__all__ = ["register"]
