"""Score a built graph against the exhaustive answer keys (``tests/fixtures/keys/*.json``).

The keys were written by annotators who read every line of each report (layout and matching rules
in ``tests/fixtures/keys/README.md``, a copy of ``shared/answer-keys/README.md``). This scorer
applies those rules and nothing else; where the README is silent it says so below.

* A graph node counts for a report when one of its ``prov:wasDerivedFrom`` evidence nodes has
  ``sg:inReport`` → the report whose ``sg:fileName`` is the key's file.
* Names are compared after removing spaces, quotes, 《》“”「」· (variant 1) and, as a second
  variant, any bracketed part; an alias counts as the name. Two names of 4+ characters also match
  when one contains the other or when they are ≥ 90 % similar (edit-distance ratio). Majors match
  exactly or through the catalogue entry's preferred label; a group with or without 专业群/专业集群.
* Certifications: (scheme, major) pairs from ``sg:accreditedUnder`` stated in the report's graph;
  a key item without majors is found when a certification node of that report matches its scheme.
* Funding: each number of a key row's budget/received/spent columns is one item, found when it is a
  value of some ``sg:FundingRecord`` of that report.
* Metrics: found when one ``sg:Metric`` of that report has the same value and a label (``rdfs:label``
  or ``sg:metricName``) partially similar to the key's name (≥ 60 %).
* Achievements: found when an ``sg:Achievement`` label of that report is ≥ 80 % partially similar.
* Silent in the README, decided here: programmes are matched by the name rule against
  ``sg:Program`` nodes; overseas activities (often a descriptive phrase) by the achievement rule
  (≥ 80 % partial similarity) against programmes, partner organisations and achievements.
* Precision is measured for the entity kinds (groups, majors, secondary colleges, industry
  colleges, enterprises, other partners, certifications): a node of that class in the report that
  matches no key item of the kind (enterprises and other partners count for each other) is a
  false positive.
* ``disagreements.json`` beside the keys lists key items judged wrong, each with its reason; they
  are left out of the score. An entry marked ``"omitted": true`` names something the report states
  and the key leaves out (an exhaustive key's own miss): a node of that name is no false positive.

CLI: ``python -m tests.answer_key build/kg.trig [--keys DIR] [--misses KIND] [--ratchet]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

KEYS_DIR = Path(__file__).resolve().parent / "fixtures" / "keys"
RATCHET = KEYS_DIR / "ratchet.json"

SG = "https://w3id.org/sgkg/ontology#"
PROV = "http://www.w3.org/ns/prov#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
LABELS = (RDFS_LABEL, SKOS + "altLabel", SKOS + "prefLabel", SG + "metricName")

# kind of the key -> (graph classes searched, whether precision is measured)
ENTITY_KINDS = ("professional_groups", "majors", "secondary_colleges", "industry_colleges", "enterprises",
                "other_partners", "certifications")
KINDS = (*ENTITY_KINDS, "achievements", "programs", "overseas", "funding", "metrics")
CLASSES: dict[str, tuple[str, ...]] = {
    "professional_groups": ("ProfessionalGroup",),
    "majors": ("Major",),
    "secondary_colleges": ("SecondaryCollege",),
    "industry_colleges": ("IndustryCollege",),
    "enterprises": ("Enterprise",),
    "other_partners": ("Enterprise", "PartnerOrganization"),
    "certifications": ("Certification",),
    "achievements": ("Achievement",),
    "programs": ("Program",),
    "overseas": ("Program", "PartnerOrganization", "Achievement"),
}
FUNDING_COLUMNS = ("budget_total_wan", "budget_period_wan", "received_wan", "spent_wan")


# ----------------------------------------------------------------------------------------------
# names

_DROP = re.compile(r"[\s\u3000\"'“”‘’「」『』《》〈〉·•]")
_BRACKETED = re.compile(r"[（(\[【][^）)\]】]*[）)\]】]")
_GROUP_SUFFIX = re.compile(r"(专业集群|专业群)$")


def variants(name: str) -> set[str]:
    """The README's two comparison forms of a name (and the group form without its suffix)."""
    first = _DROP.sub("", unicodedata.normalize("NFKC", str(name)))
    out = {first, _BRACKETED.sub("", first)}
    out |= {_GROUP_SUFFIX.sub("", v) for v in out}
    return {v for v in out if v}


@cache
def _variants(name: str) -> frozenset[str]:
    return frozenset(variants(name))


def names_match(wanted: Iterable[str], labels: Iterable[str]) -> bool:
    for w in wanted:
        for label in labels:
            for a in _variants(w):
                for b in _variants(label):
                    if a == b:
                        return True
                    if len(a) >= 4 and len(b) >= 4 and (a in b or b in a or fuzz.ratio(a, b) >= 90):
                        return True
    return False


def partially_similar(wanted: str, labels: Iterable[str], bar: float) -> bool:
    a = min(_variants(wanted), key=len, default="")
    return bool(a) and any(fuzz.partial_ratio(a, b) >= bar for label in labels for b in _variants(label))


def as_decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "").strip()).normalize()
    except (InvalidOperation, ValueError):
        return None


# ----------------------------------------------------------------------------------------------
# the graph, seen per report


@dataclass
class ReportView:
    """The nodes one report supports (through evidence), with their labels and numbers."""

    file: str
    nodes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # class -> nodes
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    numbers: dict[str, set[Decimal]] = field(default_factory=lambda: defaultdict(set))
    accredited: set[tuple[str, str]] = field(default_factory=set)  # (major, certification)

    def of(self, *classes: str) -> set[str]:
        return set().union(*(self.nodes.get(c, set()) for c in classes))

    def names(self, node: str) -> set[str]:
        return self.labels.get(node, set())


def open_store(source: Any) -> Any:
    """A pyoxigraph Store from a TriG/N-Quads path, an rdflib Dataset, or a Store as given."""
    import pyoxigraph

    if type(source).__module__.startswith("pyoxigraph"):
        return source
    store = pyoxigraph.Store()
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such graph file")
        fmt = pyoxigraph.RdfFormat.N_QUADS if path.suffix in {".nq", ".nquads"} else pyoxigraph.RdfFormat.TRIG
        store.load(path=str(path), format=fmt)
        return store
    from kg.pipeline import trig_lines

    store.load("".join(trig_lines(source)).encode(), format=pyoxigraph.RdfFormat.TRIG)
    return store


def _rows(store: Any, query: str) -> Iterator[tuple[str, ...]]:
    for solution in store.query(query, use_default_graph_as_union=True):
        yield tuple(term.value if term is not None else "" for term in solution)


def report_views(store: Any) -> dict[str, ReportView]:
    views: dict[str, ReportView] = {}
    supported = f"""SELECT ?f ?n ?c WHERE {{
        ?r a <{SG}Report> ; <{SG}fileName> ?f . ?ev <{SG}inReport> ?r . ?n <{PROV}wasDerivedFrom> ?ev ; a ?c }}"""
    by_node: dict[str, set[str]] = defaultdict(set)
    for f, node, cls in _rows(store, supported):
        view = views.setdefault(Path(f).stem, ReportView(Path(f).name))
        view.nodes[cls.removeprefix(SG)].add(node)
        by_node[node].add(Path(f).stem)
    catalogue = f"SELECT ?n ?l WHERE {{ ?n <{SG}catalogEntry> ?e . ?e <{SKOS}prefLabel>|<{RDFS_LABEL}> ?l }}"
    for node, label in _rows(store, catalogue):
        for stem in by_node.get(node, ()):
            views[stem].labels[node].add(label)
    numeric = "FILTER(datatype(?v) IN (<http://www.w3.org/2001/XMLSchema#decimal>, <http://www.w3.org/2001/XMLSchema#integer>))"
    for node, value in _rows(store, f"SELECT ?n ?v WHERE {{ ?n ?p ?v {numeric} }}"):
        number = as_decimal(value)
        for stem in by_node.get(node, ()):
            if number is not None:
                views[stem].numbers[node].add(number)
    accredited = f"""SELECT ?f ?m ?c WHERE {{ ?r a <{SG}Report> ; <{SG}fileName> ?f .
        GRAPH ?g {{ ?r a <{SG}Report> . ?m <{SG}accreditedUnder> ?c }} }}"""
    for f, major, cert in _rows(store, accredited):
        view = views.setdefault(Path(f).stem, ReportView(Path(f).name))
        view.accredited.add((major, cert))
        # the pair's nodes are named by labels from any graph
        for node in (major, cert):
            by_node[node].add(Path(f).stem)
    values = " ".join(f"<{p}>" for p in LABELS)
    for node, label in _rows(store, f"SELECT ?n ?l WHERE {{ VALUES ?p {{ {values} }} ?n ?p ?l }}"):
        for stem in by_node.get(node, ()):
            views[stem].labels[node].add(label)
    return views


# ----------------------------------------------------------------------------------------------
# scoring


@dataclass
class Result:
    """One kind of one report: items found and missed, and (entity kinds) graph nodes unmatched."""

    report: str
    kind: str
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)  # false positives (entity kinds only)

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0

    @property
    def precision(self) -> float | None:
        if self.kind not in ENTITY_KINDS:
            return None
        matched = len(self.found)
        total = matched + len(self.extra)
        return matched / total if total else 1.0


def item_names(item: dict[str, Any]) -> list[str]:
    names = [item.get("name") or item.get("scheme") or item.get("item") or ""]
    return [n for n in names + list(item.get("aliases") or []) if n]


def load_keys(directory: Path = KEYS_DIR) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))
            if p.name not in {"ratchet.json", "disagreements.json"}}


def load_disagreements(directory: Path = KEYS_DIR) -> list[dict[str, str]]:
    path = directory / "disagreements.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def _disputed(disagreements: list[dict[str, str]], report: str, kind: str, item: dict[str, Any]) -> bool:
    label = str(item.get("name") or item.get("scheme") or item.get("item") or "")
    return any(d["report"] == report and d["kind"] == kind and d["name"] == label and not d.get("omitted")
               for d in disagreements)


def _omitted(disagreements: list[dict[str, str]], report: str, kind: str) -> list[list[str]]:
    """Names the key leaves out although the report states them (an exhaustive key's own miss): a node
    with such a name is no false positive."""
    return [[d["name"]] for d in disagreements if d["report"] == report and d["kind"] == kind and d.get("omitted")]


def score_report(view: ReportView, key: dict[str, Any], disagreements: list[dict[str, str]] = ()) -> list[Result]:
    report = Path(key["report"]["file"]).stem
    results = []
    for kind in KINDS:
        items = [i for i in key.get(kind) or [] if not _disputed(list(disagreements), report, kind, i)]
        results.append(_score_kind(view, report, kind, items, key, _omitted(list(disagreements), report, kind)))
    return results


def _score_kind(view: ReportView, report: str, kind: str, items: list[dict[str, Any]], key: dict[str, Any],
                omitted: list[list[str]] = ()) -> Result:
    result = Result(report, kind)
    if kind == "funding":
        return _score_funding(view, result, items)
    if kind == "metrics":
        return _score_metrics(view, result, items)
    if kind == "certifications":
        return _score_certifications(view, result, items)
    nodes = view.of(*CLASSES[kind])
    for item in items:
        names = item_names(item)
        if kind in {"achievements", "overseas"}:
            hit = any(partially_similar(names[0], view.names(n), 80) for n in nodes)
        else:
            hit = any(names_match(names, view.names(n)) for n in nodes)
        (result.found if hit else result.missed).append(names[0])
    if kind in ENTITY_KINDS:
        keyed = [item_names(i) for k in _counted_with(kind) for i in key.get(k) or []] + list(omitted)
        for node in sorted(view.of(*CLASSES[kind][-1:]) if kind == "other_partners" else nodes):
            if not any(names_match(names, view.names(node)) for names in keyed):
                result.extra.append(min(view.names(node), default=node))
    return result


def _counted_with(kind: str) -> tuple[str, ...]:
    return ("enterprises", "other_partners") if kind in {"enterprises", "other_partners"} else (kind,)


def _score_funding(view: ReportView, result: Result, items: list[dict[str, Any]]) -> Result:
    values = set().union(*(view.numbers.get(n, set()) for n in view.of("FundingRecord")))
    for item in items:
        for column in FUNDING_COLUMNS:
            number = as_decimal(item.get(column)) if item.get(column) is not None else None
            if number is not None:
                (result.found if number in values else result.missed).append(f"{item['item']} {column}={number}")
    return result


def _score_metrics(view: ReportView, result: Result, items: list[dict[str, Any]]) -> Result:
    by_value: dict[Decimal, list[str]] = defaultdict(list)
    for node in view.of("Metric"):
        for number in view.numbers.get(node, ()):
            by_value[number].append(node)
    for item in items:
        number = as_decimal(item.get("value"))
        hit = number is not None and any(partially_similar(item["name"], view.names(n), 60) for n in by_value[number])
        (result.found if hit else result.missed).append(f"{item['name']}={item.get('value')}{item.get('unit') or ''}")
    return result


def _score_certifications(view: ReportView, result: Result, items: list[dict[str, Any]]) -> Result:
    certs = view.of("Certification") | {c for _, c in view.accredited}
    matched_pairs: set[tuple[str, str]] = set()
    for item in items:
        schemes = [c for c in certs if names_match(item_names(item), view.names(c))]
        if not item.get("majors"):
            (result.found if schemes else result.missed).append(item["scheme"])
            continue
        for major in item["majors"]:
            pairs = [(m, c) for m, c in view.accredited if c in schemes and names_match([major], view.names(m))]
            matched_pairs.update(pairs)
            (result.found if pairs else result.missed).append(f"{item['scheme']} × {major}")
    result.extra = sorted(f"{min(view.names(c), default=c)} × {min(view.names(m), default=m)}"
                          for m, c in view.accredited - matched_pairs)
    return result


def score(source: Any, keys: dict[str, dict[str, Any]] | None = None,
          disagreements: list[dict[str, str]] | None = None) -> list[Result]:
    keys = load_keys() if keys is None else keys
    disagreements = load_disagreements() if disagreements is None else disagreements
    views = report_views(open_store(source))
    out = []
    for stem, key in sorted(keys.items()):
        view = views.get(stem, ReportView(key["report"]["file"]))
        out.extend(score_report(view, key, disagreements))
    return out


def table(results: list[Result]) -> str:
    reports = sorted({r.report for r in results})
    lines = ["kind".ljust(20) + "".join(r[:3].rjust(12) for r in reports) + "all".rjust(12)]
    for kind in KINDS:
        rows = [r for r in results if r.kind == kind]
        cells = []
        for report in reports:
            got = next((r for r in rows if r.report == report), None)
            cells.append(_cell(got) if got and (got.found or got.missed or got.extra) else "–")
        total = Result("all", kind, [x for r in rows for x in r.found], [x for r in rows for x in r.missed],
                       [x for r in rows for x in r.extra])
        lines.append(kind.ljust(20) + "".join(c.rjust(12) for c in cells) + _cell(total).rjust(12))
    return "\n".join(lines) + "\n(recall / precision for entity kinds)"


def _cell(result: Result) -> str:
    p = result.precision
    return f"{result.recall:.2f}" + (f"/{p:.2f}" if p is not None else "")


# ----------------------------------------------------------------------------------------------
# the ratchet: recorded figures only move up


def ratchet_figures(results: list[Result]) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for r in results:
        if not (r.found or r.missed or r.extra):
            continue
        figures = {"recall": round(r.recall, 4)}
        if r.precision is not None:
            figures["precision"] = round(r.precision, 4)
        out[r.report][r.kind] = figures
    return dict(out)


def raise_ratchet(results: list[Result], path: Path = RATCHET) -> dict[str, Any]:
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for report, kinds in ratchet_figures(results).items():
        for kind, figures in kinds.items():
            old = recorded.setdefault(report, {}).setdefault(kind, {})
            for name, value in figures.items():
                old[name] = max(value, old.get(name, 0.0))
    path.write_text(json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return recorded


def below_ratchet(results: list[Result], recorded: dict[str, Any]) -> list[str]:
    now = ratchet_figures(results)
    failing = []
    for report, kinds in recorded.items():
        for kind, figures in kinds.items():
            for name, bar in figures.items():
                got = now.get(report, {}).get(kind, {}).get(name, 0.0)
                if got + 1e-9 < bar:
                    failing.append(f"{report} {kind} {name}: {got:.4f} < recorded {bar:.4f}")
    return failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.answer_key", description=__doc__.split("\n")[0])
    parser.add_argument("graph", help="a TriG or N-Quads file (e.g. build/kg.trig)")
    parser.add_argument("--keys", type=Path, default=KEYS_DIR, help="folder of exhaustive keys")
    parser.add_argument("--misses", metavar="KIND", help="print the missed items (and false positives) of a kind")
    parser.add_argument("--ratchet", action="store_true", help="raise the recorded figures in ratchet.json")
    args = parser.parse_args(argv)
    results = score(args.graph, load_keys(args.keys), load_disagreements(args.keys))
    print(table(results))
    if args.misses:
        for r in results:
            if r.kind == args.misses and (r.missed or r.extra):
                print(f"\n{r.report} {r.kind}: missed {len(r.missed)}, extra {len(r.extra)}")
                print("".join(f"  - {m}\n" for m in r.missed) + "".join(f"  + {e}\n" for e in r.extra), end="")
    if args.ratchet:
        raise_ratchet(results, args.keys / "ratchet.json")
        print(f"ratchet raised: {args.keys / 'ratchet.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
