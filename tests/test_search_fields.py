"""search_index plugin, build side: the index fields, number tokens, settings, shards."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vntext
from search_index import fields, indexer
from search_index.settings import SettingsError, load


def test_number_tokens_are_the_folded_number_in_one_word():
    assert fields.document_tokens("208-QĐ/TW") == ["208qdtw"]
    assert fields.document_tokens("66-KL/TW") == ["66kltw"]
    # A State number with a year also gets number + type, for "Thông tư 36".
    assert fields.document_tokens("36/2018/TT-BTC") == ["362018ttbtc", "36tt"]
    assert fields.document_tokens("1847/QĐ-TTg") == ["1847qdttg"]
    assert fields.document_tokens("116/2018/NQ-HĐND") == ["1162018nqhdnd", "116nq"]


def test_folded_field_holds_only_words_with_d_once_each():
    text = "Đảng bộ tỉnh đã chỉ đạo; Đảng bộ huyện đã làm theo HĐND."
    assert fields.folded_d_words(text) == "dang da dao hdnd"


vietnamese = st.text(
    alphabet=st.sampled_from(
        list(
            "aăâbcdđeêghiklmnoôơpqrstuưvxyĐÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ ,."
        )
    ),
    max_size=80,
)


@given(vietnamese)
def test_every_word_with_d_has_its_folded_twin(text):
    folded = fields.folded_d_words(text).split()
    words_with_d = [w for w in text.replace(",", " ").replace(".", " ").split() if "đ" in w.lower()]
    assert all(word.isascii() and word == word.lower() for word in folded)
    assert folded == list(dict.fromkeys(vntext.fold(w).lower() for w in words_with_d))


def test_query_rules_come_from_the_regulations_knowledge():
    rules = fields.query_rules()
    assert rules["words"]["quy dinh"] == "qd"
    assert rules["words"]["nghi quyet"] == "nq"
    assert rules["codes"]["qdi"] == "qd"  # "QĐi" is written for "QĐ"


@pytest.mark.parametrize(
    "name, value",
    [
        ("SEARCH_INDEX_ENABLED", "yes"),
        ("SEARCH_INDEX_BUNDLE", "/pagefind"),
        ("SEARCH_INDEX_SHARD_SIZES", 250),
        ("SEARCH_INDEX_SHARD_SIZES", (250, 0)),
        ("SEARCH_INDEX_SHARD_YEARS", 1),
        ("SEARCH_INDEX_PAGE_SIZE", 0),
        ("SEARCH_INDEX_FOLD_WEIGHT", "low"),
    ],
)
def test_a_bad_setting_is_a_clear_error(name, value):
    with pytest.raises(SettingsError, match=name):
        load({name: value})


def test_defaults_load():
    config = load({})
    assert config.enabled and config.fold_d and config.bundle == "pagefind"
    assert config.shard_sizes == (150, 300, 600, 1200, 2400)


def _citing(n):
    return [
        {
            "url": f"/tin/2024/bai-{i}/",
            "title": f"Bài {i}",
            "date": "1/5/2024",
            "category": "Tin",
            "sentence": f"Theo Quy định 208-QĐ/TW, bài {i}.",
        }
        for i in range(n)
    ]


def test_documents_are_filed_by_their_leading_number_with_their_citing_articles():
    many = indexer.CITING_PER_FILE * 2 + 3
    documents = [
        (
            SimpleNamespace(id="208-QĐ/TW", label="Quy định số 208-QĐ/TW", title="về trung tâm"),
            ["208qdtw"],
            "/van-ban/a/",
            _citing(many),
        ),
        (
            SimpleNamespace(id="208/QĐ-TTg", label="Quyết định số 208/QĐ-TTg", title=None),
            ["208qdttg"],
            "/van-ban/b/",
            _citing(2),
        ),
        (
            SimpleNamespace(id="36/2018/TT-BTC", label="Thông tư số 36/2018/TT-BTC", title=""),
            ["362018ttbtc", "36tt"],
            "/van-ban/c/",
            [],
        ),
    ]
    files = indexer.document_files(documents)
    assert sorted(files) == ["208", "36", "362018"]
    assert files["36"] == files["362018"]  # "Thông tư 36" and "36/2018/TT-BTC" both find it
    assert [e["url"] for e in files["208"]] == ["/van-ban/a/", "/van-ban/b/"]
    first = files["208"][0]
    assert {k: first[k] for k in ("tokens", "url", "label", "subject", "citing")} == {
        "tokens": ["208qdtw"],
        "url": "/van-ban/a/",
        "label": "Quy định số 208-QĐ/TW",
        "subject": "về trung tâm",
        "citing": many,
    }
    assert first["more"] == ["208qdtw-2.json", "208qdtw-3.json"]
    pages = indexer.citing_pages(documents)
    assert sorted(pages) == first["more"]
    # Every citing article exactly once, in the order given (newest first), across the files.
    listed = first["articles"] + pages["208qdtw-2.json"] + pages["208qdtw-3.json"]
    assert listed == _citing(many)
    assert files["208"][1]["articles"] == _citing(2) and files["208"][1]["more"] == []


def _article(day, slug):
    return SimpleNamespace(date=datetime(2024, 5, day, 9), save_as=f"tin/2024/{slug}/index.html")


def test_shards_hold_the_newest_articles_first_in_growing_sizes():
    articles = [_article(day, f"bai-{day}") for day in range(1, 12)]
    shards = indexer.plan_shards(articles, "pagefind", (2, 3))
    assert [s.bundle for s in shards] == ["pagefind", "pagefind-2", "pagefind-3", "pagefind-4"]
    # The last size repeats; every article is in exactly one shard, newest first.
    assert [len(s.pages) for s in shards] == [2, 3, 3, 3]
    assert [p for s in shards for p in s.pages] == [
        f"tin/2024/bai-{d}/index.html" for d in range(11, 0, -1)
    ]
    assert (shards[0].newest, shards[0].oldest, shards[-1].oldest) == (
        "11/5/2024",
        "10/5/2024",
        "1/5/2024",
    )


def test_without_sizes_there_is_one_shard_and_without_articles_none():
    articles = [_article(day, f"bai-{day}") for day in range(1, 4)]
    (one,) = indexer.plan_shards(articles, "pagefind", ())
    assert one.bundle == "pagefind" and len(one.pages) == 3
    assert indexer.plan_shards([], "pagefind", (2,)) == []
