"""The build: report files -> documents -> facts -> resolved facts -> one RDF dataset -> TriG.

``build_dataset`` never raises for a bad report: the file is listed in
:attr:`BuildResult.bad_files` with the reason and the other files still load. ``build_graph``
adds the decisions around writing: ``build/kg.trig`` is replaced (atomically, deterministic
bytes) only when at least one report loaded and validation found no Violation (unless forced);
otherwise the existing file is left untouched.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node as Term

from kg.build import add_quads, new_dataset, report_quads
from kg.ids import iri
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
class BuildResult:
    documents: list[Document]
    bad_files: list[BadFile]
    dataset: Dataset
    validation: Any = None  # kg.validate.ValidationReport when validation ran
    written: Path | None = None  # the TriG file written, None when nothing was written
    refused: str | None = None  # why the graph was not written
    facts: list[Facts] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return len(self.dataset)

    @property
    def violations(self) -> int:
        return getattr(self.validation, "violations", 0) if self.validation is not None else 0


def report_files(directory: Path) -> list[Path]:
    """The report files of a folder: every ``*.txt``, in name order."""
    return sorted(p for p in directory.glob("*.txt"))


def build_dataset(paths: Iterable[Path], *, progress: Progress | None = None, strict: bool = False) -> BuildResult:
    """Load every report (bad files are collected, not raised) and build the dataset."""
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
    facts = resolve([extract_facts(doc, strict=strict) for doc in documents])
    ds = new_dataset()
    for doc, report_facts in zip(documents, facts, strict=True):
        add_quads(ds, report_quads(report_facts, report_triples(doc)))
    add_quads(ds, _reference_quads(sorted({doc.meta.school_code for doc in documents})))
    return BuildResult(documents, bad, ds, facts=facts)


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
    """Build, validate and (when allowed) atomically replace ``out_dir/kg.trig``."""
    result = build_dataset(paths, progress=progress)
    if not result.documents:
        result.refused = "no report could be loaded"
        return result
    if run_validation:
        result.validation = validate(result.dataset)
    if result.violations and not force:
        result.refused = f"validation found {result.violations} violation(s) (use --force to write anyway)"
        return result
    result.written = write_trig_atomically(result.dataset, Path(out_dir) / TRIG_NAME)
    return result


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
