"""People: a person a report names, as printed — the name only, with its evidence (sg:Person).

Two shapes, both seen in reports of different schools: a teacher or student named before what they won
(教师宋磊荣获…, 学生胡兴盛获…), and the master a studio is named after (郭海青技能大师工作室, 李粉霞劳模创新工作室,
哈汽—董礼涛技能大师工作室). A name is a common surname (``data/lexicon/surnames.csv``, general knowledge) and one
or two more characters. The person is affiliated to the report's school and holds (sg:holds) the achievement
stated in the same clause after the name, or the studio (a programme whose name holds the person's).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.document.model import Document, Sentence
from loaders.extract import recogniser
from loaders.extract.base import evidence_at
from loaders.extract.colocation import Locator, links_of, nodes_of
from loaders.extract.common import apply_each, school_ref
from loaders.extract.lexicon import read_lexicon
from loaders.facts import Evidence, Facts, Node, NodeRef
from loaders.keys import slug

RULE = "people"
_ROLE_BEFORE = r"(?P<role>教师|老师|学生|同学|教授|工匠|劳模)"
_WON_AFTER = r"(?=荣获|获得|获|入选|被评为|当选)"
_STUDIO_AFTER = r"(?=(?P<studio>技能大师|劳模创新|名师|大师)工作室)"
# a studio's name starts its clause, a quote or a dash (哈汽—董礼涛…), or follows the verb that sets it up (建设/引进/
# 成立: one character of them is enough to look behind) — never inside a word
_NAME_START = r"(?:^|(?<=[，,。；;、“\"—\-\s建设引进成立]))"


@dataclass(frozen=True, slots=True)
class PersonMention:
    name: str
    role: str  # what the text calls the person, as printed
    start: int  # in the sentence's raw text
    end: int


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    surnames = sorted((row["surname"] for row in read_lexicon("surnames")), key=len, reverse=True)
    name = rf"(?P<name>(?:{'|'.join(surnames)})[\u4e00-\u9fff]{{1,2}}?)"
    return re.compile(_ROLE_BEFORE + name + _WON_AFTER), re.compile(_NAME_START + name + _STUDIO_AFTER)


def person_mentions(text: str) -> list[PersonMention]:
    """The people a sentence names in one of the two shapes."""
    won, studio = _patterns()
    found = [PersonMention(m["name"], m["role"], m.start("name"), m.end("name")) for m in won.finditer(text)]
    found += [PersonMention(m["name"], f"{m['studio']}工作室", m.start("name"), m.end("name"))
              for m in studio.finditer(text)]
    return found


def _held(facts: Facts, locator: Locator, person: Evidence, name: str) -> list[NodeRef]:
    """The achievements stated after the name in its clause, and the programmes named after the person."""
    clause = locator.clause(person)
    held = [node.ref for node in nodes_of(facts, "Achievement")
            if clause is not None and any(clause.holds(ev) and ev.start >= person.end for ev in node.evidence)]
    held += [link.object for link in links_of(facts, "participatesIn")
             if link.object in facts.nodes and name in facts.nodes[link.object].label]
    return sorted(set(held))


def _people_in(doc: Document, facts: Facts, locator: Locator, sentence: Sentence) -> None:
    for mention in person_mentions(sentence.raw):
        evidence = evidence_at(doc, sentence.start + mention.start, sentence.start + mention.end)
        node = Node("Person", slug(f"{doc.meta.school_code}-{mention.name}"), mention.name, rule=RULE)
        node.add("affiliation", school_ref(doc))
        node.add("roleAsPrinted", mention.role)
        for held in _held(facts, locator, evidence, mention.name):
            node.add("holds", held)
        node.evidence.append(evidence)
        facts.node(node)


@recogniser(RULE, after=("achievements", "recognitions", "initiatives", "programmes"))
def extract_people(doc: Document, facts: Facts) -> None:
    locator = Locator(doc)
    apply_each(doc.sentences, "people sentence", lambda s: _people_in(doc, facts, locator, s))
