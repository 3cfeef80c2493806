"""Finding is linear: random and adversarial text never makes the scan backtrack.

Times are CPU time of this process, so other work on the machine does not count.
"""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regulations.clean import clean
from regulations.find import default_finder, find_citations
from regulations.models import FullCitation

# Characters that build citations, and the ones that almost do.
ALPHABET = "0123456789-–/ .,:;()“”&\nsốSỐQĐiđÐTWƯUHKLNCTBcvềgày aăâ" + "\u0301\u0323\u00a0"
PIECES = [
    "208",
    "-",
    "–",
    "/",
    " ",
    "QĐ",
    "QĐi",
    "TW",
    "TƯ",
    "2018",
    "TT",
    "BTC",
    "số",
    "SỐ",
    "Quy định",
    "Nghị quyết",
    "ngày",
    "của",
    "Ban Bí thư",
    "về",
    "“",
    "08/11/2019",
    "\n",
    "TTLT",
    "TWĐTN",
    "CTĐ",
    "&",
    "QyĐ",
    "TTg",
    "ngày",
    "Văn bản số",
]


def cpu(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def find(text):
    return find_citations(clean(text).text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=3000))
def test_random_text_is_scanned_quickly_and_soundly(text):
    elapsed = cpu(lambda: find(text))
    assert elapsed < 0.5
    cleaned = clean(text).text
    position = 0
    for citation in find(text):
        assert position <= citation.start < citation.end <= len(cleaned)
        position = citation.end
        if isinstance(citation, FullCitation) and not citation.named:
            assert default_finder().parse_id(citation.id).id == citation.id


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=600))
def test_runs_of_citation_pieces_are_scanned_quickly(pieces):
    text = "".join(pieces)
    assert cpu(lambda: find(text)) < 0.5


ADVERSARIAL = {
    "digits": "1" * 1_000_000,
    "slashes": "/" * 1_000_000,
    "hyphens": "-" * 1_000_000,
    "digit-slash": "1/" * 500_000,
    "digit-hyphen": "12-" * 333_333,
    "almost party ids": "1-QĐ/" * 200_000,
    "almost state ids": "1/2018/" * 150_000,
    "type words": "Quy định số " * 80_000,
    "numbered words": "Nghị quyết số 1 " * 60_000,
    "spaces": "1" + " " * 1_000_000 + "-QĐ/TW",
    "combining marks": "a" + "\u0301" * 500_000,
    "citations": "208-QĐ/TW, " * 90_000,
    "spaced types": "1 QĐ/" * 200_000,
    "slashed types": "1/QĐ/" * 200_000,
    "departments": "1-QĐ/TW" + "-TW" * 330_000,
    "joined codes": "1/A" + "&A" * 500_000,
    "glued words": "1-QĐ/TWngàyTW" * 80_000,
    "letters": "Văn bản số 1/VPTT " * 55_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_megabyte_is_scanned_within_a_bound(name):
    text = ADVERSARIAL[name]
    # About a megabyte each; a backtracking scan would take minutes on these.
    assert cpu(lambda: find(text)) < 10.0


def test_time_grows_linearly_with_length():
    unit = "Quy định số 208-QĐ/TW ngày 08/11/2019 của Ban Bí thư, 9/9 huyện, 12-3/" * 100
    small = min(cpu(lambda: find(unit * 20)) for _ in range(3))
    large = min(cpu(lambda: find(unit * 160)) for _ in range(3))
    # Eight times the text: a linear scan takes about eight times as long.
    assert large < small * 8 * 3
