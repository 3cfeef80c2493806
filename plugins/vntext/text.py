"""Normalisation, folding and slugs for Vietnamese text."""

import re
import unicodedata

# Characters editors paste from Word or the web that look right but match nothing:
# the Icelandic eth for Đ, no-break and zero-width spaces, the soft hyphen.
_LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",
        "\u00f0": "đ",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)


def normalize(text: str) -> str:
    """NFC with lookalikes and invisible characters replaced (Ð -> Đ, NBSP -> space)."""
    return unicodedata.normalize("NFC", text.translate(_LOOKALIKES))


def _build_fold_table() -> dict[int, str]:
    # Precomputed for every Latin letter with marks, so folding is one str.translate call.
    table = {ord("Đ"): "D", ord("đ"): "d", ord("Ð"): "D", ord("ð"): "d"}
    for code in range(0x00C0, 0x1EFF + 1):
        char = chr(code)
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Strip tone and vowel marks, đ -> d; case is kept ("Đảng bộ" -> "Dang bo")."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)
    if text.isascii():
        return text
    # Combining marks left over (decomposed input NFC cannot compose) are dropped too.
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )


_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """ASCII slug: "Tin từ các đơn vị" -> "tin-tu-cac-don-vi"."""
    return _NON_SLUG.sub("-", fold(normalize(text)).lower()).strip("-")
