"""Vietnamese text helpers shared by every plugin and the theme.

One place for Unicode normalisation, diacritic folding, slugs and Vietnamese dates, and
(vntext.source) for reading a content file and its header with line numbers; it depends
on no other plugin. As a Pelican plugin it only adds the date filters to Jinja.
"""

from .dates import TIMEZONE, format_date, format_datetime, parse_date
from .plugin import register
from .text import LOOKALIKES, fold, html_text, normalize, slugify

__all__ = [
    "LOOKALIKES",
    "TIMEZONE",
    "fold",
    "html_text",
    "format_date",
    "format_datetime",
    "normalize",
    "parse_date",
    "register",
    "slugify",
]
