"""Content intake: read editors' Markdown safely and refuse what cannot be published.

The same checks run in `make check` (see cli.py) and at the start of every build, so a
build never skips or silently changes a file: it fails, naming the file, line and fix.
"""

from .plugin import register

__all__ = ["register"]
