"""``sgkg ingest FILE`` and ``sgkg remove REPORT``: change one report's graph in a built graph — the
on-disk store of a build (``build/store``, the default when there is one: a running ``sgkg serve``
answers from the new graph without a restart) or a TriG file.

Each report lives in its own named graph, and every node a report states is written inside that
graph (nodes are duplicated per graph, not shared), so

- **ingest** = read the TriG, drop the graphs of the same report (same key, or same file name
  when the file changed so much that its key changed), extract the new file, resolve its entities
  against the entities already in the graph (read back from the TriG — the other report files are
  not read again), add its graph, refresh the reference graph for the schools now present,
  validate, and write atomically. An unchanged file (same sha256 as the graph already holds) is a
  no-op and the file is not rewritten.
- **remove** = drop the report's graph (by report key or file name) and refresh the reference
  graph; nodes only that report supported disappear with it.

On the store, the report's graph and the reference graph are replaced in a new store generation
(a checkpoint of the current one) that is switched in atomically; only the report nodes and the
organisations resolution compares are read from it. The new report is validated on its own with
its school's reference data, as the build validates each report. ``kg.trig`` stays the export of
the last build. Merges other reports made are not revisited (resolution runs for the new report).

A bad file, an unknown report or a refused validation leaves the TriG byte-for-byte untouched,
and the store as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rdflib import Dataset, Literal, URIRef

from kg.build import add_quads, new_dataset, report_quads
from kg.commands.answers import PrecomputeOption, chosen
from kg.ids import KIND_SLUGS
from kg.namespaces import GRAPH, ID, RDF, RDFS, REFERENCE_GRAPH, SG, SKOS
from kg.pipeline import report_triples, validate, validate_alone, violation_results, write_trig_atomically
from kg.reference import reference_quads
from kg.sentences import with_sentences
from kg.store import DiskOxigraphStore, Prepare, StoreError, change_disk_store
from kg.vocab import notations
from loaders.document import Document, ReportError, load_document
from loaders.extract import extract_facts
from loaders.facts import Facts, Node
from loaders.resolve import SPELLING_KINDS, resolve

DEFAULT_GRAPH = Path("build/kg.trig")
DEFAULT_STORE = Path("build/store")
SHOWN_VIOLATIONS = 5  # violations named when an ingest is refused
# Kinds that are bookkeeping, not entities resolution could merge with.
_NOT_ENTITIES = {"Report", "Evidence", "Statement", "CatalogMajor"}
_KIND_OF_SLUG = {slug: kind for kind, slug in KIND_SLUGS.items()}


class IngestError(Exception):
    """An ingest or removal that cannot go ahead; the message says why (exit code 2)."""


@dataclass(frozen=True, slots=True)
class ReportGraph:
    graph: URIRef
    key: str
    file_name: str
    sha256: str
    school_code: str


@dataclass(frozen=True, slots=True)
class Outcome:
    status: str  # "added" | "replaced" | "unchanged" | "removed" | "refused"
    key: str
    message: str


# --- reading the built graph -------------------------------------------------------------------


def read_dataset(path: Path) -> Dataset:
    """The TriG at ``path`` (an empty dataset when there is none yet)."""
    ds = new_dataset()
    if path.exists():
        try:
            ds.parse(path, format="trig")
        except Exception as exc:  # rdflib raises several parser exception types
            raise IngestError(f"{path}: not a readable TriG file ({exc})") from None
    return ds


def report_graphs(ds: Dataset) -> list[ReportGraph]:
    """Every report graph in ``ds`` with the report's key, file name, hash and school."""
    found: list[ReportGraph] = []
    for report, _, _, graph in ds.quads((None, RDF.type, SG.Report, None)):
        if graph is None:
            continue
        g = ds.graph(graph)
        school = g.value(report, SG.describes)
        found.append(ReportGraph(
            URIRef(str(graph)), str(report).rsplit("/", 1)[-1], str(g.value(report, SG.fileName) or ""),
            str(g.value(report, SG.sha256) or ""), str(school).rsplit("/", 1)[-1] if school else "",
        ))
    return sorted(found, key=lambda r: r.key)


def find_reports(reports: list[ReportGraph], ref: str) -> list[ReportGraph]:
    """Report graphs named by ``ref``: a report key, a file name, or a path to the file."""
    name = Path(ref).name
    return [r for r in reports if ref in (r.key, str(r.graph)) or name == r.file_name]


def _unknown_report(ref: str, where: Path, reports: list[ReportGraph]) -> IngestError:
    known = ", ".join(f"{r.key} ({r.file_name})" for r in reports) or "none"
    return IngestError(f"no report {ref!r} in {where}; reports there: {known}")


def _unchanged(file: Path, reports: list[ReportGraph]) -> Outcome | None:
    """The outcome when ``file`` is already in the graph as it is (same SHA-256), else None."""
    sha = file_sha256(file)
    same = [r for r in reports if r.sha256 == sha]
    if not same:
        return None
    return Outcome("unchanged", same[0].key, f"{file.name} is unchanged (report {same[0].key}); nothing to do")


def _load_replacing(file: Path, reports: list[ReportGraph]) -> tuple[Document, list[ReportGraph], list[ReportGraph]]:
    """``file``'s document, the report graphs it replaces (same report or same file) and the others."""
    try:
        doc = load_document(file)
    except ReportError as err:
        raise IngestError(str(err)) from None
    previous = [r for r in reports if r.key == doc.key or r.file_name == doc.file_name]
    return doc, previous, [r for r in reports if r not in previous]


def entity_key(subject: str, kind: str) -> str | None:
    """The key of an entity IRI of this kind (``id/{slug}/{key}``), None for bookkeeping nodes and others."""
    path = subject.removeprefix(str(ID))
    if kind in _NOT_ENTITIES or kind not in KIND_SLUGS or "/" not in path:
        return None
    slug, key = path.split("/", 1)
    return key if _KIND_OF_SLUG.get(slug) == kind else None


def entity_stubs(ds: Dataset, report: ReportGraph) -> Facts:
    """The entities one report graph holds (kind, key, labels): what resolution needs of it."""
    g = ds.graph(report.graph)
    facts = Facts(report.key)
    for subject, _, cls in g.triples((None, RDF.type, None)):
        kind = str(cls).removeprefix(str(SG))
        key = entity_key(str(subject), kind)
        if key is None:
            continue
        labels = [o for o in g.objects(subject, RDFS.label) if isinstance(o, Literal) and o.language == "zh"]
        if not labels:
            continue
        node = Node(kind, key, str(min(labels)))
        node.alt_labels = {str(o) for o in g.objects(subject, SKOS.altLabel)}
        facts.node(node)
    return facts


# --- changing it --------------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def refresh_reference(ds: Dataset) -> None:
    """Replace the reference graph with the one for the schools the report graphs describe."""
    ds.remove_graph(ds.graph(REFERENCE_GRAPH))
    codes = sorted({r.school_code for r in report_graphs(ds) if r.school_code})
    add_quads(ds, reference_quads(codes))


def drop_graphs(ds: Dataset, reports: list[ReportGraph]) -> None:
    for report in reports:
        ds.remove_graph(ds.graph(report.graph))


def ingest(file: Path, trig: Path, *, force: bool = False) -> Outcome:
    """Add or replace ``file``'s report graph in ``trig`` (see the module docstring)."""
    file = Path(file)
    if not file.is_file():
        raise IngestError(f"{file}: no such file")
    ds = read_dataset(trig)
    if (unchanged := _unchanged(file, report_graphs(ds))) is not None:
        return unchanged
    doc, previous, others = _load_replacing(file, report_graphs(ds))
    facts = resolve([*(entity_stubs(ds, r) for r in others), extract_facts(doc)])[-1]
    drop_graphs(ds, previous)
    add_quads(ds, with_sentences([doc], report_quads(facts, report_triples(doc))))
    refresh_reference(ds)
    status = "replaced" if previous else "added"
    report = validate(ds)
    violations = getattr(report, "violations", 0) if report is not None else 0
    if violations and not force:
        named = "".join(f"\n  {v.text()}" for v in violation_results(report)[:SHOWN_VIOLATIONS])
        return Outcome("refused", doc.key, f"validation found {violations} violation(s); {trig} left untouched "
                                           f"(use --force to write anyway){named}")
    write_trig_atomically(ds, trig)
    graph_size = len(ds.graph(GRAPH[doc.key]))
    return Outcome(status, doc.key, f"{status} report {doc.key} ({file.name}, {graph_size} triples) in {trig}")


def remove(ref: str, trig: Path) -> Outcome:
    """Drop the graph of the report named by ``ref`` (key or file name) from ``trig``."""
    if not Path(trig).exists():
        raise IngestError(f"{trig}: no such graph file")
    ds = read_dataset(trig)
    reports = find_reports(report_graphs(ds), ref)
    if not reports:
        raise _unknown_report(ref, trig, report_graphs(ds))
    drop_graphs(ds, reports)
    refresh_reference(ds)
    write_trig_atomically(ds, trig)
    keys = ", ".join(r.key for r in reports)
    return Outcome("removed", keys, f"removed report {keys} from {trig}")


# --- the on-disk store of a build (build/store) ----------------------------------------------------
#
# The same changes, made on the store a server reads: a new store generation (a cheap checkpoint of
# the current one) with the report's graph and the reference graph replaced, switched in atomically;
# a running `sgkg serve` follows it without a restart. Nothing else of the store is read but the report
# nodes and the organisations resolution compares, so the cost does not grow with the corpus.

_REPORTS = f"""SELECT ?g ?r ?file ?sha ?school WHERE {{ GRAPH ?g {{
  ?r a <{SG.Report}> ; <{SG.fileName}> ?file ; <{SG.sha256}> ?sha . OPTIONAL {{ ?r <{SG.describes}> ?school }} }} }}"""
_CANDIDATES = f"""SELECT ?g ?s ?type ?label ?alt ?kind WHERE {{
  VALUES ?type {{ {" ".join(f"<{SG[kind]}>" for kind in sorted(SPELLING_KINDS))} }}
  GRAPH ?g {{ ?s a ?type ; <{RDFS.label}> ?label FILTER(lang(?label) = "zh")
             OPTIONAL {{ ?s <{SKOS.altLabel}> ?alt }} OPTIONAL {{ ?s <{SG.orgKind}> ?kind }} }} }}"""
_ALL_ROWS = 1 << 40


def store_report_graphs(store: DiskOxigraphStore) -> list[ReportGraph]:
    """Every report graph of the store with the report's key, file name, hash and school."""
    rows = store.query(_REPORTS, max_rows=_ALL_ROWS).bindings()
    return sorted((ReportGraph(URIRef(row["g"]), str(row["r"]).rsplit("/", 1)[-1], str(row["file"]), str(row["sha"]),
                               str(row["school"]).rsplit("/", 1)[-1] if "school" in row else "") for row in rows),
                  key=lambda r: r.key)


def store_candidates(store: DiskOxigraphStore, reports: list[ReportGraph]) -> list[Facts]:
    """Per report graph, the organisations and industry colleges it holds, as resolution compares them."""
    nodes: dict[tuple[str, str], Node] = {}
    for row in store.query(_CANDIDATES, max_rows=_ALL_ROWS).bindings():
        kind = str(row["type"]).removeprefix(str(SG))
        key = entity_key(str(row["s"]), kind)
        if key is None:
            continue
        node = nodes.setdefault((str(row["g"]), str(row["s"])), Node(kind, key, str(row["label"])))
        node.label = min(node.label, str(row["label"]))
        node.alt_labels |= {str(row["alt"])} if "alt" in row else set()
        if "kind" in row:  # the partner-kind concept, compared by its code as the recognisers emit it
            node.add("orgKind", notations().get(str(row["kind"]), str(row["kind"])))
    tables = {str(r.graph): Facts(r.key) for r in reports}
    for (graph, _), node in sorted(nodes.items()):
        if graph in tables:
            tables[graph].node(node)
    return list(tables.values())


def _open_store(link: Path) -> DiskOxigraphStore:
    try:
        return DiskOxigraphStore(link)
    except StoreError as exc:
        raise IngestError(str(exc)) from None


def _reference_triples(codes: Iterable[str]) -> list[tuple[Any, Any, Any]]:
    return [(s, p, o) for s, p, o, _ in reference_quads(sorted(set(codes)))]


def ingest_into_store(file: Path, link: Path, *, force: bool = False, prepare: Prepare | None = None) -> Outcome:
    """Add or replace ``file``'s report graph in the on-disk store at ``link`` (``prepare``: see change_disk_store)."""
    file = Path(file)
    if not file.is_file():
        raise IngestError(f"{file}: no such file")
    store = _open_store(link)
    reports = store_report_graphs(store)
    if (unchanged := _unchanged(file, reports)) is not None:
        return unchanged
    doc, previous, others = _load_replacing(file, reports)
    facts = resolve([*store_candidates(store, others), extract_facts(doc)])[-1]
    quads = with_sentences([doc], report_quads(facts, report_triples(doc)))
    reference = list(reference_quads([doc.meta.school_code]))
    violations = [r for r in validate_alone(doc.key, quads, reference) if r.severity == "Violation"]
    if violations and not force:
        named = "".join(f"\n  {v.text()}" for v in violations[:SHOWN_VIOLATIONS])
        return Outcome("refused", doc.key, f"validation found {len(violations)} violation(s); {link} left untouched "
                                           f"(use --force to write anyway){named}")
    changes: dict[str, Any] = {str(r.graph): None for r in previous}
    changes[str(GRAPH[doc.key])] = [(s, p, o) for s, p, o, _ in quads]
    changes[str(REFERENCE_GRAPH)] = _reference_triples([*(r.school_code for r in others), doc.meta.school_code])
    _change(link, changes, prepare)
    status = "replaced" if previous else "added"
    return Outcome(status, doc.key, f"{status} report {doc.key} ({file.name}, {len(quads)} triples) in {link}")


def remove_from_store(ref: str, link: Path, prepare: Prepare | None = None) -> Outcome:
    """Drop the graph of the report named by ``ref`` (key or file name) from the on-disk store at ``link``."""
    reports = store_report_graphs(_open_store(link))
    found = find_reports(reports, ref)
    if not found:
        raise _unknown_report(ref, link, reports)
    changes: dict[str, Any] = {str(r.graph): None for r in found}
    changes[str(REFERENCE_GRAPH)] = _reference_triples(r.school_code for r in reports if r not in found)
    _change(link, changes, prepare)
    keys = ", ".join(r.key for r in found)
    return Outcome("removed", keys, f"removed report {keys} from {link}")


def _change(link: Path, changes: dict[str, Any], prepare: Prepare | None) -> None:
    try:
        change_disk_store(link, changes, prepare)
    except StoreError as exc:
        raise IngestError(str(exc)) from None


# --- commands -----------------------------------------------------------------------------------

GraphOption = Annotated[Path | None, typer.Option("--graph", help="The built graph to change: the on-disk store of a "
                                                               "build (default build/store when there is one; a "
                                                               "running server sees the change) or a TriG file "
                                                               "(default build/kg.trig).")]


def default_graph() -> Path:
    return DEFAULT_STORE if DEFAULT_STORE.is_dir() else DEFAULT_GRAPH


def ingest_command(
    file: Annotated[Path, typer.Argument(help="A report file (UTF-8/GBK/UTF-16 text).")],
    graph: GraphOption = None,
    force: Annotated[bool, typer.Option(help="Write even when validation finds violations.")] = False,
    precompute: PrecomputeOption = True,
) -> None:
    """Add or replace one report's graph in the built graph, without re-reading the other reports."""
    graph = graph or default_graph()
    try:
        outcome = ingest_into_store(file, graph, force=force, prepare=chosen(precompute)) \
            if graph.is_dir() else ingest(file, graph, force=force)
    except IngestError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(outcome.message, err=outcome.status == "refused")
    if outcome.status == "refused":
        raise typer.Exit(1)


def remove_command(
    report: Annotated[str, typer.Argument(help="Report key (e.g. 4123012911-midterm-self-evaluation-2022) or file name.")],
    graph: GraphOption = None,
    precompute: PrecomputeOption = True,
) -> None:
    """Drop one report's graph (and every node only it supported) from the built graph."""
    graph = graph or default_graph()
    try:
        outcome = remove_from_store(report, graph, chosen(precompute)) if graph.is_dir() \
            else remove(report, graph)
    except IngestError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(outcome.message)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("remove")(remove_command)
