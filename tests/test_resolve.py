"""Entity resolution: merge rules, never-merge cases, rewriting, determinism, and the corpus."""

from __future__ import annotations

import random
from pathlib import Path

from loaders.document import load_document
from loaders.extract.industry_colleges import extract_industry_colleges
from loaders.extract.orgnames import org_key
from loaders.extract.partners import add_partner, extract_partners
from loaders.facts import Evidence, Facts, Node, NodeRef
from loaders.resolve import plan_merges, resolve

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
SCHOOL = NodeRef("School", "4145012104")


def org(name: str, kind: str = "Enterprise", org_kind: str = "enterprise", alias: str | None = None) -> Node:
    node = Node(kind, org_key(name), name, rule="partners")
    node.add("orgKind", org_kind)
    if alias:
        node.alt_labels.add(alias)
    return node


def report(key: str, *orgs: Node) -> Facts:
    facts = Facts(key)
    for i, node in enumerate(orgs):
        add_partner(facts, SCHOOL, node, "共建", Evidence(key, i, i + 1, 1, "x"))
    return facts


def targets(*nodes: Node) -> dict[str, tuple[str, str]]:
    return {m.source.key: (m.target.key, m.rule) for m in plan_merges(nodes).values()}


def test_spelling_variants_merge() -> None:
    found = targets(org("深圳（哈尔滨）产业园投资开发有限公司"), org("深圳(哈尔滨)产业园投资开发有限公司"),
                    org("深圳哈尔滨产业园投资开发有限公司"))
    assert {rule for _, rule in found.values()} == {"normalised-spelling"}
    assert len({target for target, _ in found.values()}) == 1 and len(found) == 2


def test_stated_short_name_joins_its_legal_name_across_kinds() -> None:
    found = targets(org("广西柳工机械股份有限公司", alias="柳工"), org("柳工", "PartnerOrganization", "other"))
    assert found["柳工"] == ("广西柳工机械股份有限公司", "stated-short-name")


def test_unique_containment_legal_form_place_prefix_and_abbreviation() -> None:
    assert targets(org("上汽通用五菱"), org("上汽通用五菱股份有限公司"))["上汽通用五菱"] == (
        "上汽通用五菱股份有限公司", "unique-containing-legal-name")
    assert targets(org("广西汽车集团"), org("广西汽车集团有限公司"))["广西汽车集团"] == (
        "广西汽车集团有限公司", "legal-form")
    assert targets(org("柳工集团"), org("广西柳工集团"))["柳工集团"] == ("广西柳工集团", "place-prefix")
    assert targets(org("哈焊所"), org("哈尔滨焊接研究所有限公司"))["哈焊所"] == (
        "哈尔滨焊接研究所有限公司", "abbreviation")


def test_never_merge_different_things_that_share_words() -> None:
    assert targets(org("哈尔滨工业大学", "PartnerOrganization", "university"),
                   org("哈尔滨职业技术学院", "PartnerOrganization", "vocational-school")) == {}
    assert targets(org("广西汽车集团有限公司"), org("广西柳工集团")) == {}
    # a short name inside two legal names is ambiguous: left alone
    assert targets(org("柳工"), org("广西柳工机械股份有限公司"), org("柳工集团股份有限公司")) == {}
    # a company's short name is not the school whose longer name happens to contain it
    assert targets(org("中国电子"), org("中国电子商务发展历程及趋势现代服务学院", "PartnerOrganization", "university")) == {}
    # an abbreviation matching two full names is ambiguous too
    assert targets(org("哈工大", "PartnerOrganization", "university"),
                   org("哈尔滨工业大学", "PartnerOrganization", "university"),
                   org("哈尔滨工程大学", "PartnerOrganization", "university")) == {}


def test_rewrites_links_attributes_and_partnership_keys_and_keeps_spellings() -> None:
    first = report("r1", org("广西柳工机械股份有限公司", alias="柳工"))
    second = report("r2", org("柳工", "PartnerOrganization", "other"))
    _, resolved = resolve([first, second])
    target = NodeRef("Enterprise", "广西柳工机械股份有限公司")
    node = resolved.nodes[target]
    assert node.label == "广西柳工机械股份有限公司" and "柳工" in node.alt_labels
    assert node.attrs["mergeRule"] == ["stated-short-name"] and node.attrs["orgKind"] == ["enterprise"]
    assert (SCHOOL, "partner", target) in resolved.links
    assert not any(ref.key == "柳工" for ref in resolved.nodes)
    (relation,) = [n for n in resolved.nodes.values() if n.kind == "Partnership"]
    assert relation.attrs["partnerOrg"] == [target]
    assert relation.key == next(n.key for n in resolve([first])[0].nodes.values() if n.kind == "Partnership")


def test_deterministic_whatever_the_order() -> None:
    nodes = [org("上汽通用五菱"), org("上汽通用五菱股份有限公司"), org("广西汽车集团"), org("广西汽车集团有限公司"),
             org("哈焊所"), org("哈尔滨焊接研究所有限公司"), org("深圳(哈尔滨)产业园"), org("深圳哈尔滨产业园")]
    expected = plan_merges(nodes)
    for seed in range(5):
        shuffled = nodes[:]
        random.Random(seed).shuffle(shuffled)
        assert plan_merges(shuffled) == expected


def test_corpus_one_node_per_partner_across_reports() -> None:
    all_facts = []
    for path in sorted(REPORTS.glob("*.txt")):
        doc = load_document(path)
        facts = Facts(doc.key)
        extract_partners(doc, facts)
        extract_industry_colleges(doc, facts)
        all_facts.append(facts)
    resolved = resolve(all_facts)
    # spellings across report graphs (as the union of the named graphs shows them)
    labels: dict[NodeRef, set[str]] = {}
    for facts in resolved:
        for n in facts.nodes.values():
            if n.kind in {"Enterprise", "PartnerOrganization"}:
                labels.setdefault(n.ref, set()).update(n.alt_labels)
    assert "柳工" in labels[NodeRef("Enterprise", "广西柳工机械股份有限公司")]
    assert "哈焊所" in labels[NodeRef("Enterprise", "哈尔滨焊接研究所有限公司")]
    assert "上汽通用五菱" in labels[NodeRef("Enterprise", "上汽通用五菱股份有限公司")]
    # the laboratory is read whole (与 inside a unit's name); the university's short name is not the lab
    lab = NodeRef("PartnerOrganization", "哈尔滨工业大学先进焊接与连接国家重点实验室")
    assert lab in labels and "哈工大" not in labels[lab]
    assert not any(ref.key in {"柳工", "哈焊所", "上汽通用五菱", "广西汽车集团"} for ref in labels)
    # every link and attribute points at a node that exists in the same report graph or another one
    known = {ref for f in resolved for ref in f.nodes}
    for facts in resolved:
        for link in facts.links.values():
            if link.object.kind in {"Enterprise", "PartnerOrganization", "IndustryCollege"}:
                assert link.object in known


def test_an_abbreviation_ends_in_the_suffixes_that_end_the_full_name() -> None:
    lab = org("哈尔滨工业大学先进焊接与连接国家重点实验室", "PartnerOrganization", "research-institute")
    assert "哈工大" not in targets(org("哈工大", "PartnerOrganization", "university"), lab)
    university = org("哈尔滨工业大学", "PartnerOrganization", "university")
    assert targets(org("哈工大", "PartnerOrganization", "university"), university)["哈工大"] == (
        "哈尔滨工业大学", "abbreviation")


def test_majors_keyed_by_school_and_catalogue_code_are_left_to_their_keys() -> None:
    # two reports spell one major differently; the key (school code-catalogue code) already joins them
    first, second = Facts("r1"), Facts("r2")
    for facts, printed in ((first, "机械制造与自动化"), (second, "机械制造及自动化")):
        node = Node("Major", "4123012911-460104", "机械制造及自动化", rule="majors")
        if printed != node.label:
            node.alt_labels.add(printed)
        facts.node(node)
        add_partner(facts, SCHOOL, org("哈尔滨电机厂有限责任公司"), "共建", Evidence(facts.report, 0, 1, 1, "x"))
    resolved = resolve([first, second])
    majors = [n for f in resolved for n in f.nodes.values() if n.kind == "Major"]
    assert {n.ref for n in majors} == {NodeRef("Major", "4123012911-460104")}
    assert {n.label for n in majors} == {"机械制造及自动化"} and not any("mergeRule" in n.attrs for n in majors)


def test_a_shortened_name_with_the_same_suffix_joins_the_longer_one_unless_it_is_a_place() -> None:
    from loaders.resolve import plan_merges

    def org(name: str) -> Node:
        return Node("Enterprise", name, name)

    merges = plan_merges([org("淮海集团"), org("淮海工业集团"), Node("PartnerOrganization", "重庆大学", "重庆大学"),
                          Node("PartnerOrganization", "重庆邮电大学", "重庆邮电大学")])
    assert merges[NodeRef("Enterprise", "淮海集团")].target == NodeRef("Enterprise", "淮海工业集团")
    assert merges[NodeRef("Enterprise", "淮海集团")].rule == "shortened-name"
    assert NodeRef("PartnerOrganization", "重庆大学") not in merges


def test_a_shortened_name_keeps_its_places() -> None:
    from loaders.resolve import plan_merges

    bureaus = [Node("PartnerOrganization", n, n) for n in ("金华市教育局", "金华市婺城区教育局")]
    assert plan_merges(bureaus) == {}
    alliances = [Node("PartnerOrganization", n, n) for n in ("中俄职业教育联盟", "中俄职教联盟", "中俄联盟")]
    merges = plan_merges(alliances)
    assert {m.target.key for m in merges.values()} == {"中俄职业教育联盟"} and len(merges) == 3
