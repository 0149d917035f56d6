"""Which school or group a sentence, paragraph or table is about — one resolver for every recogniser.

A figure, an achievement or a partnership belongs to the group the text names before it (by name,
by abbreviation, or as 本专业群 / 专业群层面 = the report's own group), else to the group the
paragraph opens with, else to the group its heading (or an enclosing heading) names, else to the
school. :class:`ScopeContext` holds what that needs for one document; build it once with
:func:`scope_context` after the group recogniser has run. Periods are resolved here too: the
period or single year printed before a figure, else the report's period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.document.model import Document, Heading, Paragraph, Span
from loaders.extract.common import heading_chains, heading_titles, school_ref
from loaders.extract.gazetteer import Gazetteer
from loaders.extract.groups import (
    BARE_GROUP_REFERENCE,
    OwnGroup,
    add_mentioned_group,
    add_own_group,
    known_group_leads,
    level_in_context,
    own_group,
    report_group_mentions,
)
from loaders.extract.mentions import fold
from loaders.extract.numbers import find_period, period_label
from loaders.facts import Facts, NodeRef

_SCHOOL_LEVEL = re.compile(r"学校层面|学院层面")
_OPENING_GROUP_REFERENCE = re.compile(r"(?:本|该)专业(?:集)?群")
_SENTENCE_END = re.compile(r"[。！？!?；;：:]\s*$")
# "2021 年" or a cohort "2021 届"; a cut-off date "截至 2021 年底" dates a running total, not its period
SINGLE_YEAR = re.compile(r"(?<!截至)(?<!截止)((?:19|20)\d{2})\s*[年届](?!\s*[-—–~～至到])")


@dataclass(frozen=True, slots=True)
class ScopeContext:
    doc: Document
    facts: Facts
    chains: dict[int, tuple[Heading, ...]]
    own: OwnGroup | None
    leads: tuple[str, ...]  # groups the report names (see groups.known_group_leads)
    holders: Gazetteer[NodeRef]  # the groups and majors extracted so far, by every spelling

    def school(self) -> NodeRef:
        return school_ref(self.doc)

    def own_group_ref(self) -> NodeRef | None:
        """The report's own group (the one a bare 专业群 means), when it has one."""
        return add_own_group(self.doc, self.facts, self.own) if self.own is not None else None

    def context_of(self, heading: Heading | None) -> str:
        """Text around a span that may carry its level (heading titles and the report title)."""
        return f"{heading_titles(heading)} {self.doc.meta.title}"


def scope_context(doc: Document, facts: Facts) -> ScopeContext:
    leads = known_group_leads(facts)
    return ScopeContext(doc, facts, heading_chains(doc), own_group(doc, leads), leads, holder_gazetteer(facts))


def named_scope(ctx: ScopeContext, span: Span, upto: int, context: str) -> NodeRef | None:
    """The group named (or referred to as 本专业群 / 专业群层面) in ``span.norm[:upto]``; the school for 学校层面."""
    text = span.norm[:upto]
    groups = [g for g in report_group_mentions(span.norm, ctx.leads) if g.start < upto]
    bare = list(BARE_GROUP_REFERENCE.finditer(text))
    if groups and (not bare or groups[-1].start >= bare[-1].start()):
        g = groups[-1]
        return add_mentioned_group(ctx.doc, ctx.facts, span, g,
                                   level_in_context(span.norm[:g.start], context, span.norm[g.end:]))
    if bare and ctx.own is not None:
        return add_own_group(ctx.doc, ctx.facts, ctx.own)
    if _SCHOOL_LEVEL.search(text):
        return school_ref(ctx.doc)
    return None


def heading_scope(ctx: ScopeContext, heading: Heading | None, context: str) -> NodeRef | None:
    """The scope named by the heading or the nearest enclosing heading that names one."""
    if heading is None:
        return None
    for enclosing in ctx.chains.get(heading.start, (heading,)):
        scope = named_scope(ctx, enclosing, len(enclosing.norm), context)
        if scope is not None:
            return scope
    return None


def holder_of(ctx: ScopeContext, span: Span, upto: int, heading: Heading | None, topic: NodeRef | None) -> NodeRef | None:
    """Who a recognition stated in ``span.norm[:upto]`` belongs to: a group or major named before it
    (a major only as 「…专业」), else a group the text refers to (本专业群, an abbreviation), else the
    paragraph's topic group, else the group its heading names; None: the school."""
    context = ctx.context_of(heading)
    return (holder_in(span.norm[:upto], ctx.holders) or named_scope(ctx, span, upto, context) or topic
            or heading_scope(ctx, heading, context))


def period_of(doc: Document, text: str) -> str:
    """The period or single year printed in ``text`` (the words before a figure), else the report's."""
    found = find_period(text)
    if found:
        return period_label(found[2])
    single = SINGLE_YEAR.search(text)
    if single:
        return single.group(1)
    return doc.meta.period or "undated"


def paragraph_topic(ctx: ScopeContext, paragraph: Paragraph) -> NodeRef | None:
    """The group a paragraph opens with ("汽检专业群实施…", "本专业群与…"): the paragraph is about it."""
    if not paragraph.sentences:
        return None
    first = paragraph.sentences[0]
    groups = report_group_mentions(first.norm, ctx.leads)
    if groups and groups[0].start == 0:
        return named_scope(ctx, first, groups[0].end, "")
    bare = _OPENING_GROUP_REFERENCE.match(first.norm)
    return named_scope(ctx, first, bare.end(), "") if bare else None


def runs_on(paragraph: Paragraph) -> bool:
    """A paragraph cut mid-sentence (a page break or a blank line inside a wrapped sentence)."""
    return _SENTENCE_END.search(paragraph.norm) is None


def paragraph_topics(ctx: ScopeContext) -> list[tuple[Paragraph, NodeRef | None]]:
    """Each paragraph with its topic group; a paragraph cut mid-sentence keeps the topic of the one before."""
    out: list[tuple[Paragraph, NodeRef | None]] = []
    topic: NodeRef | None = None
    previous: Paragraph | None = None
    for paragraph in ctx.doc.paragraphs:
        continues = previous is not None and runs_on(previous) and previous.heading == paragraph.heading
        topic = (topic if continues else None) or paragraph_topic(ctx, paragraph)
        out.append((paragraph, topic))
        previous = paragraph
    return out


# --- holders: which group or major (else the school) a recognition or figure belongs to ---------


def holder_gazetteer(facts: Facts) -> Gazetteer[NodeRef]:
    """Names of the groups and majors already extracted (the possible holders besides the school)."""
    entries: list[tuple[str, NodeRef]] = []
    for node in facts.nodes.values():
        if node.kind in ("ProfessionalGroup", "Major"):
            for label in sorted({node.label, *node.alt_labels}):
                if len(label) >= 2:
                    entries.append((fold(label).text, node.ref))
    # groups first so that 机电一体化技术专业群 is not read as the major 机电一体化技术
    entries.sort(key=lambda e: (e[1].kind != "ProfessionalGroup", e[0]))
    return Gazetteer(entries)


def holder_in(text: str, holders: Gazetteer[NodeRef]) -> NodeRef | None:
    """The last group or major named in ``text``; a major only when written as 「…专业」."""
    folded = fold(text).text
    found: NodeRef | None = None
    for match in holders.find(folded):
        if match.value.kind == "Major" and not folded.startswith("专业", match.end):
            continue
        if match.value.kind == "Major" and folded.startswith("专业群", match.end):
            continue
        found = match.value
    return found


def holder_from_headings(paragraph: Paragraph, holders: Gazetteer[NodeRef]) -> NodeRef | None:
    heading = paragraph.heading
    if heading is None:
        return None
    for title in (heading.title, *reversed(heading.path)):
        ref = holder_in(title, holders)
        if ref is not None and ref.kind == "ProfessionalGroup":
            return ref
    return None
