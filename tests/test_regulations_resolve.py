"""Resolving citations to documents: terms, provinces, the registry, short references."""

import pytest
import yaml

import vntext
from regulations import registry
from regulations.clean import clean
from regulations.find import default_finder
from regulations.knowledge import load
from regulations.models import Source, Status
from regulations.resolve import Resolver

HOME = "Hòa Bình"


def article(text, day="2024-01-15", province=HOME):
    when = vntext.parse_date(day)
    return Source(text, when, province, default_finder().find(clean(text).text))


def resolve(sources, entries=()):
    return Resolver(load(), list(entries), HOME).resolve(sources)


def entries_from(tmp_path, data):
    path = tmp_path / "regulations.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return registry.load(path, default_finder())


def resolutions(resolved, source):
    return [resolved.resolutions[citation] for citation in source.citations]


def linked(resolved, source):
    return [r.document for r in resolutions(resolved, source) if r.status == Status.LINKED]


TWO_TERMS = [
    {"id": "18-NQ/TW", "date": "2017-10-25", "title": "về sắp xếp tổ chức bộ máy"},
    {"id": "18-NQ/TW", "date": "2022-06-16", "title": "về quản lý và sử dụng đất"},
]


def test_same_number_in_two_party_terms_is_two_documents(tmp_path):
    entries = entries_from(tmp_path, TWO_TERMS)
    dated_2017 = article("Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Trung ương", "2023-03-01")
    undated_2023 = article("Thực hiện Nghị quyết 18-NQ/TW", "2023-03-01")
    undated_2019 = article("Thực hiện Nghị quyết 18-NQ/TW", "2019-05-01")
    resolved = resolve([dated_2017, undated_2023, undated_2019], entries)
    (first,), (second,), (third,) = (
        linked(resolved, source) for source in (dated_2017, undated_2023, undated_2019)
    )
    assert first.date.year == 2017 and first.key == "18-nq-tw-2017"
    assert second.date.year == 2022 and second.key == "18-nq-tw-2022"
    assert third is first


def test_terms_are_told_apart_without_a_registry():
    older = article("Nghị quyết số 18-NQ/TW ngày 25/10/2017", "2018-01-01")
    newer = article("Nghị quyết số 18-NQ/TW ngày 16/6/2022", "2022-07-01")
    later = article("Nghị quyết số 18-NQ/TW", "2024-01-01")
    same_term = article("Nghị quyết số 18-NQ/TW ngày 26/10/2017", "2018-02-01")
    resolved = resolve([older, newer, later, same_term])
    assert len(resolved.documents) == 2
    assert linked(resolved, later)[0] is linked(resolved, newer)[0]
    assert linked(resolved, same_term)[0] is linked(resolved, older)[0]


def test_an_article_older_than_every_known_edition_is_ambiguous(tmp_path):
    entries = entries_from(tmp_path, TWO_TERMS)
    old = article("Nghị quyết số 18-NQ/TW", "2010-01-01")
    resolved = resolve([old], entries)
    (resolution,) = resolutions(resolved, old)
    assert resolution.status == Status.AMBIGUOUS and resolution.document is None
    assert {d.date.year for d in resolution.candidates} == {2017, 2022}


def test_local_documents_are_numbered_per_province():
    home = article("Kết luận số 05-KL/TU của Ban Thường vụ Tỉnh ủy", province="Hòa Bình")
    other = article("Kết luận số 05-KL/TU của Ban Thường vụ Tỉnh ủy", province="Nghệ An")
    other_again = article("Thực hiện Kết luận 05-KL/TU", province="Nghệ An")
    central_from_other = article("Quy định số 208-QĐ/TW", province="Nghệ An")
    central_from_home = article("Quy định số 208-QĐ/TW")
    resolved = resolve([home, other, other_again, central_from_other, central_from_home])
    assert linked(resolved, home)[0] is not linked(resolved, other)[0]
    assert linked(resolved, other)[0] is linked(resolved, other_again)[0]
    assert linked(resolved, home)[0].key == "05-kl-tu"
    assert linked(resolved, other)[0].key == "05-kl-tu-nghe-an"
    assert linked(resolved, other)[0].province == "Nghệ An"
    assert linked(resolved, central_from_other)[0] is linked(resolved, central_from_home)[0]


def test_province_names_match_whatever_the_tone_mark_placement():
    one = article("Kết luận số 05-KL/TU", province="Hoà Bình")
    two = article("Kết luận số 05-KL/TU", province="Hòa Bình")
    resolved = resolve([one, two])
    assert linked(resolved, one)[0] is linked(resolved, two)[0]


def test_registry_entry_of_another_province(tmp_path):
    entries = entries_from(
        tmp_path, [{"id": "05-KL/TU", "province": "Vĩnh Phúc", "title": "về trung tâm chính trị"}]
    )
    vinh_phuc = article("Kết luận số 05 của Ban Thường vụ Tỉnh ủy", province="Vĩnh Phúc")
    home = article("Kết luận số 05-KL/TU")
    resolved = resolve([vinh_phuc, home], entries)
    assert linked(resolved, vinh_phuc)[0].registered
    assert linked(resolved, vinh_phuc)[0].title == "về trung tâm chính trị"
    assert not linked(resolved, home)[0].registered


def test_short_reference_resolves_to_the_earlier_full_citation():
    source = article(
        "Nghị quyết số 35-NQ/TW đã nêu rõ. Nghị quyết số 35 cũng yêu cầu... "
        "Quyết định số 35 thì chưa rõ. Chỉ thị số 05 chưa được trích dẫn đầy đủ."
    )
    resolved = resolve([source])
    statuses = [
        (r.status, r.document.id if r.document else None) for r in resolutions(resolved, source)
    ]
    assert statuses == [
        (Status.LINKED, "35-NQ/TW"),
        (Status.LINKED, "35-NQ/TW"),
        (Status.UNRESOLVED, None),
        (Status.UNRESOLVED, None),
    ]


def test_short_reference_with_two_antecedents_is_ambiguous():
    source = article(
        "Quyết định số 12-QĐ/TU và Quyết định số 12/QĐ-UBND. Quyết định số 12 có hiệu lực."
    )
    resolved = resolve([source])
    last = resolutions(resolved, source)[-1]
    assert last.status == Status.AMBIGUOUS
    assert sorted(d.id for d in last.candidates) == ["12-QĐ/TU", "12/QĐ-UBND"]


def test_repeated_undated_id_follows_the_dated_one_in_the_same_article(tmp_path):
    entries = entries_from(tmp_path, TWO_TERMS)
    source = article(
        "Nghị quyết số 18-NQ/TW ngày 25/10/2017... Nghị quyết 18-NQ/TW đã đạt kết quả.",
        "2024-01-01",
    )
    resolved = resolve([source], entries)
    first, second = linked(resolved, source)
    assert first is second and first.date.year == 2017


def test_alias_in_the_registry_names_the_same_document(tmp_path):
    entries = entries_from(tmp_path, [{"id": "1847/QĐ-TTg", "aliases": ["1874/QĐ-TTg"]}])
    source = article("Quyết định 1874/QĐ-TTg và Quyết định 1847/QĐ-TTg")
    resolved = resolve([source], entries)
    first, second = linked(resolved, source)
    assert first is second and first.id == "1847/QĐ-TTg"


def test_type_name_comes_from_the_words_of_the_articles():
    source = article("Quyết định số 185-QĐ/TW và Quy định 57-QĐ/TW, rồi Quy định số 57-QĐ/TW")
    resolved = resolve([source])
    names = {d.id: d.type_name for d in resolved.linked(source.citations)}
    assert names == {"185-QĐ/TW": "Quyết định", "57-QĐ/TW": "Quy định"}


def test_page_facts_without_a_registry_come_from_citing_sentences():
    source = article(
        "Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư về chức năng, nhiệm vụ của "
        "trung tâm chính trị cấp huyện."
    )
    (document,) = resolve([source]).documents
    assert (document.issuer, document.date.isoformat()) == ("Ban Bí thư", "2019-11-08")
    assert document.title == "về chức năng, nhiệm vụ của trung tâm chính trị cấp huyện"
    assert document.describe().startswith("Quy định số 208-QĐ/TW ngày 8/11/2019 của Ban Bí thư")
    assert not document.registered


def test_every_registered_document_is_listed_even_uncited(tmp_path):
    entries = entries_from(tmp_path, TWO_TERMS + [{"id": "36/2018/TT-BTC"}])
    documents = resolve([article("Không trích dẫn văn bản nào.")], entries).documents
    assert sorted(d.key for d in documents) == ["18-nq-tw-2017", "18-nq-tw-2022", "36-2018-tt-btc"]


def test_registry_key_pins_the_page_address(tmp_path):
    entries = entries_from(tmp_path, [{"id": "208-QĐ/TW", "key": "quy-dinh-208"}])
    (document,) = resolve([article("Quy định 208-QĐi/TW")], entries).documents
    assert document.key == "quy-dinh-208"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([{"title": "thiếu id"}], "'id'"),
        ([{"id": "không phải số hiệu"}], "không đọc được số hiệu"),
        ([{"id": "208-QĐ/TW", "date": "ngày mai"}], "ngày ban hành"),
        ([{"id": "208-QĐ/TW", "colour": "đỏ"}], "trường không hợp lệ"),
        ([{"id": "208-QĐ/TW", "link": "ftp://x"}], "http"),
        ([{"id": "208-QĐ/TW", "key": "Có Dấu"}], "'key'"),
        ({"id": "208-QĐ/TW"}, "danh sách"),
        ([{"id": "18-NQ/TW", "date": "2017-10-25"}, {"id": "18-NQ/TW"}], "ngày ban hành khác nhau"),
        ([{"id": "208-QĐ/TW"}, {"id": "208-QĐi/TW"}], "ngày ban hành khác nhau"),
    ],
)
def test_registry_errors_name_the_entry_and_the_field(tmp_path, data, message):
    with pytest.raises(registry.RegistryError, match=message):
        entries_from(tmp_path, data)


def test_registry_accepts_editors_dates(tmp_path):
    (entry,) = entries_from(tmp_path, [{"id": "208-QĐ/TW", "date": "8/11/2019"}])
    assert entry.date.isoformat() == "2019-11-08"


def test_the_site_registry_is_valid_and_names_each_document_once():
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "content" / "data" / "regulations.yaml"
    entries = registry.load(path, default_finder())
    assert len(entries) >= 20
    keys = [(e.id, e.date) for e in entries]
    assert len(keys) == len(set(keys))
    assert all(e.id == default_finder().parse_id(e.id).id for e in entries)
    dates = {e.id: e.date.isoformat() for e in entries if e.date}
    assert dates["208-QĐ/TW"] == "2019-11-08" and dates["89-KH/BTGTU"] == "2023-12-11"
    assert {e.id for e in entries} >= {"208-QĐ/TW", "89-KH/BTGTU", "36/2018/TT-BTC", "798-KL/TU"}
