"""A small, fully known graph for the API, linked-data and export tests.

Built the way the pipeline builds the real one (``loaders.facts`` -> ``kg.build``) so the tests
exercise the same IRIs, reification and evidence. Each fixture report's "text" is the
concatenation of its quotes, one per line, so evidence offsets and lines are consistent.
Real extraction is covered by other tests; this fixture pins exact counts.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Dataset, Literal, URIRef

from kg.build import add_quads, fact_triples, new_dataset, report_quads
from kg.ids import iri
from kg.namespaces import LEVEL, RDF, RDFS, REFERENCE_GRAPH, SG, SKOS, XSD
from kg.sentences import SentenceIndex, sentence_quads
from kg.vocab import notations, scheme_triples
from loaders.facts import Evidence, Facts, GYear, Node, NodeRef, Ref

SCHOOL_A = "1000000001"
SCHOOL_B = "1000000002"
SYDNEY_MAJORS_A = ["460104", "510201"]
SYDNEY_MAJORS_B = ["460104"]
CATALOG = {"460104": "机械制造及自动化", "510201": "计算机应用技术", "530302": "大数据与会计", "500211": "汽车检测与维修技术"}
LEVELS = {"national": "国家级", "provincial": "省级", "international": "国际级", "municipal": "市级", "school": "校级"}


class _Text:
    """Accumulates one fixture report's text and hands out evidence for each quote."""

    def __init__(self, report: str) -> None:
        self.report = report
        self.text = ""

    def ev(self, quote: str) -> Evidence:
        start = len(self.text)
        line = self.text.count("\n") + 1
        self.text += quote + "\n"
        return Evidence(self.report, start, start + len(quote), line, quote)


def _node(text: _Text, kind: str, key: str, label: str, quote: str, *, en: str | None = None,
          alt: set[str] | None = None, **attrs: object) -> Node:
    node = Node(kind, key, label, label_en=en, alt_labels=alt or set(), rule="fixture")
    node.evidence.append(text.ev(quote))
    for prop, value in attrs.items():
        for v in value if isinstance(value, list) else [value]:
            node.add(prop, v)  # type: ignore[arg-type]
    return node


def report_key(code: str) -> str:
    return f"{code}-midterm-self-evaluation-2022"


def _school_facts(code: str, name: str, en: str) -> tuple[Facts, _Text]:
    key = report_key(code)
    facts, text = Facts(key), _Text(key)
    facts.node(_node(text, "School", code, name, f"{name}双高计划中期绩效自评报告", en=en,
                     schoolCode=code, province="黑龙江省", city="哈尔滨市"))
    return facts, text


def _major(facts: Facts, text: _Text, school: str, code: str, cert: str | None, college: str | None) -> NodeRef:
    name = CATALOG[code]
    ref = facts.node(_node(text, "Major", f"{school}-{code}", name, f"{name}专业", catalogMatch="exact",
                           catalogEntry=NodeRef("CatalogMajor", code)))
    facts.link(ref, "offeredBy", NodeRef("School", school), [text.ev(f"学校开设{name}专业")])
    if cert:
        cert_label = {"sydney-accord": "悉尼协议", "cebvec": "CEBVEC"}[cert]
        facts.node(_node(text, "Certification", cert, cert_label, f"{cert_label}认证",
                         en={"sydney-accord": "Sydney Accord", "cebvec": "CEBVEC"}[cert],
                         category="international-accreditation"))
        facts.link(ref, "accreditedUnder", NodeRef("Certification", cert), [text.ev(f"{name}专业通过{cert_label}认证")])
    if college:
        cref = facts.node(_node(text, "SecondaryCollege", f"{school}-{college}", college, f"{college}负责"))
        facts.link(ref, "inSecondaryCollege", cref, [text.ev(f"{college}开设{name}")])
        facts.link(NodeRef("School", school), "hasSecondaryCollege", cref, [text.ev(f"学校设有{college}")])
    return ref


def _partner(facts: Facts, text: _Text, school: str, kind: str, key: str, label: str, org_kind: str,
             relation: str) -> NodeRef:
    org = facts.node(_node(text, kind, key, label, f"与{label}{relation}", orgKind=org_kind))
    quote = text.ev(f"学校与{label}开展{relation}合作")
    facts.link(NodeRef("School", school), "partner", org, [quote])
    facts.node(_node(text, "Partnership", f"{school}-{key}-{relation}", f"{label}{relation}", quote.quote,
                     relationKind=relation, partnerOf=NodeRef("School", school), partnerOrg=org))
    return org


def school_a() -> tuple[Facts, _Text]:
    facts, text = _school_facts(SCHOOL_A, "甲职业技术学院", "Jia Polytechnic")
    school = NodeRef("School", SCHOOL_A)
    m1 = _major(facts, text, SCHOOL_A, "460104", "sydney-accord", "机电工程学院")
    m2 = _major(facts, text, SCHOOL_A, "510201", "sydney-accord", "信息工程学院")
    _major(facts, text, SCHOOL_A, "530302", "cebvec", None)
    group = facts.node(_node(text, "ProfessionalGroup", f"{SCHOOL_A}-智能制造专业群", "智能制造专业群",
                             "智能制造专业群为国家级高水平专业群", en="Intelligent Manufacturing Group",
                             alt={"智能制造高水平专业群"},
                             level=Ref(str(LEVEL["national"])), category="国家级高水平专业群"))
    facts.link(school, "hasGroup", group, [text.ev("学校建设智能制造专业群")])
    facts.link(group, "leadMajor", m1, [text.ev("以机械制造及自动化专业为核心")])
    facts.link(group, "hasMember", m1, [text.ev("群内包含机械制造及自动化")])
    facts.link(group, "hasMember", m2, [text.ev("群内包含计算机应用技术")])
    liugong = _partner(facts, text, SCHOOL_A, "Enterprise", "广西柳工机械股份有限公司", "广西柳工机械股份有限公司",
                       "enterprise", "共建")
    _partner(facts, text, SCHOOL_A, "Enterprise", "华为技术有限公司", "华为技术有限公司", "enterprise", "订单班")
    ic = facts.node(_node(text, "IndustryCollege", f"{SCHOOL_A}-柳工产业学院", "柳工产业学院", "与柳工共建柳工产业学院",
                          level=Ref(str(LEVEL["provincial"]))))
    facts.link(school, "hasIndustryCollege", ic, [text.ev("学校建有柳工产业学院")])
    facts.link(ic, "partner", liugong, [text.ev("柳工产业学院由学校与广西柳工机械股份有限公司共建")])
    for year, level, name, count in [(2021, "national", "全国职业院校技能大赛一等奖", 3),
                                     (2020, "provincial", "省级教学成果奖", 2),
                                     (2019, "national", "国家级教学资源库", 1)]:
        ach = facts.node(_node(text, "Achievement", f"{SCHOOL_A}-{year}-{name}", name, f"{year}年获{name}{count}项",
                               level=Ref(str(LEVEL[level])), year=GYear(year), count=count,
                               category="competition-award" if "大赛" in name else "teaching-achievement-award"))
        facts.link(ach, "achievedBy", school, [text.ev(f"学校获{name}")])
    prog = facts.node(_node(text, "Program", "双高计划", "双高计划", "入选双高计划", category="双高计划",
                            level=Ref(str(LEVEL["national"]))))
    facts.link(school, "participatesIn", prog, [text.ev("学校入选双高计划建设单位")])
    lb = facts.node(_node(text, "Program", "鲁班工坊-泰国", "泰国鲁班工坊", "在泰国建成鲁班工坊", country="泰国",
                          category="鲁班工坊"))
    facts.link(school, "participatesIn", lb, [text.ev("学校建设泰国鲁班工坊")])
    facts.node(_node(text, "FundingRecord", f"{SCHOOL_A}-中央财政", "中央财政投入", "中央财政 1000 900 800 88.89%",
                     fundingScope=school, fundingSource="中央财政", budget=Decimal("1000"),
                     received=Decimal("900"), spent=Decimal("800"), executionRate=Decimal("88.89"),
                     period="2019-2021", unit="万元"))
    facts.node(_node(text, "Metric", f"{SCHOOL_A}-task-completion-rate", "任务完成率", "任务完成率100%",
                     metricName="任务完成率", metricKey="task-completion-rate", value=Decimal("100"), unit="%",
                     period="2019-2021", scope=school))
    return facts, text


def school_b() -> tuple[Facts, _Text]:
    facts, text = _school_facts(SCHOOL_B, "乙职业技术学院", "Yi Polytechnic")
    school = NodeRef("School", SCHOOL_B)
    m = _major(facts, text, SCHOOL_B, "460104", "sydney-accord", "机电工程学院")
    _major(facts, text, SCHOOL_B, "500211", None, "汽车工程学院")
    group = facts.node(_node(text, "ProfessionalGroup", f"{SCHOOL_B}-汽车专业群", "汽车专业群", "汽车专业群为省级专业群",
                             level=Ref(str(LEVEL["provincial"])), category="特色专业群"))
    facts.link(school, "hasGroup", group, [text.ev("学校建设汽车专业群")])
    facts.link(group, "hasMember", m, [text.ev("汽车专业群包含机械制造及自动化")])
    _partner(facts, text, SCHOOL_B, "Enterprise", "广西柳工机械股份有限公司", "广西柳工机械股份有限公司",
             "enterprise", "订单班")
    _partner(facts, text, SCHOOL_B, "PartnerOrganization", "哈尔滨工业大学", "哈尔滨工业大学", "university", "合作办学")
    ach = facts.node(_node(text, "Achievement", f"{SCHOOL_B}-2022-全国黄炎培职业教育奖", "全国黄炎培职业教育奖",
                           "2022年获全国黄炎培职业教育奖", level=Ref(str(LEVEL["national"])), year=GYear(2022), count=1,
                           category="title"))
    facts.link(ach, "achievedBy", school, [text.ev("学校获全国黄炎培职业教育奖")])
    prog = facts.node(_node(text, "Program", "双高计划", "双高计划", "乙校入选双高计划", category="双高计划"))
    facts.link(school, "participatesIn", prog, [text.ev("乙校入选双高计划")])
    return facts, text


def _report_triples(facts: Facts, text: _Text, code: str, file_name: str) -> list[tuple]:
    report = iri("Report", facts.report)
    return [
        (report, RDF.type, SG.Report),
        (report, RDFS.label, Literal(f"{file_name} 中期绩效自评报告", lang="zh")),
        (report, SG.fileName, Literal(file_name)),
        (report, SG.reportKind, Literal("midterm-self-evaluation")),
        (report, SG.period, Literal("2019-2021")),
        (report, SG.year, Literal("2022", datatype=XSD.gYear)),
        (report, SG.describes, iri("School", code)),
    ]


def reference_quads() -> list[tuple]:
    quads: list[tuple] = []
    for code, label in CATALOG.items():
        c = iri("CatalogMajor", code)
        quads += [(c, RDF.type, SKOS.Concept, REFERENCE_GRAPH), (c, SKOS.prefLabel, Literal(label, lang="zh"), REFERENCE_GRAPH),
                  (c, SKOS.notation, Literal(code), REFERENCE_GRAPH)]
    for key, label in LEVELS.items():
        lv = URIRef(LEVEL[key])
        quads += [(lv, RDF.type, SKOS.Concept, REFERENCE_GRAPH), (lv, SKOS.prefLabel, Literal(label, lang="zh"), REFERENCE_GRAPH)]
    return quads + _concept_quads()


def _concept_quads() -> list[tuple]:
    """The concepts of coded values the fixture's facts use (not every scheme: the fixture stays small) and the
    sg:schemeOf of their schemes."""
    used = {o for facts, _ in (school_a(), school_b()) for _, _, o in fact_triples(facts) if str(o) in notations()}
    schemes_used = {o for s, p, o in scheme_triples() if s in used and p == SKOS.inScheme}
    return [(s, p, o, REFERENCE_GRAPH) for s, p, o in scheme_triples()
            if (s in used and p != SKOS.topConceptOf) or (s in schemes_used and p == SG.schemeOf)]


def report_texts() -> dict[str, str]:
    """Report key -> the fixture report's text (evidence quotes are substrings at their offsets)."""
    return {facts.report: text.text for facts, text in (school_a(), school_b())}


def fixture_dataset() -> Dataset:
    ds = new_dataset()
    for (facts, text), code in ((school_a(), SCHOOL_A), (school_b(), SCHOOL_B)):
        quads = list(report_quads(facts, _report_triples(facts, text, code, f"{code}.txt")))
        index = {iri("Report", facts.report): SentenceIndex.from_spans(text.text, ())}  # a quote per line: its line
        add_quads(ds, [*quads, *sentence_quads(index, quads)])
    add_quads(ds, reference_quads())
    return ds


def write_fixture_trig(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fixture_dataset().serialize(destination=str(path), format="trig")
    return path


def fixture_app(trig: Path):
    """The real app over the fixture graph (use ``with TestClient(app)`` so its store opens)."""
    from api.app import create_app
    from api.settings import Settings

    return create_app(Settings(graph=trig, workers=1))


def fixture_client(tmp_dir: Path):
    """A TestClient over the fixture graph (a context manager: ``with`` starts the app)."""
    return fixture_client_for(write_fixture_trig(tmp_dir / "kg.trig"))


def fixture_client_for(trig: Path):
    """A TestClient over any graph file (a context manager)."""
    from fastapi.testclient import TestClient

    return TestClient(fixture_app(trig))


def assert_problem(response, status: int, param: str | None = None) -> dict:
    """``response`` is an application/problem+json error with ``status`` (naming ``param`` when given)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    if param is not None:
        assert param in body["detail"], body
        assert any(p["name"] == param for p in body.get("invalid_params", [])), body
    return body


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


class LiveServer:
    """The real app over ``trig`` served by uvicorn on a free loopback port, in a thread (for browsers)."""

    def __init__(self, trig: Path) -> None:
        import socket
        import threading

        import uvicorn

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        config = uvicorn.Config(fixture_app(trig), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
