"""The build: report files -> documents -> facts -> resolved facts -> one RDF dataset -> TriG.

``build_dataset`` never raises for a bad report: the file is listed in
:attr:`BuildResult.bad_files` with the reason and the other files still load. ``build_graph``
adds the decisions around writing: ``build/kg.trig`` is replaced (atomically, deterministic
bytes) only when at least one report loaded and the graph to write has no Violation (unless
forced); otherwise the existing file is left untouched.

One odd report never blocks the corpus: when the graph has Violations, each report they concern
is validated on its own — its named graph plus the reference graph a build of that report alone
would carry (catalogue, levels, sources, its school) — and a report that reproduces a Violation
there is *quarantined*: left out, named with its violations in :attr:`BuildResult.quarantined`.
A Violation no single report gives but several give together (two reports stating different
values where the shapes allow one) quarantines each of them, each naming the others. The kept
reports are then built again from their extracted facts, exactly as if the quarantined files had
not been there, and validated again, until the graph conforms. A Violation no report is involved
in (reference data) cannot be quarantined: the graph is then refused as before.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node as Term

from kg.audit import audit, audit_quads
from kg.build import add_quads, new_dataset, report_quads
from kg.ids import graph_iri, iri
from kg.namespaces import PREFIXES, RDF, RDFS, SG, XSD
from loaders.document import Document, ReportError, load_document
from loaders.extract import extract_facts
from loaders.facts import Facts
from loaders.resolve import resolve

Progress = Callable[[Path, str], None]  # (file, "loaded" | "bad: reason")
TRIG_NAME = "kg.trig"


@dataclass(slots=True)
class BadFile:
    file: str
    reason: str


@dataclass(slots=True)
class QuarantinedReport:
    """A report left out of the graph because of its Violations (kg.validate.ValidationResult):
    its own, or — when ``conflicts_with`` names other reports — ones it gives only together with them."""

    document: Document
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
    documents: list[Document]  # the reports in the graph (quarantined ones are moved out)
    bad_files: list[BadFile]
    dataset: Dataset
    validation: Any = None  # kg.validate.ValidationReport of the dataset when validation ran
    written: Path | None = None  # the TriG file written, None when nothing was written
    refused: str | None = None  # why the graph was not written
    facts: list[Facts] = field(default_factory=list)  # per document, resolved
    extracted: list[Facts] = field(default_factory=list)  # per document, as extracted (before resolution)
    quarantined: list[QuarantinedReport] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return len(self.dataset)

    @property
    def skipped(self) -> dict[str, list[str]]:
        """File → the sentences, rows or recognisers extraction skipped because a recogniser raised."""
        return {doc.file_name: facts.failures for doc, facts in zip(self.documents, self.extracted, strict=False)
                if facts.failures}

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
    for doc, report_facts in zip(documents, facts, strict=True):
        add_quads(ds, report_quads(report_facts, report_triples(doc)))
    add_quads(ds, audit_quads(audit(documents, extracted)))  # sg:Inconsistency findings, in each report's graph
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
        yield report, SG.datePrinted, Literal(meta.date)
    yield report, SG.describes, iri("School", meta.school_code)


def validate(ds: Dataset) -> Any:
    """``kg.validate.validate_dataset(ds)`` when that module is there, else None."""
    try:
        validator = importlib.import_module("kg.validate")
    except ImportError:
        return None
    validate_dataset = getattr(validator, "validate_dataset", None)
    return validate_dataset(ds) if validate_dataset else None


def build_graph(paths: Iterable[Path], out_dir: Path, *, force: bool = False, progress: Progress | None = None,
                run_validation: bool = True) -> BuildResult:
    """Build, validate, quarantine the reports that violate a shape (unless forced) and, when
    allowed, atomically replace ``out_dir/kg.trig`` with the rest."""
    result = build_dataset(paths, progress=progress)
    if not result.documents:
        result.refused = "no report could be loaded"
        return result
    if run_validation:
        result.validation = validate(result.dataset)
        if result.violations and not force:
            quarantine_violating_reports(result)
    result.refused = _refusal(result, force)
    if result.refused is None:
        result.written = write_trig_atomically(result.dataset, Path(out_dir) / TRIG_NAME)
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


# --- quarantine -----------------------------------------------------------------------------------
def quarantine_violating_reports(result: BuildResult) -> None:
    """Move every report a Violation of ``result.validation`` can be pinned on out of ``result``
    (into ``result.quarantined``), rebuild the dataset from the rest and validate it again — until
    it conforms or no Violation left can be pinned on a report (see the module docstring)."""
    while result.violations and result.documents:
        found = reports_to_quarantine(result.dataset, result.documents, violation_results(result.validation))
        if not found:
            return
        leave_out(result, {q.key for q in found})
        result.quarantined.extend(found)
        result.validation = validate(result.dataset)


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


def leave_out(result: BuildResult, keys: set[str]) -> None:
    """Drop the reports with these keys from ``result`` and rebuild its dataset from the others'
    extracted facts (resolution included, so the graph is the one those files alone would give)."""
    kept = [i for i, doc in enumerate(result.documents) if doc.key not in keys]
    result.documents = [result.documents[i] for i in kept]
    result.extracted = [result.extracted[i] for i in kept]
    result.dataset, result.facts = assemble(result.documents, result.extracted)


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
