"""SHACL validation of the graph: the shapes in ``shapes/*.ttl`` run by pySHACL.

The data is the union of all named graphs (report graphs + reference graph). A ``Dataset`` with
``default_union=True`` (what :func:`kg.build.new_dataset` and ``load_trig`` make) is validated in
place — pySHACL reads a multi-graph as its union — so no copy is made; anything else is first
copied into one plain ``Graph``. No ontology inference: the shapes test explicit ``rdf:type`` triples.
Measured in bench/bench_validate.py.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node as Term

from kg.namespaces import PREFIXES, RDF, RDFS

SHAPES_DIR = Path(__file__).resolve().parents[1] / "shapes"
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, slots=True)
class ValidationResult:
    focus: str  # IRI of the focus node
    label: str  # its rdfs:label (@zh preferred), or the IRI
    path: str  # property path in prefixed form, "" for a node-level constraint
    message: str
    severity: str  # "Violation" | "Warning" | "Info"
    shape: str  # the node shape (e.g. "MajorShape")
    value: str = ""  # the offending value, when there is one

    @property
    def finding(self) -> tuple[str, str, str, str, str, str]:
        """What was found, whatever graph it was found in: the same finding in a bigger graph may
        show another label for its focus node, never another focus, shape, path, message or value."""
        return self.focus, self.shape, self.path, self.message, self.severity, self.value

    def text(self) -> str:
        """One line: ``[shape] «label» <focus> path: message (value: …)``."""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"[{self.shape}] «{self.label}» <{self.focus}>{where}: {self.message}{value}"


@dataclass(slots=True)
class ValidationReport:
    conforms: bool
    violations: int
    warnings: int
    results: list[ValidationResult] = field(default_factory=list)

    def counts_by_shape(self) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = {}
        for result in self.results:
            counts.setdefault(result.shape, Counter())[result.severity] += 1
        return dict(sorted(counts.items()))

    def text(self, limit: int | None = 50) -> str:
        """A readable report: totals, counts by shape, then the results (``limit`` per severity)."""
        verdict = "conforms" if self.conforms else "DOES NOT CONFORM"
        lines = [f"SHACL validation: {verdict} — {self.violations} violation(s), {self.warnings} warning(s)"]
        counts = self.counts_by_shape()
        if counts:
            width = max(len(shape) for shape in counts)
            lines += ["", f"{'shape':<{width}}  violations  warnings"]
            lines += [f"{shape:<{width}}  {c['Violation']:>10}  {c['Warning']:>8}" for shape, c in counts.items()]
        for severity in ("Violation", "Warning", "Info"):
            chosen = [r for r in self.results if r.severity == severity]
            if not chosen:
                continue
            lines += ["", f"{severity}s:"]
            shown = chosen if limit is None else chosen[:limit]
            lines += [f"  {r.text()}" for r in shown]
            if len(shown) < len(chosen):
                lines.append(f"  … and {len(chosen) - len(shown)} more {severity.lower()}(s)")
        return "\n".join(lines)


@cache
def shapes_graph(directory: Path = SHAPES_DIR) -> Graph:
    """All shape files of ``directory``, parsed once per process."""
    graph = Graph()
    for path in sorted(directory.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def union_graph(ds: Dataset | Graph) -> Graph:
    """All triples of every graph of ``ds`` (or ``ds`` itself if it is a plain graph) in one Graph."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    if isinstance(ds, Dataset):
        for s, p, o, _ in ds.quads((None, None, None, None)):
            graph.add((s, p, o))
    else:
        for triple in ds:
            graph.add(triple)
    return graph


def validate_dataset(ds: Dataset | Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate the union of all graphs in ``ds`` against the shapes (default: ``shapes/*.ttl``)."""
    if type(ds) is Graph:  # a plain graph is validated as it is (a copy of the build's graphs costs seconds)
        data = ds
        for prefix, namespace in PREFIXES.items():
            data.bind(prefix, namespace)
    else:
        data = ds if isinstance(ds, Dataset) and ds.default_union else union_graph(ds)
    shapes = shapes if shapes is not None else shapes_graph()
    _, results_graph, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True,
        allow_infos=True, inplace=True, advanced=False, meta_shacl=False, debug=False,
    )
    results = sorted(_results(results_graph, data, shapes),
                     key=lambda r: (r.severity != "Violation", r.shape, r.focus, r.path, r.message))
    violations = sum(r.severity == "Violation" for r in results)
    warnings = sum(r.severity == "Warning" for r in results)
    return ValidationReport(conforms=violations == 0, violations=violations, warnings=warnings, results=results)


def _results(report: Graph, data: Graph, shapes: Graph) -> list[ValidationResult]:
    owners = _shape_owners(shapes)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        source = report.value(result, SH.sourceShape)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        out.append(ValidationResult(
            focus=str(focus),
            label=_label(data, focus),
            path=_path_text(path, report, shapes),
            message=_message(report, shapes, result, source),
            severity=SEVERITIES.get(report.value(result, SH.resultSeverity), "Violation"),
            shape=_owner_name(owners, shapes, data, source, focus),
            value=_short(value) if value is not None and value != focus else "",
        ))
    return out


def _short(term: Term) -> str:
    text = str(term)
    return text if len(text) <= 60 else text[:57] + "…"


def _label(data: Graph, node: Term | None) -> str:
    if node is None:
        return "?"
    labels = list(data.objects(node, RDFS.label))
    for lang in ("zh", "en"):
        for label in labels:
            if isinstance(label, Literal) and (label.language or "").startswith(lang):
                return str(label)
    return str(labels[0]) if labels else str(node)


def _message(report: Graph, shapes: Graph, result: Term, source: Term | None) -> str:
    message = report.value(result, SH.resultMessage)
    if message is None and source is not None:
        message = shapes.value(source, SH.message)
    return str(message) if message is not None else "constraint not satisfied"


def _path_text(path: Term | None, *graphs: Graph) -> str:
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return graphs[0].namespace_manager.normalizeUri(path) if graphs else str(path)
    for graph in graphs:
        inverse = graph.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _path_text(inverse, *graphs)
    return str(path)


def _shape_owners(shapes: Graph) -> dict[Term, list[Term]]:
    """Property shape -> the node shapes that use it."""
    owners: dict[Term, list[Term]] = {}
    for node_shape, prop_shape in shapes.subject_objects(SH.property):
        owners.setdefault(prop_shape, []).append(node_shape)
    return owners


def _owner_name(owners: dict[Term, list[Term]], shapes: Graph, data: Graph, source: Term | None,
                focus: Term | None) -> str:
    candidates = owners.get(source, [source]) if source is not None else []
    if len(candidates) > 1 and focus is not None:
        types = set(data.objects(focus, RDF.type))
        matching = [c for c in candidates if set(shapes.objects(c, SH.targetClass)) & types]
        candidates = matching or candidates
    if not candidates or candidates[0] is None:
        return "?"
    chosen = sorted(candidates, key=str)[0]
    return str(chosen).rsplit("#", 1)[-1] if isinstance(chosen, URIRef) else str(chosen)


# ---------------------------------------------------------------- reading the graph file

class GraphFileError(ValueError):
    """A graph file that cannot be read as TriG: names the file, the line (when known) and what is wrong."""

    def __init__(self, path: Path, reason: str, line: int | None = None, column: int | None = None,
                 near: str = "") -> None:
        where = f"{path}:{line}" + (f":{column}" if column else "") if line else str(path)
        super().__init__(f"{where}: {reason}" + (f" — near {near!r}" if near else ""))
        self.path, self.reason, self.line, self.column = path, reason, line, column


def read_graph_file(path: Path) -> Dataset:
    """The graph of a TriG file (all its named graphs, read as their union), or :class:`GraphFileError`."""
    text = _decoded_text(path, _file_bytes(path))
    dataset = Dataset(default_union=True)
    try:
        dataset.parse(data=text, format="trig", publicID=path.resolve().as_uri())
    except BadSyntax as exc:
        line, column = _position(exc._str.decode("utf-8", "replace")[:exc._i])  # _i counts characters
        raise GraphFileError(path, f"not a readable TriG file: {exc._why}" + _truncation_hint(text), line, column,
                             _line_text(text, line)) from None
    except Exception as exc:  # the parser's own failures (IndexError…) when the file stops mid-statement
        line = text.count("\n") + 1
        reason = ("not a readable TriG file: it ends in the middle of a statement, so it looks truncated" if _truncation_hint(text)
                  else f"not a readable TriG file: the parser failed ({type(exc).__name__}: {exc})")
        raise GraphFileError(path, reason, line, None, _line_text(text, line) or _last_text(text)) from None
    return dataset


def _file_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise GraphFileError(path, "no such graph file (run `sgkg build` first)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GraphFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise GraphFileError(path, "the file is empty")
    return data


def _decoded_text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data[:exc.start].decode("utf-8", "replace"))
        truncated = exc.reason == "unexpected end of data" and exc.end == len(data)
        reason = ("not a readable TriG file: it ends in the middle of a UTF-8 character, so it looks truncated" if truncated
                  else f"not a readable TriG file: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        raise GraphFileError(path, reason, line, column) from None


def _position(before: str) -> tuple[int, int]:
    """1-based line and column just after ``before``."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _line_text(text: str, line: int | None) -> str:
    lines = text.split("\n")
    return lines[line - 1].strip()[:80] if line and 0 < line <= len(lines) else ""


def _last_text(text: str) -> str:
    return text.rstrip().rsplit("\n", 1)[-1].strip()[-80:]


def _truncation_hint(text: str) -> str:
    """A note when the text does not end as a TriG document ends (``}`` or ``.``): the usual sign of a cut file."""
    body = "\n".join(line for line in text.rstrip().split("\n") if not line.lstrip().startswith("#")).rstrip()
    return "" if body.endswith(("}", ".")) else " (the file does not end with '}' or '.': it looks truncated)"
