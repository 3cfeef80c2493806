"""search_index plugin, build side: the index fields, number tokens, settings, shards."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

import vntext
from regulations.knowledge import load as load_knowledge
from regulations.knowledge import number_rules
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
    assert fields.query_rules(None) == {"words": {}, "codes": {}}  # no regulations plugin
    rules = fields.query_rules(number_rules(load_knowledge()))
    assert rules["words"]["quy dinh"] == "qd"
    assert rules["words"]["nghi quyet"] == "nq"
    assert rules["codes"]["qdi"] == "qd"  # "QĐi" is written for "QĐ"


@pytest.mark.parametrize(
    "name, value",
    [
        ("SEARCH_INDEX_ENABLED", "yes"),
        ("SEARCH_INDEX_BUNDLE", "/pagefind"),
        ("SEARCH_INDEX_SHARD_SIZE", -1),
        ("SEARCH_INDEX_SHARD_SIZE", "600"),
        ("SEARCH_INDEX_SHARD_SIZES", (150, 300)),
        ("SEARCH_INDEX_FIRST_ARTICLES", 0),
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
    assert config.shard_size == 600 and config.first_articles == 150


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


def _pages(shards) -> list[tuple[str, ...]]:
    return [shard.pages for shard in shards]


def test_shards_hold_every_article_once_newest_first():
    articles = [_article(day, f"bai-{day}") for day in range(1, 29)]
    shards = indexer.plan_shards(articles, "pagefind", 4)
    assert shards[0].bundle == "pagefind"
    assert len({s.bundle for s in shards}) == len(shards) and len(shards) > 2
    assert [p for s in shards for p in s.pages] == [
        f"tin/2024/bai-{d}/index.html" for d in range(28, 0, -1)
    ]
    assert all(2 <= len(s.pages) <= 8 for s in shards[1:]) and len(shards[0].pages) <= 8
    assert (shards[0].newest, shards[-1].oldest) == ("28/5/2024", "1/5/2024")


SLUGS = st.lists(
    st.text(alphabet="abcdefghij-", min_size=1, max_size=12), min_size=2, max_size=300, unique=True
)


@hypothesis_settings(max_examples=60, deadline=None)
@given(slugs=SLUGS, size=st.integers(min_value=2, max_value=40), data=st.data())
def test_a_change_reindexes_only_the_shards_it_falls_in(slugs, size, data):
    """Adding the newest article changes the newest shard only; editing one changes its
    own; removing one changes at most its shard and the next (the cut moves up to the
    next article whose hash says so). Every other shard keeps its name and its pages."""
    articles = [_article(1 + i % 28, slug) for i, slug in enumerate(slugs)]
    for index, article in enumerate(articles):
        article.date = article.date.replace(month=1 + index // 28 % 12, year=2020 + index // 336)
    before = indexer.plan_shards(articles, "pagefind", size)

    def kept(after):
        return {(s.bundle, s.pages) for s in before} & {(s.bundle, s.pages) for s in after}

    newest = SimpleNamespace(date=datetime(2031, 1, 1), save_as="tin/2031/moi/index.html")
    added = indexer.plan_shards([*articles, newest], "pagefind", size)
    assert len(kept(added)) >= len(before) - 2  # the newest, and the one it may close
    gone = data.draw(st.integers(min_value=0, max_value=len(articles) - 1))
    removed = indexer.plan_shards(articles[:gone] + articles[gone + 1 :], "pagefind", size)
    assert len(kept(removed)) >= len(before) - 3  # its shard, the next, and the newest's name
    for shards in (before, added, removed):
        assert all(len(s.pages) <= 2 * size for s in shards)


def test_without_sizes_there_is_one_shard_and_without_articles_none():
    articles = [_article(day, f"bai-{day}") for day in range(1, 4)]
    (one,) = indexer.plan_shards(articles, "pagefind", 0)
    assert one.bundle == "pagefind" and len(one.pages) == 3
    assert indexer.plan_shards([], "pagefind", 2) == []
