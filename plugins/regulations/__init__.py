"""Regulation cross-linking: every Party and State document an article cites gets a
link and a page.

The pipeline, after eyecite, one module a stage: clean (clean.py) -> find (find.py,
with patterns.py, codes.py and tail.py) -> resolve (resolve.py) -> annotate
(annotate.py, page_text.py); the records they hand on are in models.py. pipeline.py
runs them for the build (site.py) and for the editors' command (cli.py,
`python -m regulations content/`) alike. What the plugin knows about documents is data
(data/*.yaml, read by knowledge.py); the editors' registry is read by registry.py;
pages.py writes the pages and feeds.
"""

from .plugin import register

__all__ = ["register"]
