"""Coverage against the exhaustive answer keys: recall and precision may only move up.

The corpus reports (tests/fixtures/keys/, copies of shared/answer-keys/) and the unseen reports
written later (tests/fixtures/unseen/keys/) are built in strict mode and scored with
:mod:`tests.answer_key`; every figure recorded in tests/fixtures/keys/ratchet.json (per report and
kind) must still be reached. After an improvement, raise the ratchet:
``python -m tests.answer_key build/kg.trig --ratchet`` (and the same with ``--keys`` for the unseen).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import answer_key as ak
from tests.conftest import REPORTS

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"


def _results(reports: list[Path], keys_dir: Path) -> list[ak.Result]:
    from kg.pipeline import build_dataset

    result = build_dataset(reports, strict=True)
    assert not result.bad_files, result.bad_files
    return ak.score(result.dataset, ak.load_keys(keys_dir), ak.load_disagreements(keys_dir))


@pytest.fixture(scope="module")
def corpus_results() -> list[ak.Result]:
    return _results(sorted(REPORTS.glob("*.txt")), ak.KEYS_DIR)


@pytest.fixture(scope="module")
def unseen_results() -> list[ak.Result]:
    keyed = {p.stem for p in (UNSEEN / "keys").glob("*.json")}
    return _results(sorted(p for p in UNSEEN.glob("*.txt") if p.stem in keyed), UNSEEN / "keys")


def test_every_corpus_report_has_an_exhaustive_key() -> None:
    assert {p.stem for p in REPORTS.glob("*.txt")} == set(ak.load_keys())


def test_corpus_recall_and_precision_never_fall_below_the_ratchet(corpus_results: list[ak.Result]) -> None:
    recorded = json.loads((ak.KEYS_DIR / "ratchet.json").read_text(encoding="utf-8"))
    assert set(recorded) == set(ak.load_keys()), "every corpus report has its figures in the ratchet"
    assert not ak.below_ratchet(corpus_results, recorded)


def test_unseen_recall_and_precision_never_fall_below_the_ratchet(unseen_results: list[ak.Result]) -> None:
    recorded = json.loads((UNSEEN / "keys" / "ratchet.json").read_text(encoding="utf-8"))
    assert recorded, "the unseen reports have recorded figures"
    assert not ak.below_ratchet(unseen_results, recorded)


@pytest.mark.parametrize(("keys_dir", "reports"), [(ak.KEYS_DIR, REPORTS), (UNSEEN / "keys", UNSEEN)],
                         ids=["corpus", "unseen"])
def test_disagreements_name_real_key_items_with_a_reason(keys_dir: Path, reports: Path) -> None:
    """A disputed item is in its key; an omitted one is not, and its name is printed in the report."""
    keys = ak.load_keys(keys_dir)
    for item in ak.load_disagreements(keys_dir):
        assert item["reason"].strip(), item
        key = keys[item["report"]]
        names = {str(i.get("name") or i.get("scheme") or i.get("item")) for i in key[item["kind"]]}
        if item.get("omitted"):
            assert item["name"] not in names, item
            assert item["name"] in (reports / f"{item['report']}.txt").read_text(encoding="utf-8"), item
        else:
            assert item["name"] in names, item
