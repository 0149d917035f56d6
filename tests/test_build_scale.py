"""What keeps the build's memory flat and its workers busy as the corpus grows (issue 15): work that allocates
much and briefly runs in a process that exits when it is done; the reference graph is validated a few schools
at a time; the fingerprints of single-valued properties wait on disk and are compared a share at a time; an
evaluating process that grew past its bound is replaced; the largest schools are mapped first. Each piece must
give what the whole-in-memory, in-order way gave."""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import subprocess
import sys
import time
import weakref
from array import array
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

import api.precomputed as precomputed
import kg.generations as generations
import kg.outputs as outputs
import kg.pipeline as pipeline
import kg.validate as validate_module
from api.precomputed import index, precompute
from api.queries import library
from api.settings import Settings
from kg.cli import app
from kg.commands.answers import chosen
from kg.generations import write_disk_store
from kg.processes import Forked, in_own_process, parallel_map_largest_first
from kg.store import DiskOxigraphStore
from loaders.facts import Facts

ROOT = Path(__file__).resolve().parents[1]


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _raises() -> None:
    raise ValueError("the reason, as raised")


def _dies() -> None:
    os._exit(7)


def test_work_in_its_own_process_runs_elsewhere_and_that_process_is_gone_after() -> None:
    work = Forked(_pid_and, 21)
    pid, doubled = work.result()
    assert doubled == 42 and pid != os.getpid()
    with pytest.raises(ProcessLookupError):  # exited and reaped: its memory is back with the system
        os.kill(pid, 0)


def test_what_the_process_raises_is_raised_here_and_a_death_is_named() -> None:
    with pytest.raises(ValueError, match="the reason, as raised"):
        in_own_process(_raises)
    with pytest.raises(RuntimeError, match=r"_dies died \(exit code 7\)"):
        in_own_process(_dies)


def test_a_large_result_does_not_keep_the_process_waiting_on_the_pipe() -> None:
    big = Forked(bytes, 8 << 20)  # far more than a pipe holds: received while the caller does other work
    assert len(big.result()) == 8 << 20


def test_the_reference_graph_validated_a_school_at_a_time_finds_what_it_finds_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    codes = ["4114012888", "4123012911", "4145012104", "4153012393"]
    def findings() -> set[object]:
        parts = pipeline.reference_validation_parts(codes)
        return {r.finding for r in pipeline.distinct_findings(r for part in parts for r in part())}

    whole = findings()
    monkeypatch.setattr(pipeline, "REFERENCE_SCHOOLS_AT_ONCE", 1)
    assert len(pipeline.reference_validation_parts(codes)) == len(codes)
    assert findings() == whole


_WORKED_IN: list[Path] = []  # the file each recording stand-in appends "what pid" to (set before the workers fork)
_map_school, _validate_reference = pipeline.map_school, pipeline.validate_reference


def _record(what: str) -> None:
    with _WORKED_IN[0].open("a", encoding="ascii") as log:
        log.write(f"{what} {os.getpid()}\n")


def _recorded_map_school(task: pipeline.SchoolTask) -> list[pipeline.Mapped]:
    _record("school")
    return _map_school(task)


def _recorded_validate_reference(codes: list[str]) -> list[object]:
    _record("reference")
    return _validate_reference(codes)


def test_the_reference_graph_is_validated_by_the_mapping_workers_not_beside_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A third process validating the reference graph beside the two mapping workers made the peak of a
    500-report build: its parts are work for the same workers, so ``--jobs 2`` means two processes at work."""
    _WORKED_IN[:] = [tmp_path / "worked-in.txt"]
    monkeypatch.setattr(pipeline, "map_school", _recorded_map_school)
    monkeypatch.setattr(pipeline, "validate_reference", _recorded_validate_reference)
    reports = sorted((ROOT / "data" / "reports").glob("*.txt"))[:3]  # two schools: a pair of sister reports, one more
    result = pipeline.build_graph(reports, tmp_path / "out", jobs=2)
    assert result.refused is None and result.validation is not None
    worked = [line.split() for line in _WORKED_IN[0].read_text(encoding="ascii").splitlines()]
    schools = {pid for what, pid in worked if what == "school"}
    references = {pid for what, pid in worked if what == "reference"}
    assert len([w for w in worked if w[0] == "school"]) == 2 and references
    assert len(schools | references) <= 2 and str(os.getpid()) not in schools | references


def test_a_reports_chunk_lines_are_let_go_before_it_is_validated(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The sorted lines of a report's chunk (~15 MB of Python strings for an annual report) were held through its
    validation, the mapping worker's peak: nothing the mapping holds then is a list of those lines."""
    held: list[list[str]] = []
    real_validate_alone = pipeline.validate_alone

    def looking(key: str, quads: list[pipeline.Quad], context: list[pipeline.Quad]) -> list[object]:
        mapping = sys._getframe(1).f_locals  # map_report's, as it calls validation
        held.extend(value for value in mapping.values()
                    if isinstance(value, list) and value and all(isinstance(item, str) for item in value))
        return real_validate_alone(key, quads, context)

    monkeypatch.setattr(pipeline, "validate_alone", looking)
    report = sorted((ROOT / "data" / "reports").glob("*.txt"))[0]
    result = pipeline.build_graph([report], tmp_path / "out", jobs=1)
    assert result.refused is None and result.triples > 1000
    assert held == []


def test_while_a_report_is_validated_its_schools_facts_are_let_go_and_each_term_is_one_object(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mapping worker's peak is a large report's validation: its school's facts (an annual report's ~4 MB, its
    sister's as much) were held through it, and each triple made its own copy of the IRIs it names (100 k IRIs,
    7 MB, for 36 k triples). When a report is validated neither its facts nor those of the reports mapped before it
    are alive, and the quads name each distinct term with one object."""
    seen: list[tuple[str, int, int, int]] = []  # (report, facts alive of it and those before, distinct terms, objects)
    real_validate_alone = pipeline.validate_alone
    gc.collect()
    # facts that tests run earlier in this process still hold (cached extractions of the same reports) are not the
    # build's: held here, so that their ids stay theirs, and left out of the count
    held_elsewhere = [o for o in gc.get_objects() if isinstance(o, Facts)]
    elsewhere = {id(o) for o in held_elsewhere}

    def looking(key: str, quads: list[pipeline.Quad], context: list[pipeline.Quad]) -> list[object]:
        mapped = {key, *(report for report, *_ in seen)}
        alive = sum(isinstance(o, Facts) and o.report in mapped and id(o) not in elsewhere for o in gc.get_objects())
        terms = [term for quad in quads for term in quad]
        seen.append((key, alive, len(set(terms)), len({id(term) for term in terms})))
        return real_validate_alone(key, quads, context)

    monkeypatch.setattr(pipeline, "validate_alone", looking)
    reports = sorted((ROOT / "data" / "reports").glob("*.txt"))[:3]  # two schools: a pair of sister reports, one more
    result = pipeline.build_graph(reports, tmp_path / "out", jobs=1)
    assert result.refused is None and len(seen) == 3
    assert [alive for _, alive, _, _ in seen] == [0, 0, 0], seen
    assert all(distinct == objects > 1000 for _, _, distinct, objects in seen), seen


def test_a_reports_validation_graph_is_gone_when_its_validation_returns(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The graph a report is validated in is cyclic garbage once validated (pySHACL's wrappers refer to it): left
    to the collector, an annual report's (41 MB) sat beside the next report's graph in the same worker."""
    graphs: list[weakref.ref[Graph]] = []
    alive_after: list[bool] = []
    real_validate, real_validate_alone = pipeline.validate, pipeline.validate_alone

    def validate(graph: Graph) -> object:
        graphs.append(weakref.ref(graph))
        return real_validate(graph)

    def validate_alone(key: str, quads: list[pipeline.Quad], context: list[pipeline.Quad]) -> list[object]:
        results = real_validate_alone(key, quads, context)
        alive_after.append(graphs[-1]() is not None)
        return results

    monkeypatch.setattr(pipeline, "validate", validate)
    monkeypatch.setattr(pipeline, "validate_alone", validate_alone)
    report = sorted((ROOT / "data" / "reports").glob("*.txt"))[0]
    result = pipeline.build_graph([report], tmp_path / "out", jobs=1)
    assert result.refused is None and alive_after == [False]


def test_what_resolution_reads_of_a_report_stays_on_disk_not_in_the_builds_process(tmp_path: Path) -> None:
    """The build's process holds every report's ``Extracted`` through the mapping, and the workers fork from it: its
    entity candidates and the nodes it names (~13 KB a report, 6.5 MB at 500 reports) were held there. Now a
    summary and a path (~0.5 KB), and what resolution reads is read from the spool when it is needed."""
    reports, bad = pipeline.extract_reports(sorted((ROOT / "data" / "reports").glob("*.txt")), tmp_path, 1, None)
    assert len(reports) == 5 and not bad
    assert all(len(pickle.dumps(report)) < 1_000 for report in reports)
    for report in reports:
        candidates, refs = report.entities()
        assert candidates.report == report.summary.key and len(candidates.nodes) > 10 and len(refs) > 10


_parse_shapes = validate_module.shapes_graph.__wrapped__


@cache
def _recorded_shapes_graph(directory: Path = validate_module.SHAPES_DIR) -> Graph:
    _record("shapes")
    return _parse_shapes(directory)


def test_the_shapes_are_parsed_once_in_the_builds_process_before_the_mapping_workers_fork(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each mapping worker parsing its own shapes (and loading pySHACL's lazily imported parts) was 25 MB more
    when two workers mapped the sister reports at once: the build's process loads them once, and the forked
    workers share its pages."""
    _WORKED_IN[:] = [tmp_path / "worked-in.txt"]
    monkeypatch.setattr(validate_module, "shapes_graph", _recorded_shapes_graph)
    monkeypatch.setattr(pipeline, "map_school", _recorded_map_school)
    reports = sorted((ROOT / "data" / "reports").glob("*.txt"))[:3]
    result = pipeline.build_graph(reports, tmp_path / "out", jobs=2)
    assert result.refused is None and result.validation is not None
    worked = [line.split() for line in _WORKED_IN[0].read_text(encoding="ascii").splitlines()]
    assert [pid for what, pid in worked if what == "shapes"] == [str(os.getpid())]
    assert {pid for what, pid in worked if what == "school"} - {str(os.getpid())}  # mapped in the workers


def test_the_store_parts_go_to_the_loader_in_pieces_and_load_as_the_documents_they_make(tmp_path: Path) -> None:
    """The build's process never joins a part's pieces (at 500 reports the joined documents took 40 MB more of
    it during the load): the loader gets them one after the other, and reads the document they make."""
    chunks = tmp_path / "chunks"
    chunks.mkdir()
    (chunks / "a.lines").write_bytes('  <https://example.org/a> <https://example.org/p> "一" .\n'.encode())
    (chunks / "b.lines").write_bytes(b"  <https://example.org/b> <https://example.org/p> <https://example.org/a> .\n")
    graphs = [(f"<https://example.org/graph/{name}>", chunks / f"{name}.lines") for name in "ab"]
    parts = list(outputs.store_parts(graphs, b"@prefix ex: <https://example.org/> .\n"))
    assert all(isinstance(blob, list) and len(blob) > 1 for part in parts for blob in part)
    whole = [(b"".join(trig), b"".join(turtle)) for trig, turtle in parts]
    stores = [DiskOxigraphStore(write_disk_store(tmp_path / name, given)) for name, given in (("pieces", parts),
                                                                                               ("whole", whole))]
    quads = [sorted(map(str, store.query("SELECT * { GRAPH ?g { ?s ?p ?o } }").rows)) for store in stores]
    assert len(quads[0]) == 2 and quads[0] == quads[1]
    assert [len(store.query("SELECT * { ?s ?p ?o }").rows) for store in stores] == [2, 2]  # the union graph


@pytest.mark.parametrize(("count", "loaders"), [(5, [[], [], [], ["--optimize"]]),  # 2 + 2 + 1 parts, compaction
                                                (4, [[], [], ["--optimize"]]),  # no loader for no part
                                                (0, [["--optimize"]])])
def test_the_store_is_loaded_by_a_fresh_loader_every_few_parts_and_compacted_once_at_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, loaders: list[list[str]]) -> None:
    """One loader's memory grew with the parts it had loaded (300 parts, a store the size of a 500-report one:
    186 MB; 145 MB at most when a fresh one took every 25 parts): each loader takes
    :data:`~kg.generations.PARTS_PER_LOADER` parts, a last one compacts."""
    started: list[list[str]] = []
    real_popen = generations.subprocess.Popen

    def popen(command: list[str], **options: object) -> subprocess.Popen[bytes]:
        started.append(command[command.index("kg.bulk_load") + 1:])
        return real_popen(command, **options)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(generations, "PARTS_PER_LOADER", 2)
    monkeypatch.setattr(generations.subprocess, "Popen", popen)
    parts = [(f"<https://example.org/g{n}> {{ <https://example.org/s{n}> <https://example.org/p> {n} . }}".encode(),
              f"<https://example.org/s{n}> <https://example.org/p> {n} .".encode()) for n in range(count)]
    store = DiskOxigraphStore(write_disk_store(tmp_path / "store", parts))
    assert [command[2:] for command in started] == loaders
    assert len(store.query("SELECT * { GRAPH ?g { ?s ?p ?o } }").rows) == count
    assert len(store.query("SELECT * { ?s ?p ?o }").rows) == count


def test_the_processes_that_read_the_store_import_neither_rdflib_nor_an_http_client() -> None:
    """The precompute's evaluating process and the server's query workers read the on-disk store: rdflib (~18 MB
    of a process, ~0.3 s of its start), httpx (~5 MB, for the remote store) and urllib.request (what
    xml.sax.saxutils brought along, ~4 MB) are not theirs to hold."""
    imported = subprocess.run([sys.executable, "-c", "import sys, api.precomputed, api.executor, api.formats, kg.store; "
                               "print(sorted({'rdflib', 'httpx', 'urllib.request'} & set(sys.modules)))"],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "[]"
    from kg.store import open_store

    assert type(open_store("rdflib")).__name__ == "RdflibStore"  # the fallback imports it when asked for


def _fingerprinted(tmp_path: Path, key: str, pairs: list[tuple[int, int]]) -> pipeline.Mapped:
    file = tmp_path / f"{key}.fingerprints"
    file.write_bytes(array("Q", [n for pair in pairs for n in pair]).tobytes())
    return pipeline.Mapped(key, tmp_path / f"{key}.lines", 0, [], frozenset(), file)


def test_fingerprints_compared_share_by_share_link_the_reports_that_disagree(tmp_path: Path) -> None:
    top = (1 << 64) - 1  # the whole unsigned range survives the file
    mapped = [
        _fingerprinted(tmp_path, "a", [(8, 100), (top, 5)]),
        _fingerprinted(tmp_path, "b", [(8, 100), (3, 1)]),  # agrees with a
        _fingerprinted(tmp_path, "c", [(top, 6)]),  # disagrees with a, in another share than node 8
        _fingerprinted(tmp_path, "d", [(3, 2), (8, 100)]),  # disagrees with b
        _fingerprinted(tmp_path, "e", [(11, 1)]),
    ]
    assert list(mapped[0].fingerprints()) == [(8, 100), (top, 5)]
    assert sorted(pipeline.conflicting_groups(mapped)) == [[0, 2], [1, 3]]


def test_an_evaluating_process_past_its_bound_is_replaced_and_the_answers_stay_right(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_precomputed import LIUZHOU, built

    store = built([LIUZHOU], tmp_path / "out")
    generation = store.resolve()
    kept = {name: entry.rows for name, entry in index(generation).items()}
    started: list[int] = []
    real_start = precomputed._Evaluator._start

    def counted_start(self: precomputed._Evaluator) -> object:
        started.append(1)
        return real_start(self)

    monkeypatch.setattr(precomputed._Evaluator, "_start", counted_start)
    monkeypatch.setattr(precomputed, "RESTART_ABOVE_BYTES", 0)  # every process is past it after its query
    monkeypatch.setattr(precomputed, "TWO_LANES_UP_TO_BYTES", 0)  # and the store counts as large: one lane
    queries = {name: query.text for name, query in library(ROOT / "queries").items()}
    outcomes = precompute(generation, queries, max_rows=Settings().max_rows)
    assert all(o.ok for o in outcomes)
    assert len(started) == len(queries)  # a fresh process for each query
    assert {name: entry.rows for name, entry in index(generation).items()} == kept
    assert precomputed._lanes(generation) == 1


def test_the_largest_items_start_first_and_the_results_keep_the_order_of_the_items() -> None:
    started: list[str] = []

    def shout(word: str) -> str:
        started.append(word)
        return word.upper()

    words = ["a", "ccc", "bb", "dddd", "ee"]
    assert parallel_map_largest_first(shout, words, 1, len) == ["A", "CCC", "BB", "DDDD", "EE"]
    assert started == ["dddd", "ccc", "bb", "ee", "a"]  # ties keep their order
    assert parallel_map_largest_first(str.upper, words, 2, len) == ["A", "CCC", "BB", "DDDD", "EE"]


def test_sgkg_build_writes_the_store_in_a_fresh_interpreter_and_says_what_the_app_in_process_says(
        tmp_path: Path) -> None:
    """The build's modules and state (over 100 MB of a 500-report build) were held while the store was loaded and
    the answers precomputed: the ``sgkg`` program replaces its process by a fresh interpreter for that (same pid,
    a new command line), which precomputes, writes and says what the app run in-process does."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for path in sorted((ROOT / "data" / "reports").glob("*.txt"))[:3]:
        (reports / path.name).write_bytes(path.read_bytes())
    arguments = ["build", "--reports", str(reports), "--jobs", "2", "--out"]
    log = tmp_path / "sgkg.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen([sys.executable, "-c", "from kg.cli import run; run()", *arguments,
                                    str(tmp_path / "program")], cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        command_lines = set()
        while process.poll() is None:
            with contextlib.suppress(OSError):  # between the exit and poll() seeing it
                command_lines.add(Path(f"/proc/{process.pid}/cmdline").read_bytes())
            time.sleep(0.01)
    assert process.returncode == 0, log.read_text(encoding="utf-8")
    assert b"\0".join([b"-m", b"kg.outputs"]) in b" ".join(command_lines)
    in_process = CliRunner().invoke(app, [*arguments, str(tmp_path / "app"), "--no-precompute"])
    assert in_process.exit_code == 0, in_process.output
    said = [[line.replace(str(tmp_path / name), "OUT") for line in text.splitlines() if line.strip()]
            for name, text in (("program", log.read_text(encoding="utf-8")), ("app", in_process.output))]
    queries = len(library(ROOT / "queries"))
    precomputed_lines = [line for line in said[0] if "precomput" in line or re.match(rf"  \[\d+/{queries}\] ", line)]
    assert len(precomputed_lines) == queries + 2 and precomputed_lines[-1] == f"precomputed {queries}/{queries} library answers"
    assert [line for line in said[0] if line not in precomputed_lines] == said[1]
    assert said[1][-1] == "wrote OUT/kg.trig and the store OUT/store/"
    assert index((tmp_path / "program" / "store").resolve())  # the answers are kept with the store
    assert (tmp_path / "program" / "kg.trig").read_bytes() == (tmp_path / "app" / "kg.trig").read_bytes()
    assert [p.name for p in (tmp_path / "program").iterdir() if p.name.startswith(".build-")] == []


def test_the_process_that_writes_the_store_imports_none_of_the_builds_libraries(tmp_path: Path) -> None:
    """The fresh interpreter of ``sgkg build`` unpickles what it is to write and the precompute step, then writes
    the store beside the loader and the evaluating processes: rdflib, pyoxigraph, the loaders, pySHACL and the
    pipeline (40 MB of a process) wait until the store is written — they come with the summary, after."""
    pending = outputs.PendingOutputs(tmp_path, tmp_path / "work", [], tmp_path / "kg.trig", 0, b"")
    state = pickle.dumps((pending, chosen(True)))
    code = ("import pickle, sys; pending, prepare = pickle.loads(sys.stdin.buffer.read()); "
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'rdflib', 'pyoxigraph', 'loaders', 'pyshacl', 'httpx', 'fastapi'} or m in {'kg.pipeline', 'kg.store'})))")
    loaded = subprocess.run([sys.executable, "-c", code], cwd=ROOT, input=state, capture_output=True, check=True)
    assert loaded.stdout.decode().strip() == ""
    assert callable(pickle.loads(state)[1])
