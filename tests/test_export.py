"""Graph exports: every format read back, filters, labels, CLI errors."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import networkx as nx
import pytest
import typer
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.commands import export as export_command
from kg.export import (
    FORMATS,
    ExportError,
    Labels,
    build_export_graph,
    dataset_quads,
    load_trig,
    page_data,
    parse_types,
    render,
    term_labels,
    to_html,
    write_export,
)
from kg.ids import iri
from kg.namespaces import RDF, RDFS, SG
from tests.fixture_graph import SCHOOL_A, SCHOOL_B, fixture_dataset, write_fixture_trig

# counted by hand from tests/fixture_graph.py
ENTITY_NODES = 29  # 33 entities less the 4 sg:Partnership records folded into edges
ENTITY_EDGES = 40  # 48 less partnerOf + partnerOrg of each folded record


@pytest.fixture(scope="module")
def quads() -> list:
    return list(dataset_quads(fixture_dataset()))


@pytest.fixture(scope="module")
def eg(quads):
    return build_export_graph(quads, labels={str(SG.offeredBy): Labels("开设于", "offered by")})


@pytest.fixture(scope="module")
def trig(tmp_path_factory) -> Path:
    return write_fixture_trig(tmp_path_factory.mktemp("graph") / "kg.trig")


def test_entity_graph_has_typed_nodes_and_no_bookkeeping(eg):
    g = eg.graph
    assert g.number_of_nodes() == ENTITY_NODES
    assert g.number_of_edges() == ENTITY_EDGES
    kinds = {t for _, t in g.nodes(data="type")}
    assert not kinds & {"Evidence", "Statement", "CatalogMajor"}
    assert g.nodes[f"school/{SCHOOL_A}"]["label"] == "甲职业技术学院"
    assert g.nodes[f"school/{SCHOOL_A}"]["label_en"] == "Jia Polytechnic"
    # a partner named by both schools' reports belongs to both
    assert g.nodes["enterprise/广西柳工机械股份有限公司"]["school"] == f"{SCHOOL_A};{SCHOOL_B}"
    assert g.nodes[f"major/{SCHOOL_B}-460104"]["school"] == SCHOOL_B


def test_edges_carry_the_property_label_from_the_ontology(eg):
    offered = [a for s, t, a in eg.graph.edges(data=True) if a["predicate"] == "sg:offeredBy"]
    assert len(offered) == 5
    assert {a["label"] for a in offered} == {"开设于"} and {a["label_en"] for a in offered} == {"offered by"}
    # a property without an ontology label falls back to its prefixed name
    assert any(a["label"] == "sg:accreditedUnder" for _, _, a in eg.graph.edges(data=True))


def test_node_facts_include_literals_levels_and_evidence_quotes(eg):
    facts = dict(eg.facts[f"group/{SCHOOL_A}-智能制造专业群"])
    assert facts["sg:category"] == "国家级高水平专业群"
    assert facts["sg:level"] == "国家级"  # the level concept's label, not its IRI
    assert "「智能制造专业群为国家级高水平专业群」" in facts["prov:wasDerivedFrom"]
    assert "line" in facts["prov:wasDerivedFrom"]


def test_term_labels_reads_zh_and_en(tmp_path):
    ttl = tmp_path / "o.ttl"
    ttl.write_text('@prefix sg: <https://w3id.org/sgkg/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                   'sg:partner rdfs:label "合作伙伴"@zh, "partner"@en .\n', encoding="utf-8")
    assert term_labels(ttl)[str(SG.partner)] == Labels("合作伙伴", "partner")
    assert term_labels(tmp_path / "missing.ttl") == {}


def test_graphml_reads_back_with_same_counts(eg):
    back = nx.read_graphml(io.BytesIO(render(eg, "graphml")))
    assert (back.number_of_nodes(), back.number_of_edges()) == (ENTITY_NODES, ENTITY_EDGES)
    assert back.nodes[f"school/{SCHOOL_B}"]["label"] == "乙职业技术学院"


def test_gexf_reads_back_with_same_counts(eg):
    back = nx.read_gexf(io.BytesIO(render(eg, "gexf")))
    assert (back.number_of_nodes(), back.number_of_edges()) == (ENTITY_NODES, ENTITY_EDGES)
    assert back.nodes[f"school/{SCHOOL_B}"]["type"] == "School"


def test_cytoscape_json_parses_and_edges_join_nodes(eg):
    doc = json.loads(render(eg, "cytoscape"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert (len(nodes), len(edges)) == (ENTITY_NODES, ENTITY_EDGES)
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert len({e["data"]["id"] for e in edges}) == ENTITY_EDGES
    school = next(n["data"] for n in nodes if n["data"]["id"] == f"school/{SCHOOL_A}")
    assert school["type"] == "School" and school["colour"].startswith("#") and school["facts"]


def test_dot_has_every_node_and_edge_quoted(eg):
    text = render(eg, "dot").decode("utf-8")
    assert text.startswith("digraph sgkg {") and text.rstrip().endswith("}")
    assert len(re.findall(r'^  "[^"]+" \[label=', text, re.M)) == ENTITY_NODES
    assert len(re.findall(r'^  "[^"]+" -> "[^"]+" \[', text, re.M)) == ENTITY_EDGES
    assert '"甲职业技术学院"' in text


def _read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_zip_has_bom_and_all_rows(eg):
    with zipfile.ZipFile(io.BytesIO(render(eg, "csv"))) as archive:
        nodes = _read_csv(archive.read("nodes.csv"))
        edges = _read_csv(archive.read("edges.csv"))
    assert len(nodes) == ENTITY_NODES and len(edges) == ENTITY_EDGES
    assert {"id", "type", "label_zh", "school"} <= set(nodes[0])
    assert any(r["label_zh"] == "乙职业技术学院" for r in nodes)


def test_csv_to_a_directory(eg, tmp_path):
    written = write_export(eg, "csv", tmp_path / "out")
    assert sorted(p.name for p in written) == ["edges.csv", "nodes.csv"]
    assert len(_read_csv((tmp_path / "out" / "edges.csv").read_bytes())) == ENTITY_EDGES


def test_html_is_self_contained_with_data_for_every_node(eg):
    page = to_html(eg).decode("utf-8")
    assert "/*{{" not in page and "{{title}}" not in page
    assert not re.search(r"<(script|link)[^>]+(src|href)=", page), "no external scripts or styles"
    data = json.loads(re.search(r'<script id="sgkg-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == ENTITY_NODES and len(data["edges"]) == ENTITY_EDGES
    assert {t[0] for t in data["types"]} >= {"School", "Major", "Enterprise"}
    assert 'id="search"' in page and 'id="legend"' in page and 'id="school"' in page
    assert "cytoscape" in page and "class SgkgGraph" in page  # the vendored library and the shared view, inline
    assert data["seeds"] == [f"school/{SCHOOL_A}", f"school/{SCHOOL_B}"]
    # folded partnerships are edges labelled by their relation kind, never nodes
    assert not any(n[1] == "Partnership" for n in data["nodes"])
    assert {e[2] for e in data["edges"] if e[3]} == {"共建", "订单班", "合作办学"}


def test_html_survives_script_breaking_labels():
    school = iri("School", "1234567890")
    quads = [(school, RDF.type, SG.School, None), (school, RDFS.label, Literal("</script><b>坏</b>", lang="zh"), None)]
    page = to_html(build_export_graph(quads, labels={})).decode("utf-8")
    body = re.search(r'<script id="sgkg-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(body)["nodes"][0][2] == "</script><b>坏</b>"


def test_types_filter_and_hidden_kinds_on_request(quads):
    only = build_export_graph(quads, types=parse_types("Major,School"), labels={})
    assert {t for _, t in only.graph.nodes(data="type")} == {"Major", "School"}
    assert only.graph.number_of_nodes() == 7 and only.graph.number_of_edges() == 5
    with_evidence = build_export_graph(quads, types=parse_types("Major,Evidence"), labels={})
    assert any(t == "Evidence" for _, t in with_evidence.graph.nodes(data="type"))
    assert any(a["predicate"] == "prov:wasDerivedFrom" for *_, a in with_evidence.graph.edges(data=True))
    catalog = build_export_graph(quads, types=parse_types("Major,CatalogMajor"), labels={})
    assert catalog.graph.nodes["catalog/460104"]["label"] == "机械制造及自动化"


def test_school_neighbourhood_by_depth(quads):
    one = build_export_graph(quads, school=SCHOOL_B, depth=1, labels={})
    assert f"school/{SCHOOL_A}" not in one.graph
    assert f"major/{SCHOOL_B}-460104" in one.graph  # offeredBy, one hop
    assert "certification/sydney-accord" not in one.graph  # two hops
    two = build_export_graph(quads, school=SCHOOL_B, labels={})
    assert "certification/sydney-accord" in two.graph
    zero = build_export_graph(quads, school=SCHOOL_B, depth=0, labels={})
    assert list(zero.graph.nodes) == [f"school/{SCHOOL_B}"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"school": "9999999999"}, "no school with code '9999999999'"),
    ({"depth": 2}, "--depth needs --school"),
    ({"school": SCHOOL_A, "depth": -1}, "depth must be"),
])
def test_bad_requests_are_explained(quads, kwargs, message):
    with pytest.raises(ExportError, match=re.escape(message)):
        build_export_graph(quads, labels={}, **kwargs)


def test_unknown_type_and_format():
    with pytest.raises(ExportError, match="unknown type.*Banana"):
        parse_types("Major,Banana")
    with pytest.raises(ExportError, match="unknown format 'png'"):
        render(build_export_graph([], labels={}), "png")


def _cli() -> typer.Typer:
    app = typer.Typer()
    export_command.register(app)
    app.command("noop")(lambda: None)  # two commands so typer keeps the "export" name
    return app


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_every_format(trig, tmp_path, fmt):
    out = tmp_path / ("csvdir" if fmt == "csv" else f"g.{fmt}")
    result = CliRunner().invoke(_cli(), ["export", "--format", fmt, "--graph", str(trig), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{ENTITY_NODES} nodes, {ENTITY_EDGES} edges" in result.output
    assert out.exists()


def test_cli_school_and_types(trig, tmp_path):
    out = tmp_path / "a.graphml"
    result = CliRunner().invoke(_cli(), ["export", "-f", "graphml", "--graph", str(trig), "--school", SCHOOL_A,
                                         "--types", "School,Major", "--depth", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(out).number_of_nodes() == 4  # the school and its three majors


@pytest.mark.parametrize(("args", "message"), [
    (["-f", "png"], "unknown format 'png'"),
    (["-f", "dot", "--graph", "/nonexistent/kg.trig"], "/nonexistent/kg.trig: no such graph file"),
    (["-f", "dot", "--types", "Nope"], "unknown type(s) Nope"),
])
def test_cli_errors_name_the_problem(trig, args, message):
    if "--graph" not in args:
        args = [*args, "--graph", str(trig)]
    result = CliRunner().invoke(_cli(), ["export", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_unreadable_trig_names_the_file(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("this is { not trig", encoding="utf-8")
    with pytest.raises(ExportError, match="bad.trig: not a readable TriG file"):
        load_trig(bad)


def test_page_data_counts_types(eg):
    types = {kind: count for kind, _, count in page_data(eg)["types"]}
    assert types["Major"] == 5 and types["School"] == 2 and sum(types.values()) == ENTITY_NODES


# ---------------------------------------------------------------- attributes for Gephi, n-ary folding, csv target

ACHIEVEMENT = f"achievement/{SCHOOL_A}-2021-全国职业院校技能大赛一等奖"
FUNDING = f"funding/{SCHOOL_A}-中央财政"
METRIC = f"metric/{SCHOOL_A}-task-completion-rate"
LIUGONG = "enterprise/广西柳工机械股份有限公司"


def test_partnerships_fold_into_partner_edges_labelled_by_relation_kind(eg, quads):
    assert not any(kind == "Partnership" for _, kind in eg.graph.nodes(data="type"))
    edge = next(a for s, t, a in eg.graph.edges(data=True) if (s, t) == (f"school/{SCHOOL_A}", LIUGONG))
    assert (edge["predicate"], edge["label"], edge["relation_kinds"]) == ("sg:partner", "共建", "共建")
    assert eg.graph.nodes[LIUGONG]["relation_kinds"] == "共建;订单班"  # both schools' relations
    unfolded = build_export_graph(quads, types=parse_types("School,Enterprise,Partnership"), labels={})
    assert sum(kind == "Partnership" for _, kind in unfolded.graph.nodes(data="type")) == 4


def test_nodes_carry_typed_attributes(eg):
    achievement = eg.graph.nodes[ACHIEVEMENT]
    assert (achievement["level"], achievement["year"], achievement["count"], achievement["category"]) == (
        "国家级", 2021, 3, "competition-award")
    funding = eg.graph.nodes[FUNDING]
    assert (funding["budget"], funding["received"], funding["spent"], funding["unit"]) == (1000.0, 900.0, 800.0, "万元")
    metric = eg.graph.nodes[METRIC]
    assert (metric["value"], metric["unit"], metric["metric_key"], metric["period"]) == (
        100.0, "%", "task-completion-rate", "2019-2021")


def _graphml_keys(data: bytes) -> dict[tuple[str, str], str]:
    return {(k["for"], k["name"]): k["type"] for k in (m.groupdict() for m in re.finditer(
        r'<key id="[^"]+" for="(?P<for>\w+)" attr\.name="(?P<name>[^"]+)" attr\.type="(?P<type>\w+)"', data.decode()))}


def test_graphml_keys_are_typed_for_gephi(eg):
    data = render(eg, "graphml")
    keys = _graphml_keys(data)
    assert keys[("node", "year")] == "long" and keys[("node", "count")] == "long"
    assert keys[("node", "value")] == "double" and keys[("node", "budget")] == "double"
    assert keys[("node", "level")] == keys[("node", "unit")] == keys[("node", "category")] == "string"
    assert keys[("edge", "relation_kinds")] == "string"
    assert data.decode().count("<key ") == len(keys), "one key per attribute name and target (types never mixed)"
    back = nx.read_graphml(io.BytesIO(data))
    assert back.nodes[ACHIEVEMENT]["year"] == 2021 and back.nodes[METRIC]["value"] == 100.0


def test_gexf_attributes_are_typed(eg):
    data = render(eg, "gexf").decode()
    declared = dict(re.findall(r'<attribute id="\d+" title="([^"]+)" type="(\w+)"', data))
    assert declared["year"] == "long" and declared["count"] == "long" and declared["value"] == "double"
    assert declared["level"] == "string" and declared["relation_kinds"] == "string"
    back = nx.read_gexf(io.BytesIO(data.encode()))
    assert back.nodes[ACHIEVEMENT]["count"] == 3 and back.nodes[FUNDING]["spent"] == 800.0


def test_cytoscape_elements_carry_attributes(eg):
    doc = json.loads(render(eg, "cytoscape"))
    node = next(n["data"] for n in doc["elements"]["nodes"] if n["data"]["id"] == ACHIEVEMENT)
    assert (node["level"], node["year"], node["count"]) == ("国家级", 2021, 3)
    partner_edges = [e["data"] for e in doc["elements"]["edges"] if e["data"]["relation_kinds"]]
    assert {e["label"] for e in partner_edges} == {"共建", "订单班", "合作办学"}


def test_csv_has_attribute_columns(eg):
    with zipfile.ZipFile(io.BytesIO(render(eg, "csv"))) as archive:
        nodes = {r["id"]: r for r in _read_csv(archive.read("nodes.csv"))}
        edges = _read_csv(archive.read("edges.csv"))
    assert {"level", "year", "count", "value", "unit", "category", "relation_kinds"} <= set(nodes[ACHIEVEMENT])
    assert (nodes[ACHIEVEMENT]["level"], nodes[ACHIEVEMENT]["year"], nodes[ACHIEVEMENT]["count"]) == ("国家级", "2021", "3")
    assert nodes[METRIC]["value"] == "100.0" and nodes[METRIC]["unit"] == "%"
    assert any(e["relation_kinds"] == "订单班" for e in edges)


def test_csv_target_is_a_zip_or_a_folder_never_a_folder_named_csv(eg, tmp_path):
    assert [p.name for p in write_export(eg, "csv", tmp_path / "kg.zip")] == ["kg.zip"]
    assert zipfile.is_zipfile(tmp_path / "kg.zip")
    assert (tmp_path / "tables").is_dir() is False
    write_export(eg, "csv", tmp_path / "tables")
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["edges.csv", "nodes.csv"]
    with pytest.raises(ExportError, match="give a .zip file or a folder name"):
        write_export(eg, "csv", tmp_path / "kg.csv")
    assert not (tmp_path / "kg.csv").exists()


def test_cli_says_whether_csv_went_to_a_zip_or_a_folder(trig, tmp_path):
    zipped = CliRunner().invoke(_cli(), ["export", "-f", "csv", "--graph", str(trig), "-o", str(tmp_path / "g.zip")])
    assert zipped.exit_code == 0 and f"zip archive {tmp_path / 'g.zip'} (nodes.csv, edges.csv)" in zipped.output
    folder = CliRunner().invoke(_cli(), ["export", "-f", "csv", "--graph", str(trig), "-o", str(tmp_path / "g")])
    assert folder.exit_code == 0 and f"folder {tmp_path / 'g'}/ (nodes.csv, edges.csv)" in folder.output
    refused = CliRunner().invoke(_cli(), ["export", "-f", "csv", "--graph", str(trig), "-o", str(tmp_path / "g.csv")])
    assert refused.exit_code == 2 and "give a .zip file or a folder name" in refused.output


def test_n_ary_records_are_left_to_their_shortcut_edges_unless_asked_for(quads):
    """A participation is drawn as its sg:participatesIn edge; asked for by name, it is a node of its own."""
    school, programme = iri("School", SCHOOL_A), iri("Program", "shuanggao")
    record = iri("Participation", f"{SCHOOL_A}-midterm-shuanggao")
    graph = URIRef("https://w3id.org/sgkg/graph/x")
    extra = [(record, RDF.type, SG.Participation, graph), (record, RDFS.label, Literal("甲参与双高", lang="zh"), graph),
             (record, SG.participant, school, graph), (record, SG.programme, programme, graph),
             (programme, RDF.type, SG.Program, graph), (programme, RDFS.label, Literal("双高计划", lang="zh"), graph),
             (school, SG.participatesIn, programme, graph)]
    default = build_export_graph([*quads, *extra]).graph
    assert "participation" not in {n.split("/", 1)[0] for n in default.nodes}
    assert default.has_edge(f"school/{SCHOOL_A}", "program/shuanggao")
    asked = build_export_graph([*quads, *extra], types=frozenset({"School", "Program", "Participation"})).graph
    assert f"participation/{SCHOOL_A}-midterm-shuanggao" in asked.nodes
