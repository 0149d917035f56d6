"""The build: report files -> documents -> facts -> resolved facts -> RDF -> TriG + on-disk store.

Bad reports never raise: the file is listed in :attr:`BuildResult.bad_files` with the reason and
the other files still load. ``build_graph`` is the streaming, parallel build (``sgkg build``):
reports are extracted in worker processes and spooled to disk, entities are resolved on a table
of candidates, and each school's reports are audited, mapped to RDF, validated (each report's
graph with the reference graph of its school) and written as sorted TriG lines in workers; the
outputs — ``build/kg.trig`` (deterministic bytes, whatever the number of workers) and the
on-disk Oxigraph store ``build/store`` — are assembled from those chunks and replaced atomically,
only when at least one report is kept and no Violation is left (unless forced); otherwise the
existing files are left untouched. ``build_dataset`` is the same build in memory, for small
folders (tests, tools that want the rdflib dataset).

One odd report never blocks the corpus: a report whose graph, validated with the reference graph
a build of that report alone would carry (catalogue, levels, sources, its school), gives a
Violation is *quarantined*: left out, named with its violations in :attr:`BuildResult.quarantined`.
Reports that give one node of a single-valued property (``sh:maxCount 1``) different values —
a Violation no single report gives, only several together — are validated together and each is
quarantined, naming the others. The kept reports are then mapped again, exactly as if the
quarantined files had not been there, until nothing more is quarantined. A Violation about a
node no report states (reference data) cannot be quarantined: the graph is then refused.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import math
import os
import pickle
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node as Term

from kg.audit import audit, audit_quads
from kg.build import Quad, add_quads, checked_quads, new_dataset, report_quads, with_shared_terms
from kg.generations import Prepare
from kg.ids import graph_iri, iri
from kg.namespaces import PREFIXES, RDF, RDFS, REFERENCE_GRAPH, SG, XSD
from kg.outputs import TRIG_NAME, PendingOutputs, Written, graph_block, write_outputs
from kg.processes import Work, default_jobs, in_own_process, parallel_map, parallel_map_largest_first
from kg.sentences import with_sentences
from loaders.document import Document, ReportError, load_document
from loaders.document.model import ReportMeta
from loaders.extract import extract_facts
from loaders.facts import Facts, Node, NodeRef
from loaders.resolve import SPELLING_KINDS, Merge, _target_org_kinds, plan_merges, resolve, rewrite

Progress = Callable[[Path, str], None]  # (file, "loaded" | "bad: reason")


@dataclass(slots=True)
class BadFile:
    file: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What the streaming build keeps of a loaded report: its names and metadata, never its text or facts."""

    file_name: str
    key: str
    sha256: str
    meta: ReportMeta
    failures: tuple[str, ...] = ()  # what extraction skipped because a recogniser raised

    @classmethod
    def of(cls, doc: Document, facts: Facts) -> ReportSummary:
        meta = dataclasses.replace(doc.meta, school_evidence=None)  # a span of the text: kilobytes a report
        return cls(doc.file_name, doc.key, doc.sha256, meta, tuple(facts.failures))


Report = Document | ReportSummary  # a report as a build result names it


@dataclass(slots=True)
class QuarantinedReport:
    """A report left out of the graph because of its Violations (kg.validate.ValidationResult):
    its own, or — when ``conflicts_with`` names other reports — ones it gives only together with them."""

    document: Report
    violations: list[Any]
    conflicts_with: list[str] = field(default_factory=list)  # keys of the other reports of a conflict

    @property
    def file(self) -> str:
        return self.document.file_name

    @property
    def key(self) -> str:
        return self.document.key


@dataclass(slots=True)
class BuildResult:
    documents: list[Any]  # Document (build_dataset) or ReportSummary (build_graph); quarantined ones moved out
    bad_files: list[BadFile]
    in_memory: Dataset | None = None  # the whole dataset, when built in memory (build_dataset)
    validation: Any = None  # kg.validate.ValidationReport of the dataset when validation ran
    written: Path | None = None  # the TriG file written, None when nothing was written
    refused: str | None = None  # why the graph was not written
    facts: list[Facts] = field(default_factory=list)  # per document, resolved (build_dataset only)
    extracted: list[Facts] = field(default_factory=list)  # per document, as extracted (build_dataset only)
    quarantined: list[QuarantinedReport] = field(default_factory=list)
    quad_count: int = 0  # quads written (build_graph)
    store: Path | None = None  # the on-disk Oxigraph store written next to the TriG (build_graph)
    pending: PendingOutputs | None = None  # what is left to write, when the build was asked to leave it (kg.outputs)

    def record(self, written: Written) -> None:
        """The outputs are in place (:func:`kg.outputs.write_outputs`)."""
        self.quad_count, self.written, self.store = written.quads, written.trig, written.store

    @property
    def dataset(self) -> Dataset:
        """The dataset in memory (build_dataset), or read back from the written TriG (build_graph; for
        small builds and tests — the streaming build itself never holds it)."""
        if self.in_memory is None:
            self.in_memory = new_dataset()
            if self.written is not None:
                self.in_memory.parse(self.written, format="trig")
        return self.in_memory

    @property
    def triples(self) -> int:
        return self.quad_count or len(self.dataset)

    @property
    def skipped(self) -> dict[str, list[str]]:
        """File → the sentences, rows or recognisers extraction skipped because a recogniser raised."""
        if self.extracted:
            return {doc.file_name: facts.failures for doc, facts in zip(self.documents, self.extracted, strict=False)
                    if facts.failures}
        return {doc.file_name: list(doc.failures) for doc in self.documents if getattr(doc, "failures", ())}

    @property
    def violations(self) -> int:
        return getattr(self.validation, "violations", 0) if self.validation is not None else 0


def report_files(directory: Path) -> list[Path]:
    """The report files of a folder: every ``*.txt``, in name order."""
    return sorted(p for p in directory.glob("*.txt"))


def build_dataset(paths: Iterable[Path], *, progress: Progress | None = None, strict: bool = False) -> BuildResult:
    """Load every report (bad files are collected, not raised) and build the dataset."""
    documents, bad = load_reports(paths, progress)
    extracted = [extract_facts(doc, strict=strict) for doc in documents]
    dataset, facts = assemble(documents, extracted)
    return BuildResult(documents, bad, dataset, facts=facts, extracted=extracted)


def load_reports(paths: Iterable[Path], progress: Progress | None = None) -> tuple[list[Document], list[BadFile]]:
    """The documents of the files that load, in name order, and the files that do not (with the reason)."""
    documents: list[Document] = []
    bad: list[BadFile] = []
    seen: dict[str, str] = {}
    for path in sorted(Path(p) for p in paths):
        try:
            doc = load_document(path)
            if doc.key in seen:
                raise ReportError(path.name, f"same school, kind and year as {seen[doc.key]} (report {doc.key})")
        except ReportError as err:
            bad.append(BadFile(err.file, err.reason))
            _tell(progress, path, f"bad: {err.reason}")
            continue
        seen[doc.key] = path.name
        documents.append(doc)
        _tell(progress, path, "loaded")
    return documents, bad


def assemble(documents: list[Document], extracted: list[Facts]) -> tuple[Dataset, list[Facts]]:
    """Resolve the reports' extracted facts together and map them to one dataset: a named graph per
    report (with the self-consistency audit's sg:Inconsistency findings, kg.audit) plus the reference
    graph for their schools. Returns the dataset and the resolved facts."""
    facts = resolve(extracted)
    ds = new_dataset()
    quads = [quad for doc, report_facts in zip(documents, facts, strict=True)
             for quad in report_quads(report_facts, report_triples(doc))]
    quads += audit_quads(audit(documents, extracted))  # sg:Inconsistency findings, in each report's graph
    add_quads(ds, with_sentences(documents, quads))
    add_quads(ds, _reference_quads(sorted({doc.meta.school_code for doc in documents})))
    return ds, facts


def _tell(progress: Progress | None, path: Path, status: str) -> None:
    if progress is not None:
        progress(path, status)


def _reference_quads(school_codes: list[str]) -> Iterator[tuple[Term, Term, Term, URIRef]]:
    try:
        reference = importlib.import_module("kg.reference")
    except ImportError:
        return iter(())
    return reference.reference_quads(school_codes)


def report_triples(doc: Document) -> Iterator[tuple[Term, Term, Term]]:
    """The sg:Report node of one document: file, hash, kind, period, year, date, school."""
    report = iri("Report", doc.key)
    meta = doc.meta
    yield report, RDF.type, SG.Report
    yield report, RDFS.label, Literal(meta.title, lang="zh")
    yield report, SG.fileName, Literal(doc.file_name)
    yield report, SG.sha256, Literal(doc.sha256)
    yield report, SG.reportKind, Literal(meta.kind)
    if meta.period:
        yield report, SG.period, Literal(meta.period)
    if meta.year is not None:
        yield report, SG.year, Literal(f"{meta.year:04d}", datatype=XSD.gYear)
    if meta.date:
        yield report, SG.datePrinted, Literal(meta.date, lang="zh")
    yield report, SG.describes, iri("School", meta.school_code)


def validate(ds: Dataset | Graph) -> Any:
    """``kg.validate.validate_dataset(ds)`` when that module is there, else None."""
    try:
        validator = importlib.import_module("kg.validate")
    except ImportError:
        return None
    validate_dataset = getattr(validator, "validate_dataset", None)
    return validate_dataset(ds) if validate_dataset else None


def build_graph(paths: Iterable[Path], out_dir: Path, *, force: bool = False, progress: Progress | None = None,
                run_validation: bool = True, jobs: int | None = None, prepare_store: Prepare | None = None,
                leave_store: bool = False) -> BuildResult:
    """The streaming build: extract, resolve, map and validate report by report in ``jobs`` worker
    processes (default: one per core), quarantine the reports that violate a shape (unless forced)
    and, when allowed, atomically replace ``out_dir/kg.trig`` and the on-disk store ``out_dir/store``.

    No step holds the corpus as rdflib objects: workers spool each report's document and facts to
    disk, resolution reads a table of entity candidates, each report's graph is mapped, validated
    (with the reference graph of its school) and written as sorted TriG lines on its own, and the
    outputs are concatenations of those chunks. The result does not depend on ``jobs``. ``prepare_store``
    (answers computed ahead) sees the new store before it replaces the previous one. With ``leave_store``, the
    store and ``kg.trig`` are left to :mod:`kg.outputs` (``result.pending``; ``sgkg build`` does it in a
    fresh interpreter, so that none of this build's memory is held while the store is loaded).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = default_jobs() if jobs is None else max(1, jobs)
    spool = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    result: BuildResult | None = None
    try:
        reports, bad = extract_reports(paths, spool, jobs, progress)
        result = BuildResult([r.summary for r in reports], bad)
        if not reports:
            result.refused = "no report could be loaded"
            return result
        mapped = map_and_quarantine(result, reports, _Mapper(spool, jobs, run_validation), force)
        result.refused = _refusal(result, force)
        if result.refused is None:
            result.pending = prepare_outputs(mapped, result.documents, out_dir, spool)
            if not leave_store:
                pending, result.pending = result.pending, None
                result.record(write_outputs(pending, prepare_store))
    finally:
        if result is None or result.pending is None:
            shutil.rmtree(spool, ignore_errors=True)
    return result


def _refusal(result: BuildResult, force: bool) -> str | None:
    """Why the graph may not be written, None when it may."""
    if not result.documents:
        return (f"every report was quarantined ({len(result.quarantined)}): each violates a shape "
                "(use --force to write them anyway)")
    if result.violations and not force:
        return (f"validation found {result.violations} violation(s) that no report can be quarantined for "
                "(use --force to write anyway)")
    return None


# --- streaming build: workers -----------------------------------------------------------------------
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Extracted:
    """One report after extraction: its summary and the spool files of its document and facts, and of what
    resolution reads of it. That is on disk (~13 KB a report), not in the build's process, which holds every
    report's ``Extracted`` and which the mapping workers fork from."""

    summary: ReportSummary
    spool: Path

    @property
    def entities_file(self) -> Path:
        return self.spool.with_suffix(".entities")

    def entities(self) -> tuple[Facts, frozenset[NodeRef]]:
        """Its entity candidates (:func:`entity_candidates`) and every node of a kind resolution merges that its
        facts name (:func:`mergeable_refs`)."""
        entities: tuple[Facts, frozenset[NodeRef]] = pickle.loads(self.entities_file.read_bytes())
        return entities


def extract_report(task: tuple[Path, Path]) -> Extracted | BadFile:
    """Worker: load and extract one report, spool its document and facts, return its candidates."""
    path, spool = task
    try:
        doc = load_document(path)
    except ReportError as err:
        return BadFile(err.file, err.reason)
    facts = extract_facts(doc)
    spool.write_bytes(pickle.dumps((doc, facts), protocol=pickle.HIGHEST_PROTOCOL))
    extracted = Extracted(ReportSummary.of(doc, facts), spool)
    extracted.entities_file.write_bytes(pickle.dumps((entity_candidates(facts), mergeable_refs(facts)),
                                                     protocol=pickle.HIGHEST_PROTOCOL))
    return extracted


def entity_candidates(facts: Facts) -> Facts:
    """The nodes resolution compares (kind, key, labels, orgKind), without evidence or other attributes."""
    table = Facts(facts.report)
    for node in facts.nodes.values():
        if node.kind in SPELLING_KINDS:
            stub = Node(node.kind, node.key, node.label, alt_labels=set(node.alt_labels))
            stub.attrs = {"orgKind": list(node.attrs["orgKind"])} if "orgKind" in node.attrs else {}
            table.node(stub)
    return table


def mergeable_refs(facts: Facts) -> frozenset[NodeRef]:
    named = [node.ref for node in facts.nodes.values()]
    named += [v for node in facts.nodes.values() for values in node.attrs.values() for v in values if isinstance(v, NodeRef)]
    named += [end for link in facts.links.values() for end in (link.subject, link.object)]
    return frozenset(ref for ref in named if ref.kind in SPELLING_KINDS)


def extract_reports(paths: Iterable[Path], spool: Path, jobs: int,
                    progress: Progress | None) -> tuple[list[Extracted], list[BadFile]]:
    """Every file extracted in parallel; in name order, the ones that load and the ones that do not."""
    ordered = sorted(Path(p) for p in paths)
    tasks = [(path, spool / f"{index:06d}.pickle") for index, path in enumerate(ordered)]
    reports: list[Extracted] = []
    bad: list[BadFile] = []
    seen: dict[str, str] = {}
    for path, outcome in zip(ordered, parallel_map(extract_report, tasks, jobs), strict=True):
        if isinstance(outcome, Extracted) and outcome.summary.key in seen:
            key = outcome.summary.key
            outcome = BadFile(path.name, f"same school, kind and year as {seen[key]} (report {key})")
        if isinstance(outcome, BadFile):
            bad.append(outcome)
            _tell(progress, path, f"bad: {outcome.reason}")
            continue
        seen[outcome.summary.key] = path.name
        reports.append(outcome)
        _tell(progress, path, "loaded")
    return reports, bad


@dataclass(frozen=True, slots=True)
class Resolution:
    """Entity resolution planned on the candidate table of every report (loaders.resolve), applied per report:
    the same rewrite ``resolve`` makes when it is given every report's facts at once."""

    merges: dict[NodeRef, Merge]
    org_kinds: dict[NodeRef, set[str]]

    @classmethod
    def plan(cls, reports: Iterable[Extracted]) -> Resolution:
        """The resolution of the reports' candidate tables, planned on all of them together."""
        nodes = [node for report in reports for node in report.entities()[0].nodes.values()]
        merges = plan_merges(nodes)
        return cls(merges, _target_org_kinds(nodes, merges) if merges else {})

    def apply(self, facts: Facts) -> Facts:
        return rewrite(facts, self.merges, self.org_kinds) if self.merges else facts

    def as_seen_by(self, refs: Iterable[NodeRef]) -> tuple[Any, ...]:
        """What of this resolution a rewrite of facts naming ``refs`` reads: equal means the same rewrite."""
        merges = sorted((ref, self.merges[ref]) for ref in refs if ref in self.merges)
        kinds = sorted((m.target, tuple(sorted(self.org_kinds.get(m.target, ())))) for _, m in merges)
        return tuple(merges), tuple(kinds)


@dataclass(frozen=True, slots=True)
class Mapped:
    """One report's graph, mapped and validated in a worker: its sorted TriG lines on disk, what validation
    found about the nodes it states, and (on disk too) fingerprints of the single-valued properties of nodes
    other reports may state too."""

    key: str
    chunk: Path
    quads: int
    results: list[Any]  # kg.validate.ValidationResult about nodes the report states
    touches: frozenset[str]  # the reference nodes it states something about (judged with it, not alone)
    fingerprint_file: Path  # (hash of node + property, hash of the values this report gives), as unsigned 64-bit pairs

    def fingerprints(self) -> Iterator[tuple[int, int]]:
        numbers = array("Q")
        numbers.frombytes(self.fingerprint_file.read_bytes())
        return zip(numbers[0::2], numbers[1::2], strict=True)


_RESOLUTION = Resolution({}, {})  # set in the parent before the mapping workers are forked


@dataclass(frozen=True, slots=True)
class SchoolTask:
    """The reports of one school, mapped together (the audit compares sister reports)."""

    spools: tuple[Path, ...]
    chunks: Path
    validate: bool

    def size(self) -> int:
        """Bytes of its reports' spools: how long mapping it takes, roughly."""
        return sum(spool.stat().st_size for spool in self.spools)


def map_school(task: SchoolTask) -> list[Mapped]:
    """Worker: audit, resolve, map, validate and write the graphs of one school's reports."""
    loaded = [pickle.loads(spool.read_bytes()) for spool in task.spools]
    findings: dict[Term, list[Quad]] = {}
    for quad in audit_quads(audit([doc for doc, _ in loaded], [facts for _, facts in loaded])):
        findings.setdefault(quad[3], []).append(quad)
    # a finding across sister reports names them all (sg:foundIn): their report nodes are context for validation
    sisters = [(s, p, o, graph_iri(doc.key)) for doc, _ in loaded for s, p, o in report_triples(doc)]
    reference = list(_reference_quads([loaded[0][0].meta.school_code])) if task.validate else []
    docs = [doc for doc, _ in loaded]
    facts_of = {doc.key: facts for doc, facts in loaded}
    del loaded  # each report's facts are let go once its quads are made (an annual report's: ~4 MB)
    return [map_report(doc, report_graph_quads(doc, _RESOLUTION.apply(facts_of.pop(doc.key)),
                                               findings.get(graph_iri(doc.key), []), docs),
                       sisters + reference, task) for doc in docs]


def report_graph_quads(doc: Document, facts: Facts, audit_findings: list[Quad],
                       sisters: Sequence[Document] = ()) -> list[Quad]:
    """One report's quads: its facts, its audit findings, the sentence of every evidence (read from the report or
    the sister report it cites)."""
    return with_shared_terms(checked_quads(with_sentences([doc, *sisters], [*report_quads(facts, report_triples(doc)),
                                                                            *audit_findings])))


def map_report(doc: Document, quads: list[Quad], context: list[Quad], task: SchoolTask) -> Mapped:
    """One report's quads written as a sorted chunk and validated."""
    chunk = task.chunks / f"{doc.key}.lines"
    count = write_chunk(chunk, quads)
    results = validate_alone(doc.key, quads, context) if task.validate else []
    stated = {term for quad in quads for term in (quad[0], quad[2])}
    touches = frozenset(str(quad[0]) for quad in context if quad[3] == REFERENCE_GRAPH and quad[0] in stated)
    fingerprints = task.chunks / f"{doc.key}.fingerprints"
    fingerprints.write_bytes(array("Q", [n for pair in single_value_fingerprints(doc.key, quads) for n in pair]).tobytes())
    return Mapped(doc.key, chunk, count, results, touches, fingerprints)


def write_chunk(chunk: Path, quads: Iterable[Quad]) -> int:
    """A chunk (a report's, or the reference graph's): the distinct triples of ``quads`` as sorted TriG lines;
    returns how many. A report's lines are let go before it is validated (an annual report's, ~15 MB as Python
    strings, were held through its validation, the mapping worker's peak)."""
    lines = sorted({f"{_term(s)} {_term(p)} {_term(o)} ." for s, p, o, _ in quads})
    with chunk.open("w", encoding="utf-8") as out:
        out.writelines(f"  {line}\n" for line in lines)
    return len(lines)


def validate_alone(key: str, quads: list[Quad], context: list[Quad]) -> list[Any]:
    """The validation results about the nodes one report's graph states, validated with what of ``context``
    (its school's reference data, its sister reports' report nodes) its nodes lead to — the reference data
    itself is validated once per build (:func:`reference_validation_parts`)."""
    alone = Graph()  # one plain graph: pySHACL reads it faster than a dataset's union
    for s, p, o, _ in checked_quads([*quads, *reachable(quads, context)]):
        alone.add((s, p, o))
    report = validate(alone)
    del alone
    gc.collect()  # cyclic garbage now (pySHACL's wrappers refer to it): left, it sat beside the next report's graph
    if report is None:
        return []
    stated = {term for s, _, o, g in quads if g == graph_iri(key) for term in (s, o)}
    return [r for r in report.results if URIRef(r.focus) in stated]


def reachable(quads: list[Quad], context: list[Quad]) -> list[Quad]:
    """The quads of ``context`` about nodes ``quads`` name, and about the nodes those lead to, and so on."""
    by_subject: dict[Term, list[Quad]] = {}
    for quad in context:
        by_subject.setdefault(quad[0], []).append(quad)
    frontier = {term for quad in quads for term in (quad[0], quad[2])}
    seen, found = set(frontier), []
    while frontier:
        step = [quad for term in frontier for quad in by_subject.get(term, ())]
        found.extend(step)
        frontier = {quad[2] for quad in step} - seen
        seen |= frontier
    return found


REFERENCE_SCHOOLS_AT_ONCE = 50  # schools whose reference graph is validated together


def reference_validation_parts(codes: list[str]) -> list[Callable[[], list[Any]]]:
    """The reference graph's validation as separate pieces of work: :data:`REFERENCE_SCHOOLS_AT_ONCE` schools at
    a time (each time with the catalogue and the other data the schools share), so the graph held at once does
    not grow with the corpus."""
    return [partial(validate_reference, codes[start:start + REFERENCE_SCHOOLS_AT_ONCE])
            for start in range(0, max(len(codes), 1), REFERENCE_SCHOOLS_AT_ONCE)]


def validate_reference(codes: list[str]) -> list[Any]:
    reference = new_dataset()
    add_quads(reference, _reference_quads(codes))
    return list(getattr(validate(reference), "results", []))


def distinct_findings(results: Iterable[Any]) -> list[Any]:
    """Each finding once (the parts of the reference graph share the catalogue, so they find its faults alike)."""
    return list({r.finding: r for r in results}.values())


def load_validation() -> None:
    """Parse the shapes and load what pySHACL loads on its first run, here, before the mapping workers fork: they
    share these pages with this process instead of each parsing its own copy (25 MB less with two workers
    mapping the sister reports at once)."""
    validate(Graph())
    single_valued_properties()


@cache
def single_valued_properties() -> frozenset[str]:
    """Properties some shape allows once at most (sh:maxCount 1): where two reports can conflict."""
    from rdflib.namespace import SH

    from kg.validate import shapes_graph

    shapes = shapes_graph()
    return frozenset(str(shapes.value(shape, SH.path)) for shape, count in shapes.subject_objects(SH.maxCount)
                     if int(count) <= 1 and isinstance(shapes.value(shape, SH.path), URIRef))


def single_value_fingerprints(key: str, quads: list[Quad]) -> list[tuple[int, int]]:
    """For each node this report may share with others (its IRI does not hold the report key) and each of
    its single-valued properties: hashes of (node, property) and of the values this report gives it."""
    single = single_valued_properties()
    values: dict[tuple[str, str], set[str]] = {}
    for s, p, o, _ in quads:
        if str(p) in single and key not in str(s):
            values.setdefault((str(s), str(p)), set()).add(o.n3())
    return sorted((_digest(f"{s} {p}"), _digest("\n".join(sorted(v)))) for (s, p), v in values.items())


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


class _Mapper:
    """Maps the kept reports school by school; a school whose reports and resolution did not change since
    the last round (a quarantine elsewhere) is not mapped again."""

    def __init__(self, spool: Path, jobs: int, run_validation: bool) -> None:
        self.chunks = spool / "chunks"
        self.chunks.mkdir()
        self.jobs = jobs
        self.validate = run_validation
        self._done: dict[tuple[tuple[str, ...], tuple[Any, ...]], list[Mapped]] = {}  # (reports, resolution seen)

    def map(self, reports: list[Extracted], side: Sequence[Callable[[], R]] = ()) -> tuple[list[Mapped], list[R]]:
        """The reports mapped, and the results of ``side`` (other work: the reference graph's validation) run in
        the same workers, started first as its parts are the longest — never more than ``jobs`` processes at
        work, whatever the size of the corpus (a process of its own beside the workers made the build's peak)."""
        global _RESOLUTION
        resolution = in_own_process(Resolution.plan, reports) if self.jobs > 1 else Resolution.plan(reports)
        schools: dict[str, list[Extracted]] = {}
        for report in reports:
            schools.setdefault(report.summary.meta.school_code, []).append(report)
        groups = {(tuple(r.summary.key for r in members),
                   resolution.as_seen_by(ref for r in members for ref in r.entities()[1])):
                  members for _, members in sorted(schools.items())}
        todo = [group for group in groups if group not in self._done]
        _RESOLUTION = resolution  # the forked workers read it
        tasks = [SchoolTask(tuple(r.spool for r in groups[group]), self.chunks, self.validate) for group in todo]
        work = [Work(math.inf, part) for part in side] + [Work(task.size(), partial(map_school, task)) for task in tasks]
        if self.validate and self.jobs > 1:
            load_validation()
        done = parallel_map_largest_first(Work.run, work, self.jobs, lambda piece: piece.size)
        self._done.update(zip(todo, done[len(side):], strict=True))
        by_key = {m.key: m for group in groups for m in self._done[group]}
        return [by_key[r.summary.key] for r in reports], done[:len(side)]


def map_and_quarantine(result: BuildResult, reports: list[Extracted], mapper: _Mapper, force: bool) -> list[Mapped]:
    """Map the reports; unless forced, quarantine the ones that violate a shape on their own, then the ones
    that conflict with one another, and map the rest again — until nothing more is quarantined."""
    kept = reports
    while True:
        codes = sorted({r.summary.meta.school_code for r in kept})
        if mapper.validate:
            mapped, parts = mapper.map(kept, reference_validation_parts(codes))
            reference = distinct_findings(result for part in parts for result in part)
            touched = {node for m in mapped for node in m.touches}  # judged with the reports that state them
            reference = [r for r in reference if r.focus not in touched]
            result.validation = combined_validation([*reference, *(r for m in mapped for r in m.results)])
        else:
            mapped, _ = mapper.map(kept)
        if force or not mapper.validate:
            return mapped
        found = own_quarantines(kept, mapped) or conflict_quarantines(kept, mapped)
        if not found:
            return mapped
        result.quarantined.extend(found)
        left_out = {q.key for q in found}
        kept = [r for r in kept if r.summary.key not in left_out]
        result.documents = [r.summary for r in kept]
        if not kept:
            return []


def combined_validation(results: Iterable[Any]) -> Any:
    """One validation report of the per-report and reference results (each finding once)."""
    from kg.validate import ValidationReport

    found = {r.finding: r for r in results}
    results = sorted(found.values(), key=lambda r: (r.severity != "Violation", r.shape, r.focus, r.path, r.message))
    violations = sum(r.severity == "Violation" for r in results)
    warnings = sum(r.severity == "Warning" for r in results)
    return ValidationReport(conforms=violations == 0, violations=violations, warnings=warnings, results=results)


def own_quarantines(reports: list[Extracted], mapped: list[Mapped]) -> list[QuarantinedReport]:
    """The reports that violate a shape on their own, each with its violations."""
    found = []
    for report, graph in zip(reports, mapped, strict=True):
        violations = [r for r in graph.results if r.severity == "Violation"]
        if violations:
            found.append(QuarantinedReport(report.summary, violations))
    return found


def conflict_quarantines(reports: list[Extracted], mapped: list[Mapped]) -> list[QuarantinedReport]:
    """Reports that give one node's single-valued property different values: each set of such reports is
    validated together (only those reports, with their reference data) and pinned by :func:`reports_to_quarantine`."""
    found: list[QuarantinedReport] = []
    # in a process of its own: the comparison's tables of ints stayed, fragmented, in the build's process
    # (26 MB at 500 reports) through the store's load and the precompute
    for members in in_own_process(conflicting_groups, mapped):
        union = new_dataset()
        for index in members:
            union.parse(data=chunk_trig(mapped[index]), format="trig")
        add_quads(union, _reference_quads(sorted({reports[i].summary.meta.school_code for i in members})))
        summaries = [reports[i].summary for i in members]
        found.extend(reports_to_quarantine(union, summaries, violation_results(validate(union))))
    return sorted(found, key=lambda q: q.key)


FINGERPRINT_PASSES = 8  # the fingerprints are compared an eighth of the (node, property) table at a time


def conflicting_groups(mapped: list[Mapped]) -> list[list[int]]:
    """Sets of reports (indexes) linked by a node and single-valued property to which they give different values.

    The fingerprints are read from disk in :data:`FINGERPRINT_PASSES` passes, each comparing the (node, property)
    pairs whose hash falls in its share: the table held at once is a fraction of the corpus's."""
    parent = list(range(len(mapped)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for share in range(FINGERPRINT_PASSES):
        first: dict[int, tuple[int, int]] = {}
        for index, graph in enumerate(mapped):
            for node_property, values in graph.fingerprints():
                if node_property % FINGERPRINT_PASSES != share:
                    continue
                seen_values, seen_in = first.setdefault(node_property, (values, index))
                if seen_values != values:
                    a, b = sorted((root(index), root(seen_in)))
                    parent[b] = a
    groups: dict[int, list[int]] = {}
    for index in range(len(mapped)):
        groups.setdefault(root(index), []).append(index)
    return [members for members in groups.values() if len(members) > 1]


def _prefix_lines() -> str:
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in sorted(PREFIXES.items()))


def chunk_trig(mapped: Mapped) -> str:
    """One report's chunk as a TriG document."""
    return _prefix_lines() + b"".join(graph_block(_term(graph_iri(mapped.key)), mapped.chunk.read_bytes())).decode("utf-8")


def prepare_outputs(mapped: list[Mapped], reports: list[Any], out_dir: Path, work: Path) -> PendingOutputs:
    """The reference graph's chunk of the kept schools and ``kg.trig`` (in ``work``) from the chunks."""
    reference = work / "reference.lines"
    reference_count = in_own_process(write_reference_chunk, sorted({r.meta.school_code for r in reports}), reference)
    graphs = sorted([(_term(graph_iri(m.key)), m.chunk) for m in mapped] + [(_term(REFERENCE_GRAPH), reference)])
    trig = work / TRIG_NAME
    with trig.open("wb") as out:
        out.write(_prefix_lines().encode("utf-8"))
        for name, chunk in graphs:
            out.write(b"\n")
            out.writelines(graph_block(name, chunk.read_bytes()))
        out.flush()
        os.fsync(out.fileno())
    return PendingOutputs(Path(out_dir), work, graphs, trig, sum(m.quads for m in mapped) + reference_count,
                          _prefix_lines().encode("utf-8"))


def write_reference_chunk(codes: list[str], path: Path) -> int:
    """The reference graph of these schools as a sorted chunk at ``path`` (run in a process of its own: its
    catalogue as Python strings is tens of megabytes); returns its triple count."""
    return write_chunk(path, _reference_quads(codes))


# --- quarantine -----------------------------------------------------------------------------------
def violation_results(report: Any) -> list[Any]:
    """The Violation results of a validation report (none when it does not list its results)."""
    return [r for r in getattr(report, "results", []) if r.severity == "Violation"]


def reports_to_quarantine(dataset: Dataset, documents: list[Document], violations: list[Any]) -> list[QuarantinedReport]:
    """The reports to leave out for ``violations`` of ``dataset``, each with the violations it is left out for.

    A violation is pinned on the reports involved in it (their graphs state something about its
    focus node) that give it on their own; when none does, on every report involved, as a conflict.
    """
    involved = [reports_involved(dataset, documents, v) for v in violations]
    suspects = {doc.key: doc for docs in involved for doc in docs}
    own = {key: violations_on_its_own(dataset, doc) for key, doc in sorted(suspects.items())}
    pinned: dict[str, QuarantinedReport] = {}
    for violation, docs in zip(violations, involved, strict=True):
        causes = [doc for doc in docs if violation.finding in own[doc.key]]
        for doc in causes:
            _pin(pinned, doc, violation)
        for doc in docs if not causes else ():
            _pin(pinned, doc, violation, together_with=[d.key for d in docs if d.key != doc.key])
    return sorted(pinned.values(), key=lambda q: q.key)


def _pin(pinned: dict[str, QuarantinedReport], doc: Document, violation: Any, together_with: Sequence[str] = ()) -> None:
    entry = pinned.setdefault(doc.key, QuarantinedReport(doc, []))
    entry.violations.append(violation)
    entry.conflicts_with.extend(key for key in together_with if key not in entry.conflicts_with)


def reports_involved(dataset: Dataset, documents: list[Document], violation: Any) -> list[Document]:
    """The reports whose named graph states something about the violation's focus node."""
    focus = URIRef(violation.focus)
    involved = []
    for doc in documents:
        graph = dataset.graph(graph_iri(doc.key))
        if (focus, None, None) in graph or (None, None, focus) in graph:
            involved.append(doc)
    return involved


def violations_on_its_own(dataset: Dataset, doc: Document) -> set[tuple[str, ...]]:
    """The Violations (as findings) of one report's named graph validated with the reference graph
    a build of that report alone would carry."""
    return {r.finding for r in violation_results(validate(report_on_its_own(dataset, doc)))}


def report_on_its_own(dataset: Dataset, doc: Document) -> Dataset:
    """One report's named graph, copied from ``dataset``, plus the reference graph for its school."""
    graph = graph_iri(doc.key)
    alone = new_dataset()
    add_quads(alone, ((s, p, o, graph) for s, p, o in dataset.graph(graph)))
    add_quads(alone, _reference_quads([doc.meta.school_code]))
    return alone


# --- deterministic TriG ---------------------------------------------------------------------------
def write_trig_atomically(dataset: Dataset, path: Path) -> Path:
    """Write ``dataset`` as TriG to ``path`` via a temporary file and a rename.

    Quads are sorted, so the same input gives byte-identical output; an interruption leaves
    any earlier file untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for chunk in trig_lines(dataset):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path


def trig_lines(dataset: Dataset) -> Iterator[str]:
    """The dataset as TriG text: prefixes, default-graph triples, then each named graph, all sorted."""
    for prefix, namespace in sorted(PREFIXES.items()):
        yield f"@prefix {prefix}: <{namespace}> .\n"
    graphs: dict[str, list[str]] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = "" if g is None or g == DATASET_DEFAULT_GRAPH_ID else _term(g)
        graphs.setdefault(name, []).append(f"{_term(s)} {_term(p)} {_term(o)} .")
    for name in sorted(graphs):
        statements = sorted(set(graphs[name]))
        if name:
            yield f"\n{name} {{\n"
            yield from (f"  {line}\n" for line in statements)
            yield "}\n"
        else:
            yield "\n"
            yield from (f"{line}\n" for line in statements)


_PREFIXED = sorted(((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def _term(term: Term) -> str:
    if isinstance(term, URIRef):
        value = str(term)
        for namespace, prefix in _PREFIXED:
            local = value[len(namespace):]
            if value.startswith(namespace) and local and local.replace("_", "a").isalnum() and local.isascii():
                return f"{prefix}:{local}"
        return term.n3()
    if isinstance(term, Literal) and term.datatype is not None:
        lexical = Literal(str(term)).n3()
        return f"{lexical}^^{_term(term.datatype)}"
    return term.n3()
