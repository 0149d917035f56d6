"""Work abroad: every clause that says the school did something in or with another country.

The programme recogniser knows overseas ventures by name (鲁班工坊, a country-led academy); this
classifier keeps the rest of the international work a report states — teachers sent abroad to
train or teach, standards and teaching resources exported, students recruited from abroad,
training for companies' overseas staff, recognition by foreign bodies — one ``sg:Program`` of
category 境外交流合作 per clause, labelled by the clause as printed, with ``sg:country`` for each
country it names (``data/lexicon/countries.csv``). A clause counts when it names a country or
speaks of abroad (海外, 境外, 国外, 一带一路, 留学生 …) and has a verb of doing
(赴, 输出, 推广, 培训, 招收, 研修, 合作 …); plans and negations do not count. Each is a claim of its
report: the key is the report and the clause's offsets.
"""

from __future__ import annotations

import re

from loaders.document.model import Document, Sentence
from loaders.extract import recogniser
from loaders.extract.achievements import tidy_name
from loaders.extract.base import evidence_at
from loaders.extract.common import apply_each, new_node, school_ref
from loaders.extract.mentions import clauses, in_skipped_section, is_settled
from loaders.extract.programmes import blank_titles, country_gazetteer
from loaders.facts import Facts

RULE = "overseas"
CATEGORY = "境外交流合作"
_ABROAD = re.compile(r"海外|境外|国外|国际(?!化)|一带一路|留学生|走出去|援外|外籍|外国")
_DOING = re.compile(r"赴|输出|推广|培训|开展|招收|招生|研修|访学|合作|交流|援建|援助|授课|开设|举办|承办|建设|共建|引入|引进|认证|出国|派出|选派|服务")
_MIN_CLAUSE = 8
_MAX_LABEL = 80


def overseas_clauses(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, the countries named) of each clause about work abroad (pure)."""
    found = []
    text = blank_titles(text)  # 《国际中文教育…标准》 names a document, not work abroad
    for start, end in clauses(text):
        clause = text[start:end]
        if len(clause) < _MIN_CLAUSE or not is_settled(clause) or not _DOING.search(clause):
            continue
        countries = tuple(sorted({m.value.name for m in country_gazetteer().find(clause)}))
        if countries or _ABROAD.search(clause):
            found.append((start, end, countries))
    return found


def _sentence_overseas(doc: Document, facts: Facts, sentence: Sentence) -> None:
    for start, end, countries in overseas_clauses(sentence.norm):
        label = tidy_name(sentence.norm[start:end])[:_MAX_LABEL]
        raw_start, raw_end = sentence.raw_span(start, end)
        evidence = evidence_at(doc, raw_start, raw_end)
        node = new_node("Program", f"{doc.key}-overseas-{raw_start}", label, RULE, evidence)
        node.add("category", CATEGORY)
        for country in countries:
            node.add("country", country)
        ref = facts.node(node)
        facts.link(school_ref(doc), "participatesIn", ref, [evidence])


@recogniser(RULE, after=("initiatives",))
def extract_overseas(doc: Document, facts: Facts) -> None:
    for paragraph in doc.paragraphs:
        if in_skipped_section(paragraph):
            continue
        apply_each(paragraph.sentences, "overseas sentence", lambda s: _sentence_overseas(doc, facts, s))
