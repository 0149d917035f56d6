"""Recognisers run in the order their declared dependencies give, not in import order."""

from __future__ import annotations

import pytest

from loaders import extract
from loaders.extract import Registered, run_order


def _noop(doc, facts) -> None:
    return None


def _registered(**after: tuple[str, ...]) -> dict[str, Registered]:
    return {name: Registered(name, _noop, deps) for name, deps in after.items()}


def test_each_recogniser_runs_after_what_it_reads() -> None:
    order = [r.name for r in run_order(_registered(metrics=("groups",), groups=("majors",), majors=(), audit=("metrics",)))]
    assert order == ["majors", "groups", "metrics", "audit"]


def test_an_unknown_dependency_is_named() -> None:
    with pytest.raises(ValueError, match="'metrics' runs after unknown recogniser.*'grops'"):
        run_order(_registered(metrics=("grops",)))


def test_a_cycle_is_named() -> None:
    with pytest.raises(ValueError, match="cycle"):
        run_order(_registered(a=("b",), b=("a",), c=()))


def test_the_real_recognisers_respect_every_declaration() -> None:
    extract._load_recognisers()
    position = {name: i for i, (name, _) in enumerate(extract.RECOGNISERS)}
    assert set(position) == set(extract.REGISTERED)
    for item in extract.REGISTERED.values():
        assert all(position[dep] < position[item.name] for dep in item.after), item
    # the generic layers come after the typed recognisers whose readings they must not repeat
    assert position["observations"] > position["metrics"]
    assert position["recognitions"] > position["achievements"]
    assert position["organisations"] > position["partners"]
