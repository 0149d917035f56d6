"""Certifications: international accreditation schemes with their majors, 1+X certificates, counts.

- Tables with a major column and a scheme column (认证类型 / 类别 / 认证项目): each row links the
  major ``accreditedUnder`` the scheme named in the cell (lexicon: 悉尼协议, CEBVEC, UK NARIC …).
  A scheme not in the lexicon, in a table whose caption says 认证, is kept under its printed name.
  A table with a major column and no scheme column whose caption names one scheme ("通过悉尼协议范式专业
  认证的专业名单"): every row's major under that scheme.
- Prose clauses in which listed majors 通过 an accreditation the lexicon does not know (英国工程技术学会
  （IET）国际专业认证): the scheme as printed.
- Prose clauses naming one scheme and listing majors ("悉尼协议认证专业…有道路桥梁工程技术、工程造价等
  共 11 个专业"): the listed majors, and the stated count as the school's Metric ``{scheme key}-majors``
  (``sydney-accord-majors``); a count of 国际认证 majors without one scheme is
  ``internationally-accredited-majors``.
- 1+X certificates: "…职业技能等级证书" names (known names from the 1+X list win over guessed spans);
  a table row naming a certificate and a major, or a clause naming both with a verb of practice
  (试点, 实施, 推行 …), makes the major a pilot of it (``accreditedUnder``);
  any mention of 1+X makes the 1+X certificate system itself a certification of the report;
  a name right after 1+X (《1+X 皮肤护理师》) is a certificate too.
- Industry and vendor schemes named by their suffix (中国焊接工程师认证标准, …技能等级认证体系,
  ABB机器人及应用认证工程师): category ``industry-certification``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from loaders import refdata
from loaders.document.model import Cell, Document, Span
from loaders.extract import recogniser
from loaders.extract.common import apply_each, new_node, norm_evidence, school_ref, split_list
from loaders.extract.gazetteer import Gazetteer
from loaders.extract.lexicon import Scheme, scheme_gazetteer, scheme_of
from loaders.extract.majors import add_major, major_mentions, majors_in_cell
from loaders.extract.mentions import clauses, name_start
from loaders.extract.numbers import parse_count
from loaders.extract.scope import ScopeContext, named_scope, paragraph_topics, scope_context
from loaders.extract.tables import ColumnSpec, mapped_tables, rows_as_dicts
from loaders.facts import Evidence, Facts, NodeRef
from loaders.keys import slug

RULE = "certifications"
ACCREDITATION = "international-accreditation"
INDUSTRY_CERTIFICATION = "industry-certification"

ACCREDITATION_TABLE = ColumnSpec({
    "major": (r"^专业(?:名称)?$", r"认证专业"),
    "scheme": (r"认证(?:类型|类别|项目|名称|体系|标准)", r"^(?:国际)?认证(?:情况|方式)?$", r"^类别$", r"^类型$", r"^项目$"),
    "year": (r"认证时间|通过时间|时间",),
}, required=("major", "scheme"))

_NUMBER = r"(\d+|[一二两三四五六七八九十]+)"
_SCHEME_COUNT = re.compile(rf"共\s*{_NUMBER}\s*个|专业\s*{_NUMBER}\s*个")
_SCHOOL_COUNT = re.compile(rf"{_NUMBER}\s*个专业(?:开展|通过)?国际化?(?:专业)?认证|认证专业(?:数|总数)?\s*{_NUMBER}\s*个")
_COUNT_BEFORE_SCHEME = re.compile(rf"{_NUMBER}\s*个专业(?:通过|开展|获得|参加)?[^，,；;。、\d]{{0,4}}$")
# "其中悉尼协议范式专业建设认证 3 个、英国 UK NARIC 国际资历等级评估 2 个": the count ends the scheme's list item
_COUNT_AFTER_SCHEME = re.compile(rf"[^，,；;。、\d]{{0,12}}?{_NUMBER}\s*个(?:专业)?(?=[、，,；;。]|$)")
_MAJOR_COLUMN = ColumnSpec({"major": ACCREDITATION_TABLE.patterns["major"]}, required=("major",))
_SCHOOL_ACCREDITED_COUNT = "internationally-accredited-majors"
_CERT_SUFFIX = "职业技能等级证书"
_NOT_A_CERT_NAME = re.compile(r"多个|各类|各项|相关|等|\d+\s*个|获取|帮助|学生")
_PRINTED_SCHEME = re.compile(r".{2,}(?:认证|协议|标准)")
_CERT_MARKER = re.compile(r"^.*?(?:1\s*[+＋]\s*X|“X”|X)")
_CERT_LEFT_STOP = re.compile(r"[^、，,。；;：:“”\"《》（）()\s　]{2,24}$")
_CERT_LEADING_VERBS = re.compile(r"^(?:获得|取得|考取|开展|申报|试点|通过|参加|组织|完成|承办|新增|获批|引入)+")


def scheme_node(scheme: Scheme, evidence: Evidence) -> object:
    node = new_node("Certification", scheme.key, scheme.label, RULE, evidence)
    node.label_en = scheme.en_name or None
    node.alt_labels |= set(scheme.names[1:])
    node.add("category", scheme.category)
    if scheme.country:
        node.add("country", scheme.country)
    return node


def add_scheme(facts: Facts, scheme: Scheme, evidence: Evidence) -> NodeRef:
    return facts.node(scheme_node(scheme, evidence))


def add_printed_scheme(facts: Facts, printed: str, evidence: Evidence, category: str = ACCREDITATION) -> NodeRef:
    """A scheme absent from the lexicon, under its printed name: an accreditation printed in an accreditation
    table or passed by listed majors, or an industry scheme named by its suffix."""
    node = new_node("Certification", slug(printed), printed, RULE, evidence)
    node.add("category", category)
    return facts.node(node)


def add_count_metric(doc: Document, facts: Facts, scheme: Scheme | None, name: str, count: int,
                     evidence: Evidence) -> None:
    """The school's stated count of majors accredited under ``scheme`` (``None``: any international scheme),
    to compare with the majors it lists."""
    metric_key = f"{scheme.key}-majors" if scheme else _SCHOOL_ACCREDITED_COUNT
    scope = school_ref(doc)
    key = slug(f"{doc.meta.school_code}-{metric_key}-{scope.key}-{doc.meta.period or 'undated'}-{count}")
    node = new_node("Metric", key, name, RULE, evidence)
    node.add("metricName", name)
    node.add("metricKey", metric_key)
    node.add("value", Decimal(count))
    node.add("unit", "个")
    if doc.meta.period:
        node.add("period", doc.meta.period)
    node.add("scope", scope)
    facts.node(node)


def _cell_evidence(doc: Document, cell: Cell) -> Evidence:
    return norm_evidence(doc, cell, 0, len(cell.norm))


def _accreditation_tables(doc: Document, facts: Facts) -> None:
    for table, mapping in mapped_tables(doc, ACCREDITATION_TABLE):
        caption_says_accreditation = "认证" in (table.title or table.norm)

        def one_row(row: dict[str, Cell], keep_unknown: bool = caption_says_accreditation) -> None:
            scheme_cell = row["scheme"]
            scheme = scheme_of(scheme_cell.norm)
            if scheme is not None:
                cert = add_scheme(facts, scheme, _cell_evidence(doc, scheme_cell))
            elif keep_unknown and _PRINTED_SCHEME.search(scheme_cell.norm):
                cert = add_printed_scheme(facts, scheme_cell.norm, _cell_evidence(doc, scheme_cell))
            else:
                return
            for major in majors_in_cell(doc, facts, row["major"], RULE):
                facts.link(major, "accreditedUnder", cert, [_cell_evidence(doc, row["major"]), _cell_evidence(doc, scheme_cell)])

        apply_each(rows_as_dicts(table, mapping), "accreditation row", one_row)


def _captioned_scheme_tables(doc: Document, facts: Facts) -> None:
    """Lists of accredited majors whose scheme is named once, in the caption, not in a column."""
    with_scheme_column = {id(table) for table, _ in mapped_tables(doc, ACCREDITATION_TABLE)}
    for table, mapping in mapped_tables(doc, _MAJOR_COLUMN):
        schemes = {m.value.key: m for m in scheme_gazetteer().find(table.norm)}  # the caption line
        if id(table) in with_scheme_column or len(schemes) != 1 or "认证" not in table.norm:
            continue
        found = next(iter(schemes.values()))
        cert = add_scheme(facts, found.value, norm_evidence(doc, table, found.start, found.end))

        def one_row(row: dict[str, Cell], cert: NodeRef = cert) -> None:
            for major in majors_in_cell(doc, facts, row["major"], RULE):
                facts.link(major, "accreditedUnder", cert, [_cell_evidence(doc, row["major"])])

        apply_each(rows_as_dicts(table, mapping), "accreditation row", one_row)


# "A、B 2个专业通过英国工程技术学会（IET）国际专业认证": majors, 通过, then the accreditation as printed
_PASSED_PRINTED = re.compile(r"通过([^，,；;。、]{4,40}?(?:认证|评估))")


def _printed_accreditation_clauses(doc: Document, facts: Facts, span: Span) -> None:
    """A clause whose majors passed an accreditation the lexicon does not know: the scheme as printed."""
    text = span.norm
    for c_start, c_end in clauses(text):
        for m in _PASSED_PRINTED.finditer(text, c_start, c_end):
            printed = m.group(1).strip()
            majors = major_mentions(text[c_start:m.start()])
            if not majors or any(True for _ in scheme_gazetteer().find(printed)) or _NOT_A_SCHEME.search(printed):
                continue
            cert = add_printed_scheme(facts, printed, norm_evidence(doc, span, m.start(1), m.end(1)))
            for mention in majors:
                i, j = c_start + mention.start, c_start + mention.end
                major = add_major(doc, facts, text[i:j], norm_evidence(doc, span, i, j), RULE)
                if major is not None:
                    facts.link(major, "accreditedUnder", cert, [norm_evidence(doc, span, c_start, c_end)])


_NOT_A_SCHEME = re.compile(r"^(?:验收|考核|评审|专家|教育部|省级|国家)|诊断|验收")

# "制定中国焊接工程师认证标准", "引入ABB机器人及应用认证工程师标准", "形成…技能等级认证体系": a certification
# scheme named by its own suffix; the stem must name something (not 国际 / 专业 / 国际通行的专业 …)
_NAMED_SCHEME = re.compile(r"认证(?:标准|体系|工程师)")
_SCHEME_VERBS = re.compile(r"开发|推广|制定|发布|形成|构建|引入|引进|对接|建立|采用")
_GENERIC_SCHEME_STEM = re.compile(r"^(?:国际|国内|专业|行业|职业|相关|各类|教师|学生|企业)+$|的")


def schemes_named(text: str) -> list[tuple[str, int, int]]:
    """Certification schemes ``text`` names by their suffix (…认证标准 / …认证体系 / …认证工程师)."""
    out = []
    for m in _NAMED_SCHEME.finditer(text):
        start = name_start(text, m.start())
        start = max((v.end() for v in _SCHEME_VERBS.finditer(text, start, m.start())), default=start)
        stem = text[start:m.start()]
        if len(stem) >= 4 and not _GENERIC_SCHEME_STEM.search(stem):
            out.append((text[start:m.end()], start, m.end()))
    return out


def _named_schemes(doc: Document, facts: Facts, span: Span) -> None:
    for name, i, j in schemes_named(span.norm):
        add_printed_scheme(facts, name, norm_evidence(doc, span, i, j), INDUSTRY_CERTIFICATION)


def _count_in(match: re.Match[str]) -> int | None:
    return parse_count(next(g for g in match.groups() if g))


def _accreditation_clause(doc: Document, facts: Facts, span: Span) -> None:
    text = span.norm
    found = list(scheme_gazetteer().find(text))
    schemes = {m.value.key for m in found}
    if len(schemes) == 1:
        first = found[0]
        cert = add_scheme(facts, first.value, norm_evidence(doc, span, first.start, first.end))
        for mention in major_mentions(text):
            ev = norm_evidence(doc, span, mention.start, mention.end)
            major = add_major(doc, facts, text[mention.start:mention.end], ev, RULE)
            if major is not None:
                facts.link(major, "accreditedUnder", cert, [norm_evidence(doc, span, 0, len(text))])
        count = _SCHEME_COUNT.search(text, first.end)
        if count and _count_in(count) is not None:
            add_count_metric(doc, facts, first.value, f"{first.value.label}认证专业", _count_in(count),
                             norm_evidence(doc, span, count.start(), count.end()))
    for mention in found:  # "其中 4 个专业通过悉尼协议范式专业认证，2 个专业通过英国 CEBVEC 认证"
        count = _COUNT_BEFORE_SCHEME.search(text, 0, mention.start)
        if count and _count_in(count) is not None:
            add_count_metric(doc, facts, mention.value, f"{mention.value.label}认证专业", _count_in(count),
                             norm_evidence(doc, span, count.start(), mention.end))
        elif (after := _COUNT_AFTER_SCHEME.match(text, mention.end)) and _count_in(after) is not None:
            add_count_metric(doc, facts, mention.value, f"{mention.value.label}认证专业", _count_in(after),
                             norm_evidence(doc, span, mention.start, after.end()))
    school_count = _SCHOOL_COUNT.search(text)
    if school_count and "群内" not in text and _count_in(school_count) is not None:
        add_count_metric(doc, facts, None, "国际认证专业", _count_in(school_count),
                         norm_evidence(doc, span, school_count.start(), school_count.end()))


def _known_certificates() -> Gazetteer[str]:
    return Gazetteer((name.removesuffix(_CERT_SUFFIX), name) for name, _ in refdata.one_plus_x_certificates())


def certificate_names(text: str) -> list[tuple[str, int, int]]:
    """1+X certificate names in ``text`` as (full name, start, end)."""
    known = _known_certificates()
    out = []
    for m in re.finditer(_CERT_SUFFIX, text):
        left = _CERT_LEFT_STOP.search(text, 0, m.start())
        if not left:
            continue
        stem = _CERT_LEADING_VERBS.sub("", left.group())
        stem = _CERT_MARKER.sub("", stem)
        hits = [h for h in known.find(stem) if h.end == len(stem)]
        if hits:
            stem = hits[-1].surface
        if len(stem) >= 2 and not _NOT_A_CERT_NAME.search(stem):
            out.append((stem + _CERT_SUFFIX, m.start() - len(stem), m.end()))
    return out


# "开展幼儿照护、母婴护理1+X证书试点", "工业机器人编程应用“1+X”考试中心": certificates named before 1+X
_NAMED_BEFORE_ONE_PLUS_X = re.compile(r"((?:[\u4e00-\u9fff]{2,16}、)*[\u4e00-\u9fff]{2,16})\s*[“\"]?\s*1\s*[+＋]\s*[XxＸ]")


def certificates_named_before_one_plus_x(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _NAMED_BEFORE_ONE_PLUS_X.finditer(text):
        for item, _, j in split_list(m.group(1)):
            start = name_start(item, len(item))
            verbs = list(_VERB_INSIDE.finditer(item, start))
            stem = item[verbs[-1].end():] if verbs else item[start:]
            if len(stem) >= 3 and not _NOT_A_CERT_NAME.search(stem) and not _NOT_A_CERT_STEM.search(stem):
                out.append((stem + _CERT_SUFFIX, m.start(1) + j - len(stem), m.start(1) + j))
    return out


# "《1+X 皮肤护理师》教材", "（1+X）皮肤护理师证书": certificates named right after 1+X
_NAMED_AFTER_ONE_PLUS_X = re.compile(r"1\s*[+＋]\s*[XxＸ]\s*[）)”\"]?\s*((?!证书)[\u4e00-\u9fff]{3,16}?)(?:职业技能等级)?(?:》|证书)")


def certificates_named_after_one_plus_x(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(1) + _CERT_SUFFIX, m.start(1), m.end(1)) for m in _NAMED_AFTER_ONE_PLUS_X.finditer(text)
            if not _NOT_A_CERT_NAME.search(m.group(1)) and not _NOT_A_CERT_STEM.search(m.group(1))]


# "试点证书包括网络系统建设与运维、云计算平台运维与开发、Web前端开发等": certificates listed after 证书
_LISTED_AFTER = re.compile(r"证书(?:包括|包含|涵盖|主要有|有|为|[:：])([^。；;]{4,200}?)(?:等|[。；;]|$)")


def certificates_listed(text: str) -> list[tuple[str, int, int]]:
    """Certificates a sentence lists after 证书包括 / 证书有 / 证书：, each named as its full name."""
    out = []
    for m in _LISTED_AFTER.finditer(text):
        items = split_list(m.group(1))
        if len(items) < 2:
            continue
        for item, i, j in items:
            stem = item.removesuffix(_CERT_SUFFIX).removesuffix("证书")
            if stem.count("（") > stem.count("）"):
                stem += "）"  # 大数据应用开发（Python）: the list splitter took the closing bracket
            if len(stem) >= 3 and not _NOT_A_CERT_NAME.search(stem) and not _NOT_A_CERT_STEM.search(stem):
                out.append((stem + _CERT_SUFFIX, m.start(1) + i, m.start(1) + j))
    return out


_NOT_A_CERT_STEM = re.compile(r"(?:批|级|部|省|国家|学校|学院|专业|试点|制度|推进|实施|深化|全面|积极|开展|中心|基地|室|站|平台)$"
                              r"|^(?:教育部|国家|省)")
_VERB_INSIDE = re.compile(r"开展|建设|建成|考取|获得|取得|申报|参加|组织|完成|承办|新增|获批|引入|推进|实施|参与|内")


def _certificates_in(doc: Document, facts: Facts, span: Span) -> list[NodeRef]:
    refs = []
    found = (certificate_names(span.norm) + certificates_named_before_one_plus_x(span.norm)
             + certificates_named_after_one_plus_x(span.norm) + certificates_listed(span.norm))
    for name, i, j in found:
        node = new_node("Certification", slug(name), name, RULE, norm_evidence(doc, span, i, j))
        node.alt_labels.add(f"1+X{name.removesuffix(_CERT_SUFFIX)}")  # how reports also write it: 1+X 数控车铣加工
        node.add("category", "1+X certificate")
        refs.append(facts.node(node))
    return refs


_ONE_PLUS_X = re.compile(r"1\s*[+＋]\s*[XxＸ]")
ONE_PLUS_X_KEY = "one-plus-x"
ONE_PLUS_X_LABEL = "1+X证书制度（职业技能等级证书）"


def _one_plus_x_scheme(doc: Document, facts: Facts, span: Span) -> None:
    """The 1+X certificate system itself, wherever a report says the school takes part in it."""
    m = _ONE_PLUS_X.search(span.norm)
    if m is None:
        return
    node = new_node("Certification", ONE_PLUS_X_KEY, ONE_PLUS_X_LABEL, RULE, norm_evidence(doc, span, m.start(), m.end()))
    node.label_en = "1+X certificate system (vocational skill level certificates)"
    node.alt_labels.update({"1+X证书制度试点", "1+X职业技能等级证书试点"})
    node.add("category", "1+X certificate")
    facts.node(node)


_PILOT = re.compile(r"试点")
_GROUP_MEMBERS = re.compile(r"群内(?:各|所有)?专业|专业群(?:内)?(?:各|所有)专业")


# what a school does with a certificate in its majors: 试点, 实施, 推行, 考核 …
_PRACTISED = re.compile(r"试点|实施|推行|开展|考核|取证|融入|覆盖")


def _certificate_pilots(doc: Document, facts: Facts, span: Span) -> None:
    """"X职业技能等级证书在A、B专业试点/实施": a clause naming a certificate and majors with a verb of
    practice links them."""
    text = span.norm
    for c_start, c_end in clauses(text):
        clause = text[c_start:c_end]
        if not _PRACTISED.search(clause):
            continue
        names = certificate_names(clause)
        majors = major_mentions(clause)
        if not names or not majors:
            continue
        evidence = norm_evidence(doc, span, c_start, c_end)
        for name, _, _ in names:
            certificate = NodeRef("Certification", slug(name))
            if certificate not in facts.nodes:
                continue
            for m in majors:
                major = add_major(doc, facts, clause[m.start:m.end], norm_evidence(doc, span, c_start + m.start, c_start + m.end),
                                  RULE, m.link)
                if major is not None:
                    facts.link(major, "accreditedUnder", certificate, [evidence])


def _one_plus_x_pilots(ctx: ScopeContext, span: Span, topic: NodeRef | None = None) -> None:
    """Majors a sentence makes 1+X pilots ("A、B专业为1+X证书试点专业"; "群内专业均为…1+X…试点专业": the
    members of the group the sentence is about) are accredited under the 1+X certificate system."""
    doc, facts, text = ctx.doc, ctx.facts, span.norm
    one_plus_x = _ONE_PLUS_X.search(text)
    if one_plus_x is None or not _PILOT.search(text, one_plus_x.end()):
        return
    scheme = NodeRef("Certification", ONE_PLUS_X_KEY)
    if scheme not in facts.nodes:
        return
    evidence = norm_evidence(doc, span, 0, len(text))
    majors = [add_major(doc, facts, text[m.start:m.end], norm_evidence(doc, span, m.start, m.end), RULE, m.link)
              for m in major_mentions(text)]
    members = _GROUP_MEMBERS.search(text)
    if members is not None:
        group = named_scope(ctx, span, members.start(), ctx.context_of(None)) or topic or ctx.own_group_ref()
        if group is not None and group.kind == "ProfessionalGroup":
            majors += [link.object for link in facts.links.values()
                       if link.subject == group and link.predicate == "hasMember"]
    for major in majors:
        if major is not None:
            facts.link(major, "accreditedUnder", scheme, [evidence])


def _certificate_rows(doc: Document, facts: Facts) -> None:
    """A table row naming a 1+X certificate and a major: the major is a pilot of that certificate."""
    for table in doc.tables:
        for row in table.rows:
            certificates = [ref for cell in row.cells if _CERT_SUFFIX in cell.norm for ref in _certificates_in(doc, facts, cell)]
            if not certificates:
                continue
            for cell in row.cells:
                if _CERT_SUFFIX in cell.norm:
                    continue
                for major in majors_in_cell(doc, facts, cell, RULE):
                    for certificate in certificates:
                        facts.link(major, "accreditedUnder", certificate, [norm_evidence(doc, cell, 0, len(cell.norm))])


@recogniser(RULE, after=("majors", "groups"))
def extract_certifications(doc: Document, facts: Facts) -> None:
    _accreditation_tables(doc, facts)
    _captioned_scheme_tables(doc, facts)
    apply_each(doc.sentences, "accreditation sentence", lambda s: _accreditation_clause(doc, facts, s))
    apply_each(doc.sentences, "printed accreditation sentence", lambda s: _printed_accreditation_clauses(doc, facts, s))
    apply_each(doc.sentences, "named scheme sentence", lambda s: _named_schemes(doc, facts, s))
    apply_each(doc.sentences, "certificate sentence", lambda s: _certificates_in(doc, facts, s))
    apply_each(doc.sentences, "1+X sentence", lambda s: _one_plus_x_scheme(doc, facts, s))
    apply_each(doc.sentences, "certificate pilot sentence", lambda s: _certificate_pilots(doc, facts, s))
    ctx = scope_context(doc, facts)
    for paragraph, topic in paragraph_topics(ctx):
        apply_each(paragraph.sentences, "1+X pilot sentence", lambda s, t=topic: _one_plus_x_pilots(ctx, s, t))
    _certificate_rows(doc, facts)
    for table in doc.tables:
        cells = [cell for row in table.rows for cell in row.cells if _CERT_SUFFIX in cell.norm]
        apply_each(cells, "certificate cell", lambda c: _certificates_in(doc, facts, c))
