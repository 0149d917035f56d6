"""The sample answer keys (tests/fixtures/expected/) are well-formed and verifiable; the sample scorer
counts what it claims to count. The exhaustive keys are scored by tests/test_coverage_keys.py."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.build import add_quads, new_dataset, report_quads
from kg.ids import iri
from kg.namespaces import LEVEL, RDF, REFERENCE_GRAPH, SG, SKOS, XSD
from kg.vocab import scheme_triples
from loaders.facts import Evidence, Facts, GYear, Node, NodeRef, Ref
from tests import sample_key as ak
from tests.conftest import REFERENCE, REPORTS

KEY_FILES = sorted(ak.KEYS_DIR.glob("*.json"))
CATALOGUE = {row["major_code"]: row["major_name"]
             for row in csv.DictReader((REFERENCE / "gaozhi_zhuanke_majors_2021.csv").open(encoding="utf-8"))}
MOE_CODES = {row["school_code"]: row["school_name"]
             for row in csv.DictReader((REFERENCE / "moe_higher_education_institutions_2017.csv").open(encoding="utf-8"))}


# ---------------------------------------------------------------------------------------------- keys


def test_every_sample_key_names_a_corpus_report() -> None:
    """The sample keys cover the first four reports; the exhaustive keys (tests/fixtures/keys/) cover all."""
    assert {p.stem for p in KEY_FILES} <= {p.stem for p in REPORTS.glob("*.txt")}


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.stem)
def test_key_is_well_formed_and_verifiable(path: Path) -> None:
    key = ak.load_key(path)
    lines = (REPORTS / key["report"]).read_text(encoding="utf-8").split("\n")
    checks = key["checks"]
    assert len(checks) >= 25
    assert len({c["id"] for c in checks}) == len(checks), "check ids must be unique"
    for check in checks:
        assert check["source"] in {"table", "prose", "heading"}, check["id"]
        assert check["lines"] and all(1 <= n <= len(lines) for n in check["lines"]), check["id"]
        assert any(check["quote"] in lines[n - 1] for n in check["lines"]), f"{check['id']}: quote not on its lines"


@pytest.mark.parametrize("path", KEY_FILES, ids=lambda p: p.stem)
def test_key_covers_the_required_kinds_and_uses_real_codes(path: Path) -> None:
    key = ak.load_key(path)
    kinds = [c["kind"] for c in key["checks"]]
    for required in ("school", "report", "group", "partner", "metric", "achievement"):
        assert required in kinds, required
    assert kinds.count("metric") >= 10 and kinds.count("achievement") >= 5
    school = next(c["expected"] for c in key["checks"] if c["kind"] == "school")
    assert MOE_CODES[school["code"]] == school["name"]
    for major in _majors(key):
        assert major["code"] is None or major["code"] in CATALOGUE, major


def _majors(key: dict) -> list[dict]:
    found = []
    for check in key["checks"]:
        e = check["expected"]
        found += e.get("majors", []) + e.get("members", []) + ([e["lead"]] if e.get("lead") else [])
    return found


def test_harbin_known_answers_are_in_the_2023_key() -> None:
    key = ak.load_key(ak.KEYS_DIR / "001_0d6d81e4e345128e.json")
    by_id = {c["id"]: c["expected"] for c in key["checks"]}
    sydney = {m["code"] for m in by_id["acc-sydney"]["majors"]}
    assert sydney == {"500201", "440501", "440301", "490202", "460301", "460104", "460702", "530802", "530701",
                      "510101", "550106"}
    assert {m["code"] for m in by_id["group-jidian"]["members"]} == {"460306", "460104", "460110", "460305"}
    assert {m["code"] for m in by_id["group-dianshang"]["members"]} == {"530702", "530802", "530605"}
    assert by_id["group-jidian"]["level"] == by_id["group-dianshang"]["level"] == "national"


def test_load_key_names_the_file_and_reason(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"report": "x.txt", "checks": [{"id": "a", "kind": "rumour"}]}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.json.*unknown kind 'rumour'"):
        ak.load_key(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.json: cannot read"):
        ak.load_key(bad)


# ---------------------------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(("a", "b"), [("广西柳工机械股份有限公司", "广西柳工机械股份有限公司 "),
                                      ("UK NARIC", "uknaric"), ("“1+X”证书", "1+x证书"), ("（英国）", "(英国)")])
def test_norm_ignores_width_case_space_and_punctuation(a: str, b: str) -> None:
    assert ak.norm(a) == ak.norm(b)


@pytest.mark.parametrize(("name", "core"), [("机电一体化技术特色专业群", "机电一体化技术"),
                                            ("新一代信息技术类专业集群", "新一代信息技术"),
                                            ("国家级高水平数控技术专业群", "数控技术")])
def test_group_core(name: str, core: str) -> None:
    assert ak.group_core(name) == core


@pytest.mark.parametrize(("printed", "category"), [("中央财政投入资金", "central"), ("地方各级财政投入资金", "local"),
                                                   ("省级财政资金", "local"), ("行业企业支持资金", "industry"),
                                                   ("学院自筹资金", "self"), ("举办方投入资金", "sponsor"),
                                                   ("合计", "total"), (None, "total")])
def test_funding_source_category(printed: str | None, category: str) -> None:
    assert ak.source_category(printed) == category


# ---------------------------------------------------------------------------------------------- scorer on a known graph

CODE = "1000000009"
REPORT_KEY = f"{CODE}-midterm-self-evaluation-2022"
OTHER_KEY = f"{CODE}-annual-quality-report-2023"


class _Ev:
    def __init__(self, report: str) -> None:
        self.report, self.n = report, 0

    def __call__(self) -> list[Evidence]:
        self.n += 1
        return [Evidence(self.report, self.n * 10, self.n * 10 + 2, self.n, "xx")]


def _node(facts: Facts, ev: _Ev, kind: str, key: str, label: str, **attrs: object) -> NodeRef:
    node = Node(kind, key, label, evidence=ev(), rule="test")
    for prop, value in attrs.items():
        for v in value if isinstance(value, list) else [value]:
            node.add(prop, v)  # type: ignore[arg-type]
    return facts.node(node)


def _major(facts: Facts, ev: _Ev, label: str, code: str | None) -> NodeRef:
    attrs = {"catalogEntry": NodeRef("CatalogMajor", code)} if code else {}
    ref = _node(facts, ev, "Major", f"{CODE}-{code or label}", label, **attrs)
    facts.link(ref, "offeredBy", NodeRef("School", CODE), ev())
    return ref


def _main_report() -> Facts:
    facts, ev = Facts(REPORT_KEY), _Ev(REPORT_KEY)
    school = _node(facts, ev, "School", CODE, "测试职业技术学院", schoolCode=CODE, city="柳州市")
    sydney = _node(facts, ev, "Certification", "sydney-accord", "悉尼协议")
    for label, code in [("机械制造与自动化", "460104"), ("物流管理", None), ("护理", "520201")]:
        facts.link(_major(facts, ev, label, code), "accreditedUnder", sydney, ev())
    group = _node(facts, ev, "ProfessionalGroup", f"{CODE}-g", "数控技术特色专业群", level=Ref(str(LEVEL["national"])))
    facts.link(school, "hasGroup", group, ev())
    facts.link(group, "leadMajor", _major(facts, ev, "数控技术", "460103"), ev())
    for label, code in [("数控技术", "460103"), ("工业机器人技术", "460306")]:  # 460306 is a wrong code on purpose
        facts.link(group, "hasMember", _major(facts, ev, label, code), ev())
    liugong = _node(facts, ev, "Enterprise", "liugong", "广西柳工机械股份有限公司", orgKind="enterprise")
    facts.link(school, "partner", liugong, ev())
    _node(facts, ev, "PartnerOrganization", "hit", "哈尔滨工业大学", orgKind="enterprise")  # wrong kind on purpose
    _node(facts, ev, "FundingRecord", f"{CODE}-central", "中央财政", fundingScope=school, fundingSource="中央财政投入资金",
          budget=Decimal("3000"), spent=Decimal("2969.0"))
    _node(facts, ev, "Metric", f"{CODE}-task", "任务完成率", metricName="任务完成率", metricKey="task-completion-rate",
          value=Decimal("98.33"), unit="%", period="2019—2021", scope=school)
    _node(facts, ev, "Metric", f"{CODE}-score", "自评分", metricName="自评分", value=Decimal("97"), scope=school)
    _node(facts, ev, "Metric", f"{CODE}-rate", "某某完成率", metricName="某某完成率", value=Decimal("50"), scope=school)
    for name, level, year in [("国家级精品在线开放课程", "national", 2020), ("省级精品在线开放课程", "provincial", 2021)]:
        _node(facts, ev, "Achievement", f"{CODE}-{name}", name, level=Ref(str(LEVEL[level])), year=GYear(year), count=3)
    return facts


def _other_report() -> Facts:
    """The same school's other report: its facts must not count for the first report."""
    facts, ev = Facts(OTHER_KEY), _Ev(OTHER_KEY)
    sydney = _node(facts, ev, "Certification", "sydney-accord", "悉尼协议")
    facts.link(_major(facts, ev, "电子商务", "530701"), "accreditedUnder", sydney, ev())
    _node(facts, ev, "School", CODE, "测试职业技术学院", schoolCode=CODE, province="广西壮族自治区")
    return facts


def _report_node(key: str, file_name: str) -> list[tuple]:
    node = iri("Report", key)
    return [(node, RDF.type, SG.Report), (node, SG.fileName, Literal(file_name)),
            (node, SG.reportKind, Literal(key.split("-", 1)[1].rsplit("-", 1)[0])),
            (node, SG.period, Literal("2019-2021")), (node, SG.year, Literal("2022", datatype=XSD.gYear)),
            (node, SG.describes, iri("School", CODE))]


@pytest.fixture(scope="module")
def dataset():
    ds = new_dataset()
    add_quads(ds, report_quads(_main_report(), _report_node(REPORT_KEY, "main.txt")))
    add_quads(ds, report_quads(_other_report(), _report_node(OTHER_KEY, "other.txt")))
    for code, label in [("460104", "机械制造及自动化"), ("460103", "数控技术"), ("460305", "工业机器人技术")]:
        concept = URIRef(iri("CatalogMajor", code))
        add_quads(ds, [(concept, SKOS.notation, Literal(code), REFERENCE_GRAPH),
                       (concept, SKOS.prefLabel, Literal(label, lang="zh"), REFERENCE_GRAPH)])
    add_quads(ds, [(s, p, o, REFERENCE_GRAPH) for s, p, o in scheme_triples()])  # the coded values' concepts
    # the reference graph knows the school's province: it must not count as extracted
    add_quads(ds, [(iri("School", CODE), RDF.type, SG.School, REFERENCE_GRAPH),
                   (iri("School", CODE), SG.province, Literal("黑龙江省", lang="zh"), REFERENCE_GRAPH)])
    return ds


def _key(*checks: dict) -> dict:
    return {"report": "main.txt", "checks": [{"source": "table", **c} for c in checks]}


def _units(dataset, *checks: dict) -> dict[str, tuple[int, int, int]]:
    units = ak.score_units(dataset, _key(*checks))
    return {k: s[:3] for k, s in ak.aggregate(units).items()}


def test_list_precision_counts_everything_the_graph_lists_for_the_subject(dataset) -> None:
    check = {"id": "a", "kind": "accreditation", "expected": {
        "scheme": "sydney-accord", "scheme_names": ["悉尼协议"],
        "majors": [{"name": "机械制造与自动化", "code": "460104"},  # same code: match
                   {"name": "物流管理", "code": "530802"},          # graph has no code: match by name
                   {"name": "电子商务", "code": "530701"}]}}        # only in the other report: miss
    assert _units(dataset, check) == {"accreditation": (2, 1, 1)}  # 护理 is an extra -> fp


def test_group_lead_members_and_codes(dataset) -> None:
    check = {"id": "g", "kind": "group", "expected": {
        "name": "数控技术专业群", "level": "national", "lead": {"name": "数控技术", "code": "460103"},
        "members": [{"name": "工业机器人技术", "code": "460305"}]}}
    got = _units(dataset, check)
    assert got["group"] == got["group.level"] == got["group.lead"] == (1, 0, 0)
    # the lead listed as a member is not counted; the member carries a wrong code -> fp and fn
    assert got["group.members"] == (0, 1, 1)


def test_item_values_and_strong_versus_weak_identity(dataset) -> None:
    got = _units(
        dataset,
        {"id": "m1", "kind": "metric", "expected": {"key": "task-completion-rate", "names": ["任务完成率"],
                                                     "value": "98.330", "unit": "%", "period": "2019-2021",
                                                     "scope": "school"}},
        {"id": "m2", "kind": "metric", "expected": {"key": "self-evaluation-score", "names": ["自评分"],
                                                     "value": "97.25", "unit": "分", "scope": "school"}},
        {"id": "m3", "kind": "metric", "expected": {"key": "x", "names": ["完成率"], "value": "60", "scope": "school"}},
        {"id": "m4", "kind": "metric", "expected": {"key": "task-completion-rate", "names": ["任务完成率"],
                                                     "value": "98.33", "scope": {"group": "数控技术专业群"}}},
    )
    # m1 right; m2 same name, wrong value (fp+fn); m3 only a weak name match with another value (fn);
    # m4 the school's figure does not answer for the group (fn)
    assert got["metric"] == (1, 1, 3)


def test_funding_rows_by_source_category_and_amount(dataset) -> None:
    check = {"id": "f", "kind": "funding", "expected": {"scope": "school", "source": "中央财政资金",
                                                        "budget": "3000", "received": "3000", "spent": "2969"}}
    assert _units(dataset, check) == {"funding": (2, 0, 1)}  # received is not in the graph


def test_partner_found_by_short_name_and_kind_checked(dataset) -> None:
    got = _units(dataset,
                 {"id": "p1", "kind": "partner", "expected": {"names": ["柳工"], "class": "Enterprise",
                                                             "org_kind": ["enterprise"]}},
                 {"id": "p2", "kind": "partner", "expected": {"names": ["哈尔滨工业大学"], "class": "PartnerOrganization",
                                                             "org_kind": ["university"]}})
    assert got["partner"] == (2, 0, 0)
    assert got["partner.class"] == (1, 1, 1)


def test_achievement_attributes_read_on_the_best_matching_node(dataset) -> None:
    got = _units(dataset, {"id": "a", "kind": "achievement", "expected": {
        "names": ["精品在线开放课程"], "level": "provincial", "year": 2021, "count": 3}},
        {"id": "b", "kind": "achievement", "expected": {"names": ["精品在线开放课程"], "level": "national", "year": 2019}})
    assert got["achievement"] == (2, 0, 0)
    assert got["achievement.level"] == (2, 0, 0)
    assert got["achievement.year"] == (1, 1, 1)
    assert got["achievement.count"] == (1, 0, 0)


def test_school_fields_ignore_the_reference_graph(dataset) -> None:
    got = _units(dataset, {"id": "s", "kind": "school", "expected": {
        "name": "测试职业技术学院", "code": CODE, "city": "柳州市", "province": "广西壮族自治区"}})
    assert got["school.name"] == got["school.code"] == got["school.city"] == (1, 0, 0)
    assert got["school.province"] == (1, 0, 0)  # from the other report's graph, not the reference graph's 黑龙江省


def test_missing_report_scores_everything_as_missed(dataset) -> None:
    key = {"report": "absent.txt", "checks": [{"id": "m", "kind": "metric", "source": "prose", "expected": {
        "key": "k", "names": ["任务完成率"], "value": "98.33", "scope": "school"}}]}
    assert ak.score(dataset, key)["metric"] == (0, 0, 1, 1.0, 0.0)


def test_oxigraph_file_and_rdflib_dataset_agree(dataset, tmp_path: Path) -> None:
    path = tmp_path / "kg.trig"
    dataset.serialize(destination=str(path), format="trig")
    keys = [ak.load_key(p) for p in KEY_FILES[:1]] + [_key(
        {"id": "a", "kind": "accreditation", "expected": {"scheme": "sydney-accord", "scheme_names": ["悉尼协议"],
                                                          "majors": [{"name": "护理", "code": "520201"}]}})]
    assert ak.score(path, keys) == ak.score(dataset, keys)


def test_cli_prints_a_table_and_fails_clearly_on_a_missing_graph(dataset, tmp_path: Path, capsys) -> None:
    path = tmp_path / "kg.trig"
    dataset.serialize(destination=str(path), format="trig")
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "main.json").write_text(json.dumps(_key(
        {"id": "m", "kind": "metric", "expected": {"key": "task-completion-rate", "names": ["任务完成率"],
                                                   "value": "98.33", "scope": "school"}})), encoding="utf-8")
    assert ak.main([str(path), "--keys", str(keys)]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "metric" in out
    assert ak.main([str(tmp_path / "nope.trig")]) == 2
    assert "nope.trig" in capsys.readouterr().err
