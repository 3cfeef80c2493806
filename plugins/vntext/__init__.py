"""Vietnamese text helpers shared by every plugin and the theme.

One place for Unicode normalisation, diacritic folding, slugs and Vietnamese dates, and
(vntext.source) for reading a content file and its header with line numbers. A library,
not a plugin: it depends on no plugin, and the portal plugin gives its date filters to
the templates.
"""

from .dates import TIMEZONE, format_date, format_datetime, parse_date
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
    "slugify",
]
