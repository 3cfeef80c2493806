"""Scoring the citation finder on the evaluation corpus (tests/data/regulation_cases.yaml).

Each case is a text (seed paragraphs, realistic constructions, decoys) with the ids it
must link, in order. Found and expected ids are compared as multisets per case; the
run prints precision and recall and fails below 0.995 / 0.99.
"""

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
import yaml

import vntext
from regulations.clean import clean
from regulations.find import default_finder
from regulations.knowledge import load
from regulations.models import Source
from regulations.resolve import Resolver

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "regulation_cases.yaml").read_text(encoding="utf-8")
)
HOME = "Hòa Bình"


def linked_ids(text: str) -> list[str]:
    """Ids linked in a text read as one article of this province, with no registry."""
    citations = default_finder().find(clean(text).text)
    source = Source("case", datetime(2024, 6, 1, tzinfo=vntext.TIMEZONE), HOME, citations)
    resolved = Resolver(load(), [], HOME).resolve([source])
    documents = (resolved.resolutions[citation].document for citation in citations)
    return [document.id for document in documents if document is not None]


def score() -> tuple[int, int, int, list[str]]:
    true_pos = false_pos = false_neg = 0
    failures = []
    for case in CASES:
        found, expected = Counter(linked_ids(case["text"])), Counter(case["expect"])
        hit = sum((found & expected).values())
        true_pos += hit
        false_pos += sum(found.values()) - hit
        false_neg += sum(expected.values()) - hit
        if found != expected:
            failures.append(
                f"{case['note']}: found {sorted(found.elements())}, "
                f"expected {sorted(expected.elements())}"
            )
    return true_pos, false_pos, false_neg, failures


def test_corpus_is_large_and_varied():
    assert len(CASES) >= 200
    decoys = [c for c in CASES if not c["expect"]]
    assert len(decoys) >= 50
    assert sum(len(c["expect"]) for c in CASES) >= 200


def test_precision_and_recall_meet_the_bar(capsys):
    true_pos, false_pos, false_neg, failures = score()
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    with capsys.disabled():
        print(
            f"\n[regulations] corpus: {len(CASES)} cases, {true_pos + false_neg} expected "
            f"citations; precision {precision:.4f}, recall {recall:.4f} "
            f"(TP {true_pos}, FP {false_pos}, FN {false_neg})"
        )
        for failure in failures:
            print(f"[regulations]   miss: {failure}")
    assert precision >= 0.995, failures
    assert recall >= 0.99, failures


SEED_CASES = [c for c in CASES if c["note"].startswith("seed")]


@pytest.mark.parametrize("case", SEED_CASES, ids=lambda c: c["note"])
def test_every_seed_paragraph_links_exactly_its_documents(case):
    assert Counter(linked_ids(case["text"])) == Counter(case["expect"])
