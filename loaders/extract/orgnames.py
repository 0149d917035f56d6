"""The organisation-name grammar: find company and institution names in running Chinese text.

A name is anchored on its right by a suffix from ``data/lexicon/org_suffixes.csv`` (股份有限公司,
集团, 研究院, 大学, 协会 …, each with its ``sg:orgKind``) and grows leftwards over name characters
until a hard boundary (punctuation, digits, quotes) or a boundary word from
``data/lexicon/org_name_words.csv`` (与、和、及、联合、携手、依托 … and appositions such as 龙头企业).
Words that merely contain a boundary character (华为, 共和, place names) are kept inside names.
Weak suffixes (学院, 中心, 委员会, 厅 …) only make a name after a place, country or national prefix
(上海电机学院, 黑龙江省教育厅) or a Latin-script brand; zone suffixes (strength "place": 高新区,
开发区, 新区) are named by a bare place (长治高新区).

A connector (与/和/及) does not cut a name when the part before it opens with a university or
institute followed by a unit's words: 中国科学院地质与地球物理研究所, 某大学机械与电子工程学院.

Three further shapes are read:

- parentheses inside a name when they hold a place (深圳（哈尔滨）产业园投资开发有限公司);
- a short name right after a full name: 广西柳工机械股份有限公司（柳工）, …（以下简称“柳工”）;
- enumerations closed by a head noun: 航天科技控股集团、哈焊所等知名企业 → both items, the short
  one typed by the head noun (企业 → enterprise);
- short items after a full name in a list that follows a counterpart word (为广西汽车集团、东风柳汽定制…);
- short brands before 企业 + a facility noun after a build verb (共建浪潮、华为企业工作室);
- weak names vouched for without a place: by a named sibling in a list (…边疆区教育发展学院、俄中友协…分会), as
  the counterpart a clause opens with (；和孔敬欧阳语言学校对接…), as a unit of a ministry (教育部中外语言交流合作
  中心), or named by the level of the school's own place (省委教育工委, 科技厅: see :func:`with_home_place`);
- a Latin-script name as the counterpart of a joint act (与B-YOU协商…).

API: :func:`find_org_names` (all names in a text, offsets into it), :class:`OrgName`,
:func:`canonical_name`, :func:`org_key`, :func:`comparison_form`, :func:`split_suffix`,
:func:`is_org_name`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from loaders import refdata
from loaders.extract.gazetteer import Gazetteer, Match
from loaders.extract.lexicon import read_lexicon
from loaders.keys import slug

MAX_BODY = 24  # characters before the suffix; longer stretches are cut at a place name
MIN_ALIAS, MAX_ALIAS = 2, 10

ENTERPRISE = "enterprise"


@dataclass(frozen=True, slots=True)
class Suffix:
    text: str
    org_kind: str
    strong: bool
    place_named: bool  # a zone (高新区): a bare place before it makes the name
    not_followed_by: frozenset[str]
    not_preceded_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OrgName:
    """A name found in a text: ``text[start:end] == name`` (offsets into the searched text)."""

    start: int
    end: int
    name: str
    org_kind: str
    alias: str | None = None  # short name stated next to it (简称 / parentheses)
    country: str | None = None  # foreign country named at its start
    from_list: bool = False  # read as an item of an enumeration, not by its suffix
    weak: bool = False  # ends in a weak suffix (学院, 中心 …): a place or a brand made it a name
    modifier: bool = False  # a brand naming a facility built with it (共建华为企业工作室)
    vouched: bool = False  # a weak name that a sibling in a list or its place as a counterpart made a name


# --- general-knowledge data ------------------------------------------------------------------


@cache
def suffix_gazetteer() -> Gazetteer[Suffix]:
    return Gazetteer(
        (r["suffix"], Suffix(r["suffix"], r["org_kind"], r["strength"] == "strong", r["strength"] == "place",
                             frozenset(c for c in r["not_followed_by"].split("|") if c),
                             tuple(w for w in r["not_preceded_by"].split("|") if w)))
        for r in read_lexicon("org_suffixes")
    )


@cache
def _words_by_role() -> dict[str, frozenset[str]]:
    roles: dict[str, set[str]] = {}
    for row in read_lexicon("org_name_words"):
        roles.setdefault(row["role"], set()).add(row["word"])
    return {role: frozenset(words) for role, words in roles.items()}


def words(role: str) -> frozenset[str]:
    return _words_by_role().get(role, frozenset())


_ADMIN_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|自治州|地区|省|市|州|盟)$")


@cache
def _countries() -> dict[str, str]:
    """Every country spelling → its canonical Chinese name."""
    names: dict[str, str] = {}
    for row in read_lexicon("countries"):
        for name in [row["name_zh"], *row["aliases"].split("|")]:
            if name:
                names[name] = row["name_zh"]
    return names


@cache
def place_gazetteer() -> Gazetteer[str]:
    """Place prefixes → "province" / "city" / "national" / "region" / a country's name."""
    entries: list[tuple[str, str]] = [(w, "national") for w in words("national")]
    entries += [(w, "region") for w in words("region")]
    entries += list(_countries().items())
    for school in refdata.schools():
        for full, kind in ((school.province, "province"), (school.city, "city")):
            if not full:
                continue
            entries.append((full, kind))
            short = _ADMIN_SUFFIX.sub("", full)
            if len(short) >= 2:
                entries.append((short, kind))
    return Gazetteer(entries)


_DOMESTIC = {"province", "city", "national"}


def country_of(place_kind: str) -> str | None:
    """The foreign country a place prefix names (None for Chinese places and regions)."""
    return None if place_kind in _DOMESTIC or place_kind == "region" else place_kind


@cache
def boundary_gazetteer() -> Gazetteer[str]:
    """Boundary words (role stop/apposition) and the words that shield them (keep, place names)."""
    entries: list[tuple[str, str]] = [(w, "keep") for w in words("keep")]
    entries += [(place, "keep") for place in _place_names()]
    entries += [(w, "stop") for w in words("stop") | words("apposition")]
    return Gazetteer(entries)


@cache
def _place_names() -> tuple[str, ...]:
    gaz = place_gazetteer()
    names = set(words("national")) | set(words("region")) | set(_countries())
    for school in refdata.schools():
        for full in (school.province, school.city):
            if full:
                names |= {full, _ADMIN_SUFFIX.sub("", full)}
    return tuple(sorted(n for n in names if len(n) >= 2 and n in gaz))


# --- normal forms ----------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_OPEN, _CLOSE = "(（", ")）"


def canonical_name(name: str) -> str:
    """NFKC, no spaces, parentheses written full-width: the spelling a node is labelled with."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", name))
    return text.replace("(", "（").replace(")", "）")


def org_key(name: str) -> str:
    """Node key of an organisation: slug of its canonical name."""
    return slug(canonical_name(name))


def comparison_form(name: str) -> str:
    """The form two spellings of one name share: canonical, parentheses and middle dots dropped."""
    return re.sub(r"[（）·•\-]", "", canonical_name(name)).lower()


def split_suffix(name: str) -> tuple[str, Suffix | None]:
    """(body, suffix) of a name that ends in a known suffix (the longest such), else (name, None)."""
    gaz = suffix_gazetteer()
    for size in range(min(len(name) - 1, 8), 0, -1):
        value = gaz.get(name[-size:])
        if value is not None:
            return name[:-size], value
    return name, None


def is_org_name(name: str) -> bool:
    """Whether ``name`` alone reads as an organisation name by the suffix grammar."""
    found = find_org_names(name)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(name)


# --- the grammar ---------------------------------------------------------------------------

_LATIN = re.compile(r"[A-Za-z]")
_LATIN_BRAND = re.compile(r"^[A-Za-z][A-Za-z0-9&]*[\u3400-\u9fff]{2,}")  # AHK职业资格认证(中心), not ICT(学院)
# a committee or centre of a named association is named by its parent: 中国焊接协会职业教育工作委员会
_PARENT_BODY = re.compile(r"[\u3400-\u9fff]{2,}(?:协会|学会|研究会|联合会)(?=\d*[\u3400-\u9fff]{2,})")
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9&·]")


_CJK = re.compile(r"[\u3400-\u9fff]+")


def _is_name_char(text: str, i: int) -> bool:
    """Whether ``text[i]`` can sit inside a name; a hyphen only between two CJK characters (中国-赞比亚)."""
    ch = text[i]
    if ch == "-":
        return 0 < i < len(text) - 1 and bool(_CJK.match(text[i - 1])) and bool(_CJK.match(text[i + 1]))
    return bool(_NAME_CHAR.match(ch))


def _place_in_parentheses(text: str, close: int) -> int | None:
    """Start of "（place）" ending at ``text[close]``, or None when the parentheses hold something else."""
    open_at = max(text.rfind(o, 0, close) for o in _OPEN)
    if open_at < 0 or close - open_at - 1 < 2:
        return None
    inner = text[open_at + 1: close]
    return open_at if place_gazetteer().get(inner) is not None else None


def hard_start(text: str, end: int) -> int:
    """Leftmost offset reachable from ``end`` over name characters and place parentheses."""
    i = end
    while i > 0:
        ch = text[i - 1]
        if _is_name_char(text, i - 1):
            if ch.isdigit() and i < end and not _LATIN.match(text[i]) and not text[i].isdigit() \
                    and not text.startswith("世纪", i):
                # digits end a name unless they belong to a Latin brand (3M, 58同城 is rare enough) or
                # name a century (中国职教学会21世纪海上丝绸之路职业教育研究分会)
                break
            i -= 1
        elif ch in _CLOSE:
            open_at = _place_in_parentheses(text, i - 1)
            if open_at is None:
                break
            i = open_at
        else:
            break
    return i


_BRAND_CHARS = frozenset("和为同及于由")  # one-character boundaries that brand names often contain


def boundary_start(text: str, start: int, end: int) -> int:
    """Move ``start`` past the last boundary word in ``text[start:end]`` (keep-words shield theirs).

    Right after an enumeration comma (、) a new item starts: inside it, 和/为/同… (泰和, 华为) are
    part of the name, not boundaries.
    """
    after_comma = start > 0 and text[start - 1] == "、"
    cut = start
    for match in boundary_gazetteer().find(text[start:end]):
        in_brand = after_comma and match.surface in _BRAND_CHARS and match.start > 0
        if match.value == "stop" and not (in_brand and leading_place(text[start + match.end:end]) is None):
            cut = start + match.end  # …孔子课堂和赞比亚海外研习中心: a place after 和 opens a new name
    return cut


def _first_place(text: str, start: int, end: int) -> Match[str] | None:
    for match in place_gazetteer().find(text[start:end]):
        return match
    return None


def is_generic_body(body: str) -> bool:
    """True when a name's body says nothing specific: 本/该/相关/知名/… or counts like 10家."""
    rest = re.sub(r"[0-9零〇一二两三四五六七八九十百千万余多几数个家所第]+", "", body).lstrip("和与及")  # 和国外大学
    if len(rest) < 2 and len(body) > len(rest):
        return True  # 二院, 3家: a count or an ordinal with one word
    return _segments_into(rest, _generic_words())


@cache
def _generic_words() -> frozenset[str]:
    return words("generic") | words("apposition") | words("national") | words("region")


def _segments_into(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``text`` is a sequence of words of ``vocabulary`` (whatever order the words are tried in:
    replacing them one by one depended on set order, so on the process's hash seed)."""
    longest = max(map(len, vocabulary), default=0)
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        reachable[end] = any(reachable[start] and text[start:end] in vocabulary
                             for start in range(max(0, end - longest), end))
    return reachable[-1]


def has_parent_body(body: str) -> bool:
    """The words before a weak suffix hold a named association, whose unit the name is (pure)."""
    return _PARENT_BODY.search(body) is not None


_UNIT_KINDS = frozenset({"other", "government"})  # a ministry's 中心 or 司, not a 学校 named after its programme


@cache
def _authorities() -> Gazetteer[str]:
    return Gazetteer((row["name"], row["org_kind"]) for row in read_lexicon("authorities"))


def opens_with_authority(body: str) -> bool:
    """教育部中外语言交流合作: a national authority, then the words of one of its units (pure); not its
    general office (教育部办公厅), which speaks for the authority itself."""
    first = next(iter(_authorities().find(body)), None)
    return first is not None and first.start == 0 and len(body) - first.end >= 2 and body[first.end:] != "办公"


# a government body printed without its place is the school's own: 省教育厅, 自治区财政厅, 科技厅, 市政府
# the departments of a provincial government (a 厅 exists at that level only)
_DEPARTMENT = (r"(?:教育|财政|科技|科学技术|人社|人力资源和社会保障|工信|工业和信息化|商务|文化和旅游|文旅|卫生健康|卫健|民政|"
               r"交通运输|住房和城乡建设|住建|农业农村|自然资源|生态环境|应急管理|司法|公安|外事)厅")
_HOME_PROVINCE = re.compile(rf"^(?:省|自治区)?(?={_DEPARTMENT}$)|^(?:省|自治区)(?!级)(?=[\u4e00-\u9fff]{{0,20}}(?:局|委员会|委|政府|协会|学会)$)")
_LEVEL_CHARS = frozenset("省市县区")
_PLACE_LED_KINDS = frozenset({"government", "association"})  # 参与了各项省铸造行业协会… → 省铸造行业协会
_HOME_LEVEL = re.compile(r"(?<![全本该各城都])(?:省|自治区|市(?!场))(?=[\u4e00-\u9fff]{0,16}$)")
_BEFORE_HOME_LEVEL = re.compile(r"(?:[了各项本该经由向受为在]|落实|根据|按照|依据|参与|配合|协助|对接)*")
_HOME_CITY = re.compile(r"^市(?!场)(?=[\u4e00-\u9fff]{0,8}(?:局|委员会|委|政府)$)")


def with_home_place(name: str, province: str, city: str) -> str:
    """``省教育厅`` in a report of a school in 山西省 → ``山西省教育厅``; ``市政府`` → its city's (pure).
    A 厅 is a provincial department, so a bare ``科技厅`` is the province's too."""
    if leading_place(name) is not None:
        return name
    if province and (m := _HOME_PROVINCE.match(name)) is not None:
        return province + name[m.end():]
    if city and (m := _HOME_CITY.match(name)) is not None:
        return city + name[m.end():]
    return name


def leading_place(name: str) -> str | None:
    """Kind of the place a name starts with ("province", "city", "national", "region", a country);
    a level (国家级…中心, 省级…) is no place: it grades a platform, it does not name a body."""
    match = _first_place(name, 0, len(name))
    if match is None or match.start != 0 or name.startswith("级", match.end):
        return None
    return match.value


def _suffix_names(text: str, vouched: bool = False) -> list[OrgName]:
    """Names anchored on a suffix; with ``vouched``, also weak-suffix names that no place or brand vouches
    for (滨海边疆区教育发展学院): candidates that a sibling in a list may vouch for."""
    candidates: list[OrgName] = []
    for match in suffix_gazetteer().find(text):
        suffix = match.value
        following = text[match.end: match.end + 1]
        if following and following in suffix.not_followed_by:
            continue
        if any(text.endswith(w, 0, match.start) for w in suffix.not_preceded_by):
            continue
        name = _name_ending_at(text, match.start, match.end, suffix, vouched)
        if name is not None:
            candidates.append(name)
    return _outermost(candidates)


def _closes_enumeration(body: str) -> bool:
    """An 等 that ends a list ("A、B等企业"), not one inside a word kept whole (高等技术学院, 中等职业)."""
    kept = {i for m in boundary_gazetteer().find(body) if m.value == "keep" for i in range(m.start, m.end)}
    return any(ch == "等" and i not in kept for i, ch in enumerate(body))


def _name_ending_at(text: str, suffix_start: int, end: int, suffix: Suffix, vouched: bool = False) -> OrgName | None:
    hard = hard_start(text, suffix_start)
    start = boundary_start(text, hard, suffix_start)
    if start == suffix_start and suffix.strong and suffix.org_kind == "association":
        start = _through_field_word(text, hard, suffix_start)
    if suffix.org_kind != ENTERPRISE:
        start = _through_unit_connector(text, hard, start, suffix_start, suffix)
    if start == hard and suffix_start - hard > MAX_BODY:
        place = _first_place(text, hard, suffix_start)
        start = hard + place.start if place is not None else suffix_start - MAX_BODY
    if suffix.org_kind in _PLACE_LED_KINDS and leading_place(text[start:end]) is None:
        start = _opening_place(text, start, suffix_start)
    name = text[start:end]
    body = text[start:suffix_start]
    if not body and _HOME_PROVINCE.match(name):
        return OrgName(start, end, name, suffix.org_kind)  # 科技厅: the school's province's (see with_home_place)
    if not body or is_generic_body(body) or _closes_enumeration(body) or len(body) == 1 and body not in _LEVEL_CHARS:
        return None  # 课教指委 (a quote cut 理论课“…”课教指委): one character names nothing; 省教育厅 does
    place_kind = leading_place(name)
    home = suffix.org_kind == "government" and bool(_HOME_PROVINCE.match(name) or _HOME_CITY.match(name))
    ministry_unit = suffix.org_kind in _UNIT_KINDS and opens_with_authority(body)
    if not (vouched or home or ministry_unit or suffix.strong or place_kind or _LATIN_BRAND.match(body)
            or has_parent_body(body)):
        return None  # 省委教育工委 (home): the school's province's, named so (see with_home_place)
    if not suffix.strong and not suffix.place_named and body in _place_names() and suffix.org_kind != "government":
        return None  # 黑龙江省教育厅 is a name, 黑龙江 + 中心 is not; 哈尔滨市 + 政府 is
    if suffix.place_named and _runs_on(text, end):
        return None  # 哈尔滨新区数字经济…联合体: the zone names where a longer thing is
    country = country_of(place_kind) if place_kind else None
    kind = suffix.org_kind
    if not suffix.strong and has_parent_body(body):
        kind = "association"  # a committee of an association is the association's, not a government's
    elif not suffix.strong and ministry_unit:
        kind = "government"  # 教育部中外语言交流合作中心: a unit of a ministry
    if country and kind != ENTERPRISE:
        kind = "foreign-institution"
    return OrgName(start, end, name, kind, country=country, weak=not (suffix.strong or home or ministry_unit))


def _opening_place(text: str, start: int, suffix_start: int) -> int:
    """Where a government body or an association that runs on from words before it starts: at its place
    (落实河南省教育厅 → 河南省教育厅) or at the level of the school's own place after a verb (落实省财政厅 →
    省财政厅); a place the gazetteer does not know keeps its name (乐清市人民政府)."""
    place = _first_place(text, start, suffix_start)
    if place is not None and place.value in _DOMESTIC:
        return start + place.start
    level = _HOME_LEVEL.search(text, start, suffix_start)
    return level.start() if level and _BEFORE_HOME_LEVEL.fullmatch(text, start, level.start()) else start


def _through_field_word(text: str, hard: int, suffix_start: int) -> int:
    """中国电力企业联合会: a boundary word right before an association's suffix names its field."""
    adjacent = [m for m in boundary_gazetteer().find(text[hard:suffix_start])
                if m.value == "stop" and hard + m.end == suffix_start and m.end - m.start >= 2]
    return boundary_start(text, hard, hard + adjacent[0].start) if adjacent else suffix_start


_UNIT_CONNECTORS = "与和及"
_PARENT_KINDS = frozenset({"university", "research-institute", "vocational-school"})
# bodies named by a place and a field that may hold a connector: 天津市软件与信息服务业协会, 温州市人力资源和社会保障局
_FIELD_NAMED_KINDS = frozenset({"association", "government"})
MAX_UNIT_WORDS = 8  # characters of a unit's name on either side of the connector
MAX_FIELD_WORDS = 6  # characters of an association's field between its place and the connector


def _through_unit_connector(text: str, hard: int, start: int, suffix_start: int, suffix: Suffix) -> int:
    """Start of a name whose words hold a connector: 中国科学院地质与地球物理研究所, 天津市软件与信息服务业协会.

    ``start`` was cut just after 与/和/及; the cut is undone when the text before the connector, itself
    no name, opens with a university or institute (a strong suffix) followed by 2–8 more name
    characters, or — for an association or a government body — with a place followed by the 2–6
    characters of a field.
    """
    connector = start - 1
    if connector <= hard or text[connector] not in _UNIT_CONNECTORS or suffix_start - start > MAX_UNIT_WORDS:
        return start
    if leading_place(text[start:suffix_start]) is not None:
        return start  # …孔子课堂和赞比亚海外研习中心: a place opens a name of its own
    left_start = boundary_start(text, hard, connector)
    left = text[left_start:connector]
    if split_suffix(left)[1]:
        return start
    if _opens_with_parent_unit(left) or (suffix.org_kind in _FIELD_NAMED_KINDS and _place_then_field(left)):
        return left_start
    return start


def _opens_with_parent_unit(left: str) -> bool:
    """中国科学院地质: a university or institute, then a unit's words."""
    for match in suffix_gazetteer().find(left):
        parent = match.value
        if parent.strong and parent.org_kind in _PARENT_KINDS and match.start >= 2 \
                and 2 <= len(left) - match.end <= MAX_UNIT_WORDS:
            return True
    return False


def _place_then_field(left: str) -> bool:
    """天津市软件, 赞比亚职业教育: a province, a city or a country, then the words of a trade or field."""
    place = _first_place(left, 0, len(left))
    return place is not None and place.start == 0 and (place.value in _DOMESTIC or country_of(place.value) is not None) \
        and 2 <= len(left) - place.end <= MAX_FIELD_WORDS and bool(_CJK.fullmatch(left[place.end:]))


def _runs_on(text: str, end: int) -> bool:
    """Whether a name character that opens no boundary word follows ``text[:end]``."""
    if end >= len(text) or not _is_name_char(text, end):
        return False
    return not any(m.start == 0 and m.value == "stop" for m in boundary_gazetteer().find(text[end:end + 4]))


def _outermost(names: list[OrgName]) -> list[OrgName]:
    """Drop names inside a longer one (集团 inside 集团有限公司, 大学 inside …大学研究院)."""
    kept: list[OrgName] = []
    for name in sorted(names, key=lambda n: (n.start, -(n.end - n.start))):
        if kept and name.start < kept[-1].end:
            if name.end > kept[-1].end and name.start <= kept[-1].start:
                kept[-1] = name
            elif name.end > kept[-1].end:
                kept[-1] = OrgName(kept[-1].start, name.end, text_join(kept[-1], name), name.org_kind,
                                   country=kept[-1].country, weak=name.weak)
            continue
        kept.append(name)
    return kept


def text_join(left: OrgName, right: OrgName) -> str:
    """The name spanning ``left`` and a ``right`` that starts inside it."""
    return left.name[: right.start - left.start] + right.name


# --- short names --------------------------------------------------------------------------

_ALIAS_AFTER = re.compile(
    r"^[（(](?:以下)?(?:简称|下称)?[为:：]?[“\"'「『]?(?P<alias>[\u3400-\u9fffA-Za-z0-9]{2,10})[”\"'」』]?[）)]"
)


def _alias_end(text: str, name: OrgName) -> int:
    """End of the （简称…） right after ``name`` (``name.end`` when there is none)."""
    match = _ALIAS_AFTER.match(text[name.end:])
    return name.end + match.end() if match is not None and name.alias else name.end


def _with_alias(text: str, name: OrgName) -> OrgName:
    match = _ALIAS_AFTER.match(text[name.end:])
    if match is None:
        return name
    alias = match.group("alias")
    if alias == name.name or place_gazetteer().get(alias) or is_generic_body(alias):
        return name
    if suffix_gazetteer().get(alias) is not None:
        return name  # 集团（联盟）: a kind of body, not a short name
    return OrgName(name.start, name.end, name.name, name.org_kind, alias, name.country, name.from_list, name.weak)


# --- enumerations closed by a head noun ------------------------------------------------------

_HEAD_KINDS = {"企业": ENTERPRISE, "公司": ENTERPRISE, "央企": ENTERPRISE, "国企": ENTERPRISE,
               "集团": ENTERPRISE, "名企": ENTERPRISE, "院校": "university", "高校": "university",
               "大学": "university", "学校": "vocational-school"}
_LIST_END = re.compile(
    r"\s*等(?:[0-9一二两三四五六七八九十百]+余?[家个所])?(?P<filler>[\u3400-\u9fff0-9、]{0,8}?)(?P<head>"
    + "|".join(_HEAD_KINDS) + ")"
)
_ITEM = re.compile(r"^[\u3400-\u9fffA-Za-z0-9&·（）()]+$")


# 与柳工、泰国正大管理学院等合作: a list closed by a verb counts when one item is a full name
_LIST_BEFORE_VERB = re.compile(r"\s*等(?=合作|共建|联合|签署|签订|共同)")


def _enumerated_names(text: str, suffix_names: list[OrgName]) -> list[OrgName]:
    found: list[OrgName] = []
    for end_match in _LIST_END.finditer(text):
        if _shielded(text, text.index("等", end_match.start())) or _has_boundary(end_match.group("filler")):
            continue  # 高等职业院校; 等4个专业分别与大型国企
        kind = _HEAD_KINDS[end_match.group("head")]
        found.extend(_list_items(text, end_match.start(), kind, suffix_names))
    for end_match in _LIST_BEFORE_VERB.finditer(text):
        items = _list_items(text, end_match.start(), "other", suffix_names)
        if len(items) < _list_length(text, end_match.start(), suffix_names):
            found.extend(items)
    return found


# 为广西汽车集团、东风柳汽定制…: short items that follow a full name in a counterpart's list
_COUNTERPART_BEFORE = re.compile(r"(?:与|同|跟|为|联合|携手)$")
_MAX_TRAILING_ITEM = 6


def _trailing_items(text: str, suffix_names: list[OrgName]) -> list[OrgName]:
    """Items after "、" that follow a full name opening a list after 与/为/联合 …, up to a boundary word."""
    found: list[OrgName] = []
    for name in suffix_names:
        if name.weak or not _COUNTERPART_BEFORE.search(text[: name.start]):
            continue
        end = _alias_end(text, name)
        while text.startswith("、", end):
            item = _item_after(text, end + 1, name.org_kind)
            if item is None:
                break
            found.append(item)
            end = item.end
    return found


def _item_after(text: str, start: int, kind: str) -> OrgName | None:
    """A suffix-less short name starting at ``start`` and ending at a boundary word or punctuation."""
    end = start
    while end < len(text) and end - start <= _MAX_TRAILING_ITEM and _is_name_char(text, end):
        end += 1
    stops = [m for m in boundary_gazetteer().find(text[start:end + 2]) if m.value == "stop"]
    if stops:
        end = start + stops[0].start
    elif end < len(text) and _is_name_char(text, end):
        return None  # runs on: not a short name
    item = text[start:end]
    if not (MIN_ALIAS <= len(item) <= _MAX_TRAILING_ITEM) or is_generic_body(item) or item in _place_names():
        return None
    if _ends_in_suffix(item):
        return None  # a suffixed item the grammar did not accept is not a name
    place_kind = leading_place(item)
    return OrgName(start, end, item, kind, country=country_of(place_kind) if place_kind else None, from_list=True)


def _ends_in_suffix(item: str) -> bool:
    """学校, 某某中心: an item that is or ends in a suffix (the grammar judged it already)."""
    return split_suffix(item)[1] is not None or suffix_gazetteer().get(item) is not None


# 共建浪潮、华为企业工作室: brands named as the enterprise side of a facility built with them
_BUILD_VERB = r"(?:共建|建设|建成|建立|组建|成立|设立|开设|引进|引入)"
_FACILITY = r"(?:工作室|工作站|实训基地|基地|实验室|研发中心|培训中心|学院|订单班|冠名班)"
_BRAND_LIST = re.compile(_BUILD_VERB + r"(?P<items>(?:[\u3400-\u9fffA-Za-z0-9]{2,6}、)*[\u3400-\u9fffA-Za-z0-9]{2,6}?)企业"
                         + _FACILITY)


def _brand_modifiers(text: str) -> list[OrgName]:
    found: list[OrgName] = []
    for match in _BRAND_LIST.finditer(text):
        offset = match.start("items")
        for item in re.finditer(r"[^、]+", match.group("items")):
            name = item.group()
            if is_generic_body(name) or name in _place_names() or _ends_in_suffix(name):
                continue
            found.append(OrgName(offset + item.start(), offset + item.end(), name, ENTERPRISE,
                                 from_list=True, modifier=True))
    return found


def _shielded(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to a keep-word (高等, 华为 …)."""
    window = text[max(0, i - 3): i + 4]
    offset = i - max(0, i - 3)
    return any(m.value == "keep" and m.start <= offset < m.end for m in boundary_gazetteer().find(window))


def _has_boundary(filler: str) -> bool:
    return any(m.value == "stop" for m in boundary_gazetteer().find(filler))


def _list_length(text: str, list_end: int, suffix_names: list[OrgName]) -> int:
    """How many items (full names included) the enumeration ending at ``list_end`` has."""
    return len(_list_items(text, list_end, "other", suffix_names, include_known=True))


_ITEM_SEPARATORS = ("以及", "、", "/", "和", "及")


def _list_items(text: str, list_end: int, kind: str, suffix_names: list[OrgName],
                include_known: bool = False) -> list[OrgName]:
    """Short-name items of the enumeration that ends at ``list_end`` (just before 等), right to left;
    with ``include_known`` also the items already read as full names."""
    items: list[OrgName] = []
    end = list_end
    while end > 0:
        item = next((n for n in suffix_names if n.end == end), None) or _short_item(text, end, kind)
        if item is None:
            break
        if item.from_list or include_known:
            items.append(item)
        separator = next((s for s in _ITEM_SEPARATORS if text.endswith(s, 0, item.start)), None)
        if separator is None:
            break
        end = item.start - len(separator)
    return items


def _short_item(text: str, end: int, kind: str) -> OrgName | None:
    """A list item without a suffix (a short name such as 哈焊所, FANUC) ending at ``end``."""
    hard = hard_start(text, end)
    start = boundary_start(text, hard, end)
    item = text[start:end]
    if not (MIN_ALIAS <= len(item) <= MAX_ALIAS and _ITEM.match(item)) or is_generic_body(item):
        return None
    if item in _place_names():
        return None  # a bare place name is not an organisation
    place_kind = leading_place(item)
    country = country_of(place_kind) if place_kind else None
    return OrgName(start, end, item, kind, country=country, from_list=True)


# --- a Latin-script name as the counterpart of a joint act ------------------------------------

# 与 B-YOU 协商《…合作方案》, 同 IBM 签署…: a Latin name between a counterpart word and a joint verb
_LATIN_COUNTERPART = re.compile(r"(?:与|同|跟|联合|携手)\s*([A-Z][A-Za-z0-9&\-]{1,15})\s*(?=合作|共建|协商|签署|签订|共同|洽谈|联合)")


def _latin_counterparts(text: str) -> list[OrgName]:
    return [OrgName(m.start(1), m.end(1), m.group(1), "other") for m in _LATIN_COUNTERPART.finditer(text)]


# --- weak names vouched for by their siblings in a list ---------------------------------------

_SIBLING_SEPARATORS = frozenset({"、", "和", "及", "以及"})
# schools, institutes and associations; a 中心 only beside such a body (机械工业教育发展中心、机械行指委), as
# a list of 中心 is as often the school's own platforms; never a zone
_VOUCHABLE_KINDS = frozenset({"university", "vocational-school", "research-institute", "association"})
_BODY_KINDS = _VOUCHABLE_KINDS | {"government", "foreign-institution"}
_PLATFORM_KIND = "other"
_JOINED = re.compile(r"[和及与、]")


def _vouched_for(text: str, names: list[OrgName]) -> list[OrgName]:
    """Weak-suffix names without a place that stand in a list next to a name (…边疆区教育发展学院、
    俄中友协哈巴罗斯克分会、滨海边疆区教育发展学院、…师范学校等签署…) or as the counterpart a clause opens with
    (；和孔敬欧阳语言学校对接…): a list's items are of one sort, so a name beside them is vouched for, and
    vouches in turn."""
    taken = {(n.start, n.end) for n in names}
    candidates = [c for c in _suffix_names(text, vouched=True)
                  if c.org_kind in _VOUCHABLE_KINDS | {_PLATFORM_KIND} and not _JOINED.search(c.name)
                  and (c.start, c.end) not in taken and all(c.end <= n.start or c.start >= n.end for n in names)]
    accepted = list(names)
    found = [c for c in candidates if c.org_kind != _PLATFORM_KIND and _named_as_counterpart(text, c)]
    accepted += found
    grew = True
    while grew:
        grew = False
        for candidate in candidates:
            vouchers = accepted if candidate.org_kind != _PLATFORM_KIND else [a for a in accepted if a.org_kind in _BODY_KINDS]
            if candidate not in found and any(_siblings(text, a, candidate) for a in vouchers):
                found.append(candidate)
                accepted.append(candidate)
                grew = True
    return [replace(c, weak=False, vouched=True) for c in found]  # vouched for as a place would


# ；和孔敬欧阳语言学校对接…: a clause that opens with 和/与 names its counterpart
_CLAUSE_COUNTERPART = re.compile(r"(?:^|[，,；;。：:])(?:并|还|另|积极|先后)?(?:与|和|同|跟|联合|携手)$")
_MIN_COUNTERPART_BODY = 4  # 与技术学院: too short to name one body


def _named_as_counterpart(text: str, candidate: OrgName) -> bool:
    body = split_suffix(candidate.name)[0]
    return len(body) >= _MIN_COUNTERPART_BODY and bool(_CLAUSE_COUNTERPART.search(text, 0, candidate.start))


def _siblings(text: str, a: OrgName, b: OrgName) -> bool:
    left, right = (a, b) if a.end <= b.start else (b, a)
    return text[_alias_end(text, left):right.start] in _SIBLING_SEPARATORS


# --- public entry point ---------------------------------------------------------------------


_BOOK_TITLE = re.compile(r"《[^《》]*》")


def find_org_names(text: str) -> list[OrgName]:
    """Every organisation name in ``text``, in text order, without overlaps.

    Names inside a document title (《…》) are left out: an issuer named in a title is not a party.
    """
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)]
    by_suffix = [_with_alias(text, name) for name in _suffix_names(text)]
    alias_spans = [(n.end, _alias_end(text, n)) for n in by_suffix if n.alias]
    by_suffix = [n for n in by_suffix if not any(a <= n.start < b for a, b in alias_spans)]
    names = list(by_suffix)
    for item in [*_enumerated_names(text, by_suffix), *_trailing_items(text, by_suffix), *_brand_modifiers(text),
                 *_latin_counterparts(text)]:
        if all(item.end <= n.start or item.start >= n.end for n in names):
            names.append(item)
    names += _vouched_for(text, names)
    names = [n for n in names if not any(a <= n.start and n.end <= b for a, b in titles)]
    return sorted(names, key=lambda n: n.start)
