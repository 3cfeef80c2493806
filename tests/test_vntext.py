"""The shared Vietnamese helpers: normalisation, folding, slugs, dates."""

import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vntext


def test_normalize_composes_nfd_and_replaces_lookalikes():
    decomposed = unicodedata.normalize("NFD", "Nghị quyết")
    assert vntext.normalize(decomposed) == "Nghị quyết"
    assert vntext.normalize("Quy định 208-Q\u00d0/TW") == "Quy định 208-QĐ/TW"
    assert vntext.normalize("Ban\u00a0Bí\u200bthư") == "Ban Bíthư"


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Đảng bộ", "Dang bo"),
        ("chính trị", "chinh tri"),
        ("HĐND", "HDND"),
        ("Thứ Ba, 27/7/2021", "Thu Ba, 27/7/2021"),
        (unicodedata.normalize("NFD", "đường dương"), "duong duong"),
    ],
)
def test_fold(text, folded):
    assert vntext.fold(text) == folded


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Tin từ các đơn vị", "tin-tu-cac-don-vi"),
        ("Hội nghị triển khai Quy định số 208-QĐ/TW", "hoi-nghi-trien-khai-quy-dinh-so-208-qd-tw"),
        ("  Đổi mới... nâng cao!  ", "doi-moi-nang-cao"),
    ],
)
def test_slugify(title, slug):
    assert vntext.slugify(title) == slug


@given(st.text())
def test_slugs_are_always_url_safe(text):
    slug = vntext.slugify(text)
    assert slug == slug.strip("-")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert ".." not in slug and " " not in slug


@given(st.text())
def test_fold_is_idempotent_and_never_longer_for_nfc_input(text):
    folded = vntext.fold(text)
    assert vntext.fold(folded) == folded


def test_format_datetime_matches_the_portals():
    moment = datetime(2021, 7, 27, 15, 46, tzinfo=vntext.TIMEZONE)
    assert vntext.format_datetime(moment) == "Thứ Ba, 27/7/2021 15:46 (GMT+7)"
    assert vntext.format_date(moment) == "27/7/2021"


def test_format_datetime_converts_to_vietnam_time():
    utc = datetime(2024, 7, 13, 17, 5, tzinfo=UTC)
    assert vntext.format_datetime(utc) == "Chủ Nhật, 14/7/2024 00:05 (GMT+7)"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-12-12 16:13", datetime(2023, 12, 12, 16, 13, tzinfo=vntext.TIMEZONE)),
        ("12/12/2023 16:13", datetime(2023, 12, 12, 16, 13, tzinfo=vntext.TIMEZONE)),
        ("5/10/2022", datetime(2022, 10, 5, tzinfo=vntext.TIMEZONE)),  # day first, never May
        ("2021-07-27", datetime(2021, 7, 27, tzinfo=vntext.TIMEZONE)),
    ],
)
def test_parse_date(text, expected):
    assert vntext.parse_date(text) == expected


@pytest.mark.parametrize("text", ["hôm qua", "2023-13-01", "31/02/2023", "12.12.2023"])
def test_parse_date_rejects_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="12/12/2023 16:13"):
        vntext.parse_date(text)


def test_html_text_drops_tags_and_keeps_words():
    assert vntext.html_text(
        "<p>Quy <b>định</b> số <a href='/x'>208-QĐ/TW</a>&nbsp;&amp;</p>"
    ).split() == [
        "Quy",
        "định",
        "số",
        "208-QĐ/TW",
        "&",
    ]
