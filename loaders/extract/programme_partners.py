"""Partners of programmes: the enterprise or organisation a clause says a platform, base, centre or alliance is
built or run with.

Read from facts other recognisers made: a partnership of the school or a group (partners, organisations) whose
partner is named in the same clause as a programme the school takes part in (``participatesIn``: programmes,
initiatives) — 与华为共建鲁班工坊, 联合…公司建设…实训基地 — makes the partner a partner of the programme too,
with the same relation kind and the clause as evidence. Names are placed by their own evidence (the span of the
organisation's name, of the programme's name), never by a whole sentence. Only kinds of working together count:
a body that recognises, authorises, sponsors or has the school as a member is not a partner of the thing built.
"""

from __future__ import annotations

from loaders.document.model import Document
from loaders.extract import recogniser
from loaders.extract.base import evidence_at
from loaders.extract.colocation import Clause, Locator, links_of, nodes_of, printed_forms
from loaders.extract.lexicon import fold
from loaders.extract.partners import add_partner
from loaders.facts import Facts, Node, NodeRef

RULE = "programme-partners"
_NOT_WORK = {"recognition", "authority", "sponsor", "membership"}


def _programme_clauses(facts: Facts, locator: Locator) -> list[tuple[NodeRef, set[Clause]]]:
    """Each programme the school takes part in, with the clauses that name it."""
    found = []
    for link in links_of(facts, "participatesIn"):
        programme = facts.nodes.get(link.object)
        if programme is None:
            continue
        forms = printed_forms(programme, (ev.quote for ev in link.evidence if locator.clause(ev) is not None))
        found.append((link.object, locator.clauses_naming([*link.evidence, *programme.evidence], forms)))
    return found


def is_itself(partner: Node, programme: Node | None) -> bool:
    """Whether the partner and the programme are one thing named twice (有色工业人才中心 / 有色工业人才中心)."""
    if programme is None:
        return True
    a, b = fold(partner.label), fold(programme.label)
    return a in b or b in a


def _working_kinds(partnership: Node) -> list[str]:
    return [k for k in partnership.attrs.get("relationKind", []) if isinstance(k, str) and k not in _NOT_WORK]


@recogniser(RULE, after=("partners", "organisations", "participations"))
def extract_programme_partners(doc: Document, facts: Facts) -> None:
    locator = Locator(doc)
    programmes = _programme_clauses(facts, locator)
    for partnership in list(nodes_of(facts, "Partnership")):
        partner = next((p for p in partnership.attrs.get("partnerOrg", []) if isinstance(p, NodeRef)), None)
        kinds = _working_kinds(partnership)
        if partner is None or partner not in facts.nodes or not kinds:
            continue
        named_in = locator.clauses(facts.nodes[partner].evidence)
        stated_in = {c for c in named_in if any(c.overlaps(ev) for ev in partnership.evidence)}
        for programme, clauses in programmes:
            shared = stated_in & clauses
            if not shared or is_itself(facts.nodes[partner], facts.nodes.get(programme)):
                continue
            for clause in sorted(shared, key=lambda c: c.start):
                for kind in kinds:
                    add_partner(facts, programme, facts.nodes[partner], kind, evidence_at(doc, clause.start, clause.end))
