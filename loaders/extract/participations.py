"""Participations: a school's part in a programme, platform or alliance as an n-ary sg:Participation.

Read from the ``participatesIn`` links the programme recognisers made (programmes, initiatives, overseas), not
from the text again. Each link becomes a Participation of the report (the programme, the link's evidence, and the
participant: the professional group a clause naming the programme names before it — 专业群成功申报 9 个“1+X”证书
试点, by the one scope resolver — else the school), with

- its **role** when a clause that states the link names one (牵头/主持 → lead, 理事长单位 → chair,
  副理事长单位 → vice-chair, 成员/理事/会员单位 → member);
- the **count** the school states of it: a figure of the participant's scope whose name is the programme as
  printed (1+X 证书试点 18 项) or a table column counting it (…1+X 证书试点… 试点数), one Participation per
  period of such a count (a table by year gives one per year), else one for the report's period.

Participations are claims of a report: their key holds the report, so two reports that count differently keep
their own counts.
"""

from __future__ import annotations

import re
from functools import partial

from loaders.document.model import Document
from loaders.extract import recogniser
from loaders.extract.colocation import (
    Clause,
    CountFigures,
    Locator,
    label_of,
    links_of,
    printed_forms,
)
from loaders.extract.lexicon import fold
from loaders.extract.partners import SCHOOL_SUBJECT
from loaders.extract.scope import ScopeContext, named_scope, scope_context
from loaders.facts import Facts, Link, Node, NodeRef
from loaders.keys import slug

RULE = "participations"
# a seat is the school's own only when the clause says the school holds it (当选/担任/作为/成为 …): 成员单位达
# 170 家 counts the alliance's members; leading (牵头/主持) is stated of the subject anyway
_SEAT = r"(?:当选为?|担任|作为|成为|是)[^，,。；;]{0,30}?"
_ROLES = re.compile(rf"{_SEAT}(?P<vice>副理事长(?:单位)?)|{_SEAT}(?P<chair>理事长(?:单位)?)|(?P<lead>牵头|主持)"
                    rf"|{_SEAT}(?P<member>成员单位|会员单位|理事单位)")
_ROLE_CODES = {"vice": "vice-chair", "chair": "chair", "lead": "lead", "member": "member"}


def role_in(clause: str) -> str | None:
    """The role code a clause states (the first role word it names), or None."""
    m = _ROLES.search(clause)
    return _ROLE_CODES[m.lastgroup] if m and m.lastgroup else None


def counts_programme(name: str, forms: set[str]) -> bool:
    """Whether a figure's folded name counts the programme: it is the programme as printed, or a column of a
    table about it that counts its head noun (…1+X证书试点… 试点数)."""
    return any(name.endswith(f) or (f in name and name.endswith(f[-2:] + "数")) for f in forms)


def _participation(doc: Document, facts: Facts, participant: NodeRef, link: Link, period: str) -> Node:
    who, what = label_of(facts, participant), label_of(facts, link.object)
    node = Node("Participation", slug(f"{doc.key}-{participant.key}-{link.object.key}-{period}"),
                f"{who}参与{what}", rule=RULE)
    node.add("participant", participant)
    node.add("programme", link.object)
    if period:
        node.add("period", period)
    return node


def participant_of(ctx: ScopeContext, clause: Clause, school: NodeRef) -> NodeRef:
    """The professional group a clause naming the programme names before it (专业群成功申报…试点), else the school
    (also when the clause itself opens with the school: …专业群…，学校牵头成立…联盟)."""
    if SCHOOL_SUBJECT.match(clause.text):
        return school
    sentence = clause.sentence
    upto = len(fold(sentence.raw[:clause.end - sentence.start]))
    scope = named_scope(ctx, sentence, min(upto, len(sentence.norm)), ctx.context_of(None))
    return scope if scope is not None and scope.kind == "ProfessionalGroup" else school


def _by_participant(ctx: ScopeContext, clauses: set[Clause], school: NodeRef) -> dict[NodeRef, list[Clause]]:
    """The clauses naming a programme, by who takes part in it there (the school when no clause names it)."""
    found: dict[NodeRef, list[Clause]] = {}
    for clause in sorted(clauses, key=lambda c: c.start):
        found.setdefault(participant_of(ctx, clause, school), []).append(clause)
    return found or {school: []}


@recogniser(RULE, after=("programmes", "initiatives", "overseas", "metrics", "observations"))
def extract_participations(doc: Document, facts: Facts) -> None:
    locator, ctx, figures = Locator(doc), scope_context(doc, facts), CountFigures(facts)
    for link in list(links_of(facts, "participatesIn")):
        programme = facts.nodes.get(link.object)
        if programme is None:
            continue
        forms = printed_forms(programme, (ev.quote for ev in link.evidence if locator.clause(ev) is not None))
        clauses = locator.clauses_naming([*link.evidence, *programme.evidence], forms)
        endings = {e for f in forms for e in (f[-2:], f[-2:] + "数")}  # how a count of it may end (…试点, …试点数)
        for participant, its_clauses in sorted(_by_participant(ctx, clauses, link.subject).items()):
            stated = [ev for ev in link.evidence if not its_clauses or any(c.overlaps(ev) for c in its_clauses)]
            roles = sorted({role for clause in its_clauses if (role := role_in(clause.text)) is not None})
            counts = [(f.count, f.period, f.evidence) for f in
                      figures.stated(participant, endings, partial(counts_programme, forms=forms))]
            for count, period, evidence in counts or [(None, doc.meta.period or "", ())]:
                node = _participation(doc, facts, participant, link, period)
                if count is not None:
                    node.add("count", count)
                for role in roles:
                    node.add("role", role)
                node.evidence.extend(ev for ev in [*(stated or link.evidence), *evidence] if ev not in node.evidence)
                facts.node(node)
