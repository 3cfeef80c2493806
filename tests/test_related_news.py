"""Related news under every article: "Tin cùng chuyên mục", "Tin liên quan", "Các tin khác"
and the previous / next article of the category, on the real seeds and on fixture sites;
the scoring itself against a brute-force pairwise reference.

The plugins are switched on with overrides until pelicanconf.py lists them.
"""

import math
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pelican.settings import read_settings
from site_pages import SETTINGS_FILE, BuiltSite, build_site

import vntext
from related_news import settings as related_settings
from related_news.scoring import Index, Item
from related_news.text import Syllables, stop_bigrams

PLUGINS = ["related_news", "date_archives"]

SEED_208 = (
    "/tin/2019/hoi-nghi-trien-khai-quy-dinh-so-208-qd-tw-va-ket-luan-so-66-kl-tw-cua-ban-bi-thu/"
)
SEED_DISTRICT_CENTRES = (
    "/tin/2021/vinh-phuc-nang-cao-chat-luong-hoat-dong-cua-trung-tam-chinh-tri-cap-huyen/"
)


def plugins_on() -> list[str]:
    configured = read_settings(str(SETTINGS_FILE))["PLUGINS"]
    return [*configured, *(name for name in PLUGINS if name not in configured)]


def build(output: Path, content: Path | None = None, **overrides) -> BuiltSite:
    built = build_site(output, content, PLUGINS=plugins_on(), **overrides)
    assert built.warnings == [], built.warnings
    return built


def section(soup, heading: str):
    """The related-news list under the h2 `heading`, as [(href, title)]; [] when absent."""
    for block in soup.select(".related-news__block"):
        if block.h2.get_text(strip=True) == heading:
            return [(a["href"], a.get_text(strip=True)) for a in block.select("li a")]
    return []


def article_paths(built: BuiltSite) -> list[str]:
    return sorted(
        "/" + path.parent.relative_to(built.output).as_posix() + "/"
        for path in built.output.glob("tin/*/*/index.html")
    )


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> BuiltSite:
    return build(tmp_path_factory.mktemp("seeds") / "output")


@pytest.fixture(scope="module")
def seeds_stable(tmp_path_factory) -> BuiltSite:
    return build(tmp_path_factory.mktemp("seeds-stable") / "output", RELATED_NEWS_ALLOW_NEWER=False)


# --- the seeds --------------------------------------------------------------------------


def test_the_208_article_and_the_district_centres_article_list_each_other_first(seeds):
    first_of_208 = section(seeds.page(SEED_208), "Tin liên quan")[0][0]
    first_of_centres = section(seeds.page(SEED_DISTRICT_CENTRES), "Tin liên quan")[0][0]
    assert first_of_208 == SEED_DISTRICT_CENTRES
    assert first_of_centres == SEED_208


def test_no_article_lists_itself(seeds):
    paths = article_paths(seeds)
    assert len(paths) == 5
    for path in paths:
        links = [a["href"] for a in seeds.page(path).select(".related-news a")]
        assert links, path
        assert path not in links, path
        assert set(links) <= set(paths)


def test_with_newer_articles_off_only_older_articles_are_related(seeds, seeds_stable):
    dates = {
        path: seeds.page(path).select_one("article time")["datetime"]
        for path in article_paths(seeds)
    }
    for path in dates:
        related = [href for href, _ in section(seeds_stable.page(path), "Tin liên quan")]
        assert all(dates[other] < dates[path] for other in related), path
    # The newer of the pair still finds the older one first.
    assert section(seeds_stable.page(SEED_DISTRICT_CENTRES), "Tin liên quan")[0][0] == SEED_208
    assert section(seeds_stable.page(SEED_208), "Tin liên quan") == []


# --- category lists on a fixture site ---------------------------------------------------

START = datetime(2024, 1, 1, 8, 0)
TOPICS = [
    "Hội nghị báo cáo viên định kỳ tháng {n} bàn về tuyên truyền miệng ở cơ sở",
    "Xã nông thôn mới nâng cấp đường giao thông và trường học lần {n}",
]


def write_article(
    folder: Path, slug: str, title: str, date: datetime, category: str, tags: str, body: str
):
    path = folder / "articles" / vntext.slugify(category) / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Title: {title}\nDate: {date:%Y-%m-%d %H:%M}\nCategory: {category}\nTags: {tags}\n"
        f"Author: Phóng viên\nSource: Ban Tuyên giáo Tỉnh ủy\nSlug: {slug}\nSummary: {title}.\n\n{body}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def category_site(tmp_path_factory) -> tuple[BuiltSite, list[dict]]:
    """14 articles in "Tuyên giáo các cấp", one a day, and 3 in "Lý luận chính trị"."""
    content = tmp_path_factory.mktemp("category-content")
    written = []
    for n in range(14):
        meta = {
            "slug": f"tin-tuyen-giao-{n:02d}",
            "category": "Tuyên giáo các cấp",
            "title": TOPICS[n % 2].format(n=n + 1),
            "date": START + timedelta(days=n),
        }
        written.append(meta)
    for n in range(3):
        written.append(
            {
                "slug": f"tin-ly-luan-{n}",
                "category": "Lý luận chính trị",
                "title": f"Bồi dưỡng lý luận chính trị cho đảng viên trẻ khóa {n + 1}",
                "date": START + timedelta(days=n, hours=3),
            }
        )
    for meta in written:
        write_article(
            content,
            meta["slug"],
            meta["title"],
            meta["date"],
            meta["category"],
            "tuyên truyền",
            f"{meta['title']}. Các đơn vị đã triển khai nhiều hoạt động thiết thực.",
        )
    return build(tmp_path_factory.mktemp("category") / "output", content), written


def url_of(meta: dict) -> str:
    return f"/tin/{meta['date']:%Y}/{meta['slug']}/"


def newest_first(metas: list[dict]) -> list[dict]:
    return sorted(metas, key=lambda m: m["date"], reverse=True)


def test_same_category_lists_the_ten_newest_others_of_the_category(category_site):
    built, written = category_site
    for meta in written:
        same = [
            m for m in newest_first(written) if m["category"] == meta["category"] and m is not meta
        ]
        listed = [href for href, _ in section(built.page(url_of(meta)), "Tin cùng chuyên mục")]
        assert listed == [url_of(m) for m in same[:10]], meta["slug"]


def test_previous_and_next_are_the_neighbours_in_the_category(category_site):
    built, written = category_site
    ordered = [m for m in newest_first(written) if m["category"] == "Tuyên giáo các cấp"]
    for position, meta in enumerate(ordered):
        page = built.page(url_of(meta))
        older = page.select_one(".related-news__older a")
        newer = page.select_one(".related-news__newer a")
        expected_older = ordered[position + 1] if position + 1 < len(ordered) else None
        expected_newer = ordered[position - 1] if position > 0 else None
        assert (older["href"] if older else None) == (
            url_of(expected_older) if expected_older else None
        )
        assert (newer["href"] if newer else None) == (
            url_of(expected_newer) if expected_newer else None
        )


def test_other_news_are_older_articles_of_the_category_not_listed_above(category_site):
    built, written = category_site
    ordered = [m for m in newest_first(written) if m["category"] == "Tuyên giáo các cấp"]
    oldest_listed = 0
    for position, meta in enumerate(ordered):
        page = built.page(url_of(meta))
        above = {
            href
            for heading in ("Tin cùng chuyên mục", "Tin liên quan")
            for href, _ in section(page, heading)
        }
        expected = [url_of(m) for m in ordered[position + 1 :] if url_of(m) not in above][:10]
        others = [href for href, _ in section(page, "Các tin khác")]
        assert others == expected, meta["slug"]
        oldest_listed += bool(others)
    assert oldest_listed > 0  # the oldest articles of a 14-article category do list some


def test_related_prefers_the_same_topic_across_categories(category_site):
    built, written = category_site
    for meta in written[:14]:
        related = [href for href, _ in section(built.page(url_of(meta)), "Tin liên quan")]
        same_topic = {
            url_of(m)
            for m in written[:14]
            if m["title"][:12] == meta["title"][:12] and m is not meta
        }
        assert related and related[0] in same_topic, meta["slug"]


# --- scoring ----------------------------------------------------------------------------


def test_a_shared_document_outweighs_a_shared_tag():
    config = related_settings.load({})
    items = [
        Item("a", 10, tags=("x",), documents=("208-qd-tw-2019",)),
        Item("cites-the-same", 5, documents=("208-qd-tw-2019",)),
        Item("same-tag", 6, tags=("x",)),
        Item("filler-1", 1, tags=("y",), documents=("1-nq-tw",)),
        Item("filler-2", 2, tags=("z",), documents=("2-nq-tw",)),
    ]
    assert [items[i].key for i, _ in Index(items, config).related(0, 6)] == [
        "cites-the-same",
        "same-tag",
    ]


def test_recent_articles_win_ties():
    config = related_settings.load({})
    items = [
        Item("a", 10, tags=("x",)),
        Item("old", 1, tags=("x",)),
        Item("new", 5, tags=("x",)),
        Item("other", 3, tags=("y",)),
    ]
    assert [items[i].key for i, _ in Index(items, config).related(0, 6)] == ["new", "old"]


def test_boilerplate_phrases_count_less_than_the_subject():
    syllables = Syllables()
    config = related_settings.load({"RELATED_NEWS_MIN_SCORE": 0})

    def item(key, text):
        return Item(key, 1, bigrams=syllables.article("", "", text, 10_000))

    items = [
        item("a", "Tiếp tục nâng cao chất lượng. Trung tâm chính trị cấp huyện"),
        item("boilerplate", "Tiếp tục nâng cao chất lượng. Đường giao thông nông thôn"),
        item("subject", "Sân vận động mới. Trung tâm chính trị cấp huyện"),
        item("neither", "Mùa lúa chín vàng trên cánh đồng"),
    ]
    ranked = [items[i].key for i, _ in Index(items, config, stop_bigrams(syllables)).related(0, 6)]
    assert ranked[0] == "subject"


def test_text_is_compared_without_marks_and_across_spellings():
    syllables = Syllables()
    assert syllables.syllables("Đảng uỷ, Khối: 208-QĐ/TW") == [
        "dang",
        "uy",
        "|",
        "khoi",
        "|",
        "|",
        "qd",
        "|",
        "tw",
    ]
    assert syllables.article("", "", "Đảng uỷ Khối", 100) == syllables.article(
        "", "", "Đảng ủy khối", 100
    )
    assert hash(("uy", "khoi")) not in syllables.article("", "", "Đảng uỷ. Khối", 100)


def test_work_per_article_is_bounded_however_common_a_feature_is():
    # 300 articles sharing one tag and one phrase: all pairs would be 89,700 scores.
    config = related_settings.load(
        {"RELATED_NEWS_POSTINGS_CAP": 20, "RELATED_NEWS_MAX_DOCUMENT_SHARE": 1.0}
    )
    syllables = Syllables()
    items = [
        Item(
            f"k{n}",
            n,
            bigrams=syllables.article(f"Tin số {n}", "", "Trung tâm chính trị cấp huyện", 100),
            tags=("tuyen-truyen",),
        )
        for n in range(300)
    ]
    index = Index(items, config)
    assert all(len(others) <= 20 for others, _ in index.postings.values())
    for i in range(len(items)):
        assert len(index.scores(i)) <= 20 * len(index.vectors[i])
    # The cap keeps the newest of equals: the newest articles find each other.
    assert [items[j].key for j, _ in index.related(299, 3)] == ["k298", "k297", "k296"]


def brute_force(items: list[Item], config) -> dict[tuple[int, int], float]:
    """Every pair compared directly, from the same per-item vectors: the reference."""
    index = Index(items, config)
    return {
        (i, j): sum(w * index.vectors[j].get(f, 0.0) for f, w in index.vectors[i].items())
        for i in range(len(items))
        for j in range(len(items))
        if i != j
    }


ITEMS = st.lists(
    st.tuples(
        st.integers(0, 50),  # timestamp
        st.lists(st.sampled_from("abcdef"), max_size=3),  # tags
        st.lists(st.sampled_from(["d1", "d2", "d3"]), max_size=2),  # documents
        st.lists(st.sampled_from(["x y", "y z", "z w", "w v", "v u"]), max_size=6),  # bigram words
    ),
    min_size=2,
    max_size=12,
)


@hypothesis_settings(max_examples=60, deadline=None)
@given(ITEMS, st.booleans())
def test_the_index_scores_exactly_what_comparing_every_pair_would(rows, allow_newer):
    config = related_settings.load(
        {
            "RELATED_NEWS_ALLOW_NEWER": allow_newer,
            "RELATED_NEWS_MIN_SCORE": 0.0,
            "RELATED_NEWS_POSTINGS_CAP": 1000,
            "RELATED_NEWS_RELATED_COUNT": 3,
        }
    )
    items = [
        Item(
            f"k{n}",
            stamp,
            Counter(hash(tuple(words.split())) for words in bigrams),
            tuple(tags),
            tuple(documents),
        )
        for n, (stamp, tags, documents, bigrams) in enumerate(rows)
    ]
    reference = brute_force(items, config)
    index = Index(items, config)
    for i in range(len(items)):
        found = index.related(i, config.related_count)
        assert i not in [j for j, _ in found]
        for j, score in found:
            assert math.isclose(score, reference[(i, j)], abs_tol=1e-6)
            assert allow_newer or (items[j].timestamp, items[j].key) < (
                items[i].timestamp,
                items[i].key,
            )
        scores = [round(s, 6) for _, s in found]
        assert scores == sorted(scores, reverse=True)
        # Nothing left out scores more than the last one listed.
        if len(found) == config.related_count:
            listed = {j for j, _ in found}
            eligible = [
                s
                for (a, b), s in reference.items()
                if a == i
                and b not in listed
                and (
                    allow_newer
                    or (items[b].timestamp, items[b].key) < (items[i].timestamp, items[i].key)
                )
            ]
            assert all(s <= found[-1][1] + 1e-6 for s in eligible)


@pytest.mark.parametrize(
    "name, value",
    [
        ("RELATED_NEWS_RELATED_COUNT", -1),
        ("RELATED_NEWS_ALLOW_NEWER", "no"),
        ("RELATED_NEWS_WEIGHTS", {"tags": 1}),
        ("RELATED_NEWS_POSTINGS_CAP", 0),
        ("RELATED_NEWS_STOP_PHRASE_WEIGHT", 2),
    ],
)
def test_a_bad_setting_is_refused_with_its_name(name, value):
    with pytest.raises(related_settings.SettingsError, match=name):
        related_settings.load({name: value})
