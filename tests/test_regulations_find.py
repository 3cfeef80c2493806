"""Finding citations: canonical ids from every spelling, spans, and what follows them."""

import unicodedata
from datetime import date

import pytest

from regulations.clean import clean
from regulations.find import default_finder, find_citations
from regulations.models import FullCitation, ShortCitation


def find(text):
    return find_citations(clean(text).text)


def ids(text):
    return [c.id for c in find(text) if isinstance(c, FullCitation)]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("208-QĐ/TW", "208-QĐ/TW"),
        ("208-QĐi/TW", "208-QĐ/TW"),
        ("208 - QĐ/TW", "208-QĐ/TW"),
        ("208– QĐ/TW", "208-QĐ/TW"),
        ("208-qđ/tw", "208-QĐ/TW"),
        ("208-QĐ/TƯ", "208-QĐ/TW"),
        ("208-Q\u00d0/TW", "208-QĐ/TW"),
        ("208-\nQĐ/TW", "208-QĐ/TW"),
        ("5-CT/TW", "05-CT/TW"),
        ("0005-CT/TW", "05-CT/TW"),
        ("15-CTr/TU", "15-CTr/TU"),
        ("22/CT-TW", "22-CT/TW"),
        ("36/2018/TT-BTC", "36/2018/TT-BTC"),
        ("36/2018/TTBTC", "36/2018/TT-BTC"),
        ("30/2020/NĐCP", "30/2020/NĐ-CP"),
        ("SỐ30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("83/2015/QH13", "83/2015/QH13"),
        ("1847/QĐ-TTG", "1847/QĐ-TTg"),
        ("05/2015/TTLT-BTC-BNV", "05/2015/TTLT-BTC-BNV"),
        ("12/NQCP", "12/NQ-CP"),
        # compound codes: the whole code, not its first part
        ("55/2015/TTLT/BTC-BKHCN", "55/2015/TTLT-BTC-BKHCN"),
        ("08/2005/TTLT/BLĐTBXH-BYT-BTC", "08/2005/TTLT-BLĐTBXH-BYT-BTC"),
        ("103/TTLT/BTC-BNV", "103/TTLT-BTC-BNV"),
        ("225-KH/TWĐTN-CTTN", "225-KH/TWĐTN-CTTN"),
        ("367 - QĐ/TWĐTN-VP", "367-QĐ/TWĐTN-VP"),
        ("1187/BTTTT-PTTH&TTĐT", "1187/BTTTT-PTTH&TTĐT"),
        ("39/QĐ-PTTH&TTĐT", "39/QĐ-PTTH&TTĐT"),
        # no hyphen or slash between the number and its type
        ("84 QĐ/TWĐTN", "84-QĐ/TWĐTN"),
        ("22HD/TWĐTN", "22-HD/TWĐTN"),
        ("318 QĐ-TTg", "318/QĐ-TTg"),
        # glued to the next word
        ("70-TB/TWngày", "70-TB/TW"),
        ("1847/QĐ-TTgngày", "1847/QĐ-TTg"),
        ("36/2018/TT-BTCngày", "36/2018/TT-BTC"),
        # slashes only
        ("646/QĐ/QUTW", "646-QĐ/QUTW"),
        ("1234/QĐ/UBND", "1234/QĐ-UBND"),
        # rarer type codes
        ("04-QyĐ/ĐU", "04-QĐ/ĐU"),
        ("12-QYĐ/TU", "12-QĐ/TU"),
        ("198/TB-VPCP", "198/TB-VPCP"),
        # State numbers keep their digits; Party numbers take a leading zero
        ("8/KH-MTTQ-BTT", "8/KH-MTTQ-BTT"),
        ("08/KH-MTTQ-BTT", "08/KH-MTTQ-BTT"),
        ("8-KH/TU", "08-KH/TU"),
        # a dotted capital İ: matched as an I (the patterns fold case as re does)
        ("208-QĐ\u0130/TW", "208-QĐ/TW"),
        ("1234/QĐ\u0130-UBND", "1234/QĐ-UBND"),
    ],
)
def test_every_spelling_gives_the_official_id(written, canonical):
    assert ids(f"Thực hiện văn bản {written} của cấp trên.") == [canonical]


def test_nfd_text_is_read_like_nfc():
    text = "Quy định số 208-QĐ/TW và Nghị quyết số 35 của Bộ Chính trị"
    assert ids(unicodedata.normalize("NFD", text)) == ids(text) == ["208-QĐ/TW", "35-NQ/TW"]


def test_span_starts_at_the_type_word_and_ends_with_the_id():
    text = "Căn cứ Quy định số 208-QĐi/TW ngày 08/11/2019 của Ban Bí thư."
    (citation,) = find(text)
    assert text[citation.start : citation.end] == "Quy định số 208-QĐi/TW"
    assert citation.type_word == "Quy định"


def test_spans_map_back_to_what_the_editor_wrote():
    text = (
        unicodedata.normalize("NFD", "Thực hiện Nghị quyết số 35-NQ/TW") + "\u00a0và 36/2018/TT-BTC"
    )
    cleaned = clean(text)
    written = [text[slice(*cleaned.to_original(c.start, c.end))] for c in find(text)]
    assert [unicodedata.normalize("NFC", w) for w in written] == [
        "Nghị quyết số 35-NQ/TW",
        "36/2018/TT-BTC",
    ]


def test_date_issuer_and_subject_after_a_citation_are_read():
    (citation,) = find(
        "Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư về chức năng, nhiệm vụ, "
        "tổ chức bộ máy của trung tâm chính trị cấp huyện; đồng thời..."
    )
    assert citation.date == date(2019, 11, 8)
    assert citation.issuer_phrase == "Ban Bí thư"
    assert citation.subject == (
        "về chức năng, nhiệm vụ, tổ chức bộ máy của trung tâm chính trị cấp huyện"
    )


def test_quoted_subject_and_date_in_words():
    (citation,) = find(
        "Thông tư 36/2018/TT-BTC ngày 30 tháng 3 năm 2018 của Bộ Tài chính "
        "“Hướng dẫn việc lập dự toán”"
    )
    assert citation.date == date(2018, 3, 30)
    assert citation.subject == "Hướng dẫn việc lập dự toán"


def test_an_impossible_date_is_no_date():
    (citation,) = find("Kết luận số 05-KL/TU ngày 31/2/2021")
    assert citation.date is None


def test_subject_stops_before_the_next_cited_document():
    first, second = find(
        "Quy định số 208-QĐ/TW về chức năng của trung tâm và Kết luận số 66-KL/TW về tổng kết"
    )
    assert first.subject == "về chức năng của trung tâm"
    assert second.id == "66-KL/TW"


def test_short_reference_is_a_number_after_a_type_word():
    (citation,) = find("Theo Nghị quyết số 35, cán bộ phải...")
    assert isinstance(citation, ShortCitation)
    assert citation.number == "35" and citation.type_codes == ("NQ",)


def test_short_reference_named_by_a_party_issuer_has_a_full_id():
    (citation,) = find("Kết luận số 05 của Ban Thường vụ Tỉnh ủy về đào tạo")
    assert isinstance(citation, FullCitation) and citation.named
    assert citation.id == "05-KL/TU"


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 08/11/2019, Ban Bí thư họp.",
        "Gọi 0912-345-678 hoặc 0218.3852.456.",
        "Có 9/9 huyện và 76.400 lớp/năm.",
        "Điều 3, mẫu số 02, khoản 1.",
        "Số nhà 12/3 đường Cù Chính Lan.",
        "Giai đoạn 2021-2025, nhiệm kỳ 2020 - 2025.",
        "Có 20/CTV tham gia.",
        "Lớp K12-CT/2023.",
        "Số lượng 5 - tb/ngày.",
        "Chương trình 135 cho các xã.",
        "Phòng, chống HIV/AIDS đạt 16/16 chỉ tiêu.",
        "Dịch COVID-19về cơ bản được kiểm soát.",
        "Kỷ niệm (3/2/1930 – 3/2/2021)ngày hội lớn.",
        "Hội nghị ngày 12/12/2023tại Hội trường.",
        "Năm 2024 KT-XH tăng trưởng; có 3 CT-XH tham gia.",
        "Học sinh lớp 12 CT/HS chuyên.",
        "Tăng 5/TB/năm; 12/ct/hs tham gia.",
        "Mẫu số 02/KH/2024 đính kèm.",
        "Sở GD&ĐT có 3/3 trường đạt chuẩn.",
    ],
)
def test_decoys_are_not_full_citations(text):
    assert ids(text) == []


def test_registry_ids_are_parsed_alone():
    finder = default_finder()
    assert finder.parse_id("208-QĐi/TW").id == "208-QĐ/TW"
    assert finder.parse_id("334/VPTT").id == "334/VPTT"
    assert finder.parse_id("không phải số hiệu") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Văn bản số 334/VPTT ngày 12/3/2024", ["334/VPTT"]),
        ("Công văn 456/STTTT về phát thanh", ["456/STTTT"]),
        ("Có 20/CTV tham gia.", []),
        ("Công văn gửi 12/UBND các xã.", []),
        ("Công văn số 15/KH đang chờ.", []),
    ],
)
def test_a_code_of_an_issuer_alone_is_a_letter_only_after_a_word_naming_one(text, expected):
    assert ids(text) == expected


def test_a_glued_word_after_an_id_is_still_read_as_what_follows_it():
    (citation,) = find("Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012 của Bộ Chính trị về đề án")
    assert citation.id == "70-TB/TW"
    assert citation.date == date(2012, 1, 6)
    assert citation.issuer_phrase == "Bộ Chính trị"


def test_date_after_the_issuer_and_its_term_is_read():
    (citation,) = find("Nghị quyết số 35-NQ/TW của Bộ Chính trị khóa XII ngày 22/10/2018 về bảo vệ")
    assert citation.issuer_phrase == "Bộ Chính trị"
    assert citation.date == date(2018, 10, 22)
