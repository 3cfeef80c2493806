"""Normalisation, folding and slugs for Vietnamese text."""

import html
import re
import unicodedata

# Characters editors paste from Word or the web that look right but match nothing:
# the Icelandic eth for Đ, no-break and zero-width spaces, the soft hyphen.
LOOKALIKES = {
    "\u00d0": "Đ",
    "\u00f0": "đ",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
}
_LOOKALIKE = re.compile("[" + "".join(LOOKALIKES) + "]")
_MARKS = re.compile("[\u0300-\u036f]")  # combining diacritics, after NFD


def normalize(text: str) -> str:
    """NFC with lookalikes and invisible characters replaced (Ð -> Đ, NBSP -> space)."""
    # A regex scan and str.replace run in C; str.translate with a dict is 10x slower here.
    if _LOOKALIKE.search(text):
        text = _LOOKALIKE.sub(lambda match: LOOKALIKES[match.group()], text)
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip tone and vowel marks, đ -> d; case is kept ("Đảng bộ" -> "Dang bo")."""
    if text.isascii():
        return text
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize(
        "NFC", stripped.replace("đ", "d").replace("Đ", "D").replace("ð", "d").replace("Ð", "D")
    )


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug: "Tin từ các đơn vị" -> "tin-tu-cac-don-vi"."""
    return _NON_SLUG.sub("-", fold(normalize(text)).lower()).strip("-")


_TAGS = re.compile(r"<[^>]*>")


def html_text(markup: str) -> str:
    """Visible text of an HTML fragment: tags become spaces, entities are decoded."""
    return html.unescape(_TAGS.sub(" ", markup or ""))
