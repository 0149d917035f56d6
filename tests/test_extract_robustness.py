"""Odd input never crashes the loaders: a recogniser that fails is logged and the others still run.

Real documents parsed from bytes (loaders.document.parse_document), not hand-built models, so the
whole path from text to facts is exercised.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import extract
from loaders.document import parse_document
from loaders.extract import extract_facts
from loaders.extract.base import evidence_of

HEAD = "柳州职业技术学院\n“双高计划”中期自评报告\n2022年5月\n\n"


def parse(body: str):
    return parse_document((HEAD + body).encode("utf-8"), "odd.txt")


def quotes_match(doc, facts) -> bool:
    evidence = [ev for node in facts.nodes.values() for ev in node.evidence]
    evidence += [ev for link in facts.links.values() for ev in link.evidence]
    return all(doc.text[ev.start:ev.end] == ev.quote for ev in evidence)


def test_a_report_with_no_tables_and_an_unfamiliar_heading_style() -> None:
    body = (
        "第一章 总体情况\n\n"
        "【甲】学校与广西柳工机械股份有限公司共建智能制造产业学院，获批国家级教学创新团队1个。\n\n"
        "Part B 经费\n\n"
        "◆ 项目总预算 19800 万元，任务完成率 99.32%。\n"
    )
    doc = parse(body)
    assert doc.tables == ()
    facts = extract_facts(doc)
    labels = {node.label for node in facts.nodes.values()}
    assert "柳州职业技术学院" in labels
    assert "广西柳工机械股份有限公司" in labels
    assert quotes_match(doc, facts)


def test_a_failing_recogniser_is_logged_and_the_others_still_run(caplog: pytest.LogCaptureFixture,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc, facts) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "RECOGNISERS", [("broken", broken), *extract.RECOGNISERS])
    doc = parse("学校与广西柳工机械股份有限公司共建智能制造产业学院。\n")
    with caplog.at_level(logging.ERROR, logger="loaders.extract"):
        facts = extract_facts(doc)
    assert any("broken" in r.getMessage() and "odd.txt" in r.getMessage() for r in caplog.records)
    assert any(node.kind == "Enterprise" for node in facts.nodes.values())
    assert facts.failures == ["recogniser broken"]


def test_strict_mode_lets_a_recogniser_failure_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(doc, facts) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract, "RECOGNISERS", [("broken", broken), *extract.RECOGNISERS])
    with pytest.raises(RuntimeError, match="boom"):
        extract_facts(parse("学校与广西柳工机械股份有限公司共建智能制造产业学院。\n"), strict=True)


def test_strict_mode_reaches_a_failure_inside_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """``base.each`` skips one bad sentence in production; in strict mode the exception propagates."""
    from loaders.extract import observations

    def broken(text: str) -> list:
        raise ValueError("bad sentence")

    monkeypatch.setattr(observations, "prose_figures", broken)
    doc = parse("学校获批国家级教学创新团队1个，任务完成率 99.32%。\n")
    lenient = extract_facts(doc)
    assert any("observation" in f for f in lenient.failures)
    with pytest.raises(ValueError, match="bad sentence"):
        extract_facts(doc, strict=True)


def test_known_reports_extract_without_a_skipped_item(corpus_files: list[Path],
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """The fault tolerance above must not hide a recogniser that raises on ordinary text (a zip over an
    empty mention list once failed on every sentence without a group, logged and skipped unnoticed)."""
    unseen = sorted((Path(__file__).parent / "fixtures" / "unseen").glob("*.txt"))
    with caplog.at_level(logging.WARNING, logger="loaders.extract"):
        for path in [*corpus_files, *unseen]:
            extract_facts(parse_document(path.read_bytes(), path.name), strict=True)
    skipped = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not skipped, skipped[:5]


def test_evidence_outside_the_text_is_refused() -> None:
    doc = parse("一句话。\n")
    sentence = doc.sentences[0]
    assert evidence_of(doc, sentence).quote == doc.text[sentence.start:sentence.end]
    with pytest.raises(ValueError, match="outside odd.txt"):
        from loaders.extract.base import evidence_at

        evidence_at(doc, 0, len(doc.text) + 5)


# Chinese-report-like noise: CJK, digits, the punctuation and markers the PDF conversion leaves.
_ALPHABET = st.sampled_from(list("学院公司集团有限股份共建与和等专业群产业国家级省级万元年%：，。；、（）()\t\n 1234567890#*表一二三"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ALPHABET, min_size=0, max_size=400))
def test_any_text_under_a_school_header_extracts_without_error(body: str) -> None:
    failures: list[logging.LogRecord] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = failures.append  # type: ignore[method-assign]
    logger = logging.getLogger("loaders.extract")
    logger.addHandler(handler)
    try:
        doc = parse(body)
        facts = extract_facts(doc)
    finally:
        logger.removeHandler(handler)
    assert not failures, f"a recogniser crashed on {body!r}: {failures[0].getMessage()}"
    assert quotes_match(doc, facts)
