"""General-knowledge lexicons (``data/lexicon/*.csv`` + reference lists) as cached Gazetteers.

Nothing here is about a particular report: the 2021 major catalogue, known 2015→2021 renamings,
accreditation scheme names, level words, province names, metric trigger phrases.

API:

- :func:`read_lexicon` — rows of ``data/lexicon/{name}.csv`` as dicts.
- :func:`link_major` — a printed major name → :class:`MajorLink` (catalogue code, canonical name,
  match kind ``exact`` / ``renamed`` / ``variant`` / ``unmatched``).
- :func:`major_gazetteer` — every catalogue name, renaming and conjunction-less variant → MajorLink,
  for finding majors in running text.
- :func:`scheme_gazetteer` / :data:`Scheme` — accreditation scheme names (悉尼协议, CEBVEC, UK NARIC …).
- :func:`scheme_of` — the scheme named anywhere in a cell/phrase ("英国 CEBVEC 专业教学标准认证").
- :func:`level_gazetteer` / :func:`level_iri` — 国家级/省级/… → level concept IRI.
- :func:`province_gazetteer` — province names with and without 省/市/自治区 → full name.
- :func:`metric_triggers` — compiled (pattern, key, unit) trigger phrases for key figures.
- :func:`metric_topics` — per bare trigger ("@income" 到款额, "@completion" 完成率), compiled
  (pattern, key) topic words whose nearest occurrence before it names the figure.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from loaders import refdata
from loaders.extract.gazetteer import Gazetteer
from loaders.facts import Ref
from loaders.keys import LEVEL_BASE

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"

LEVEL_LABELS: dict[str, str] = {
    "international": "国际级", "national": "国家级", "provincial": "省级", "municipal": "市级", "school": "校级",
}


@dataclass(frozen=True, slots=True)
class MajorLink:
    """How a printed major name links to the 2021 catalogue."""

    printed: str
    code: str | None  # catalogue code (570102 / 570102K), None when unmatched
    canonical: str  # catalogue name (the printed name when unmatched)
    match: str  # "exact" | "renamed" | "variant" | "unmatched"


@dataclass(frozen=True, slots=True)
class Scheme:
    key: str
    label: str  # first Chinese name
    names: tuple[str, ...]
    en_name: str
    category: str
    country: str


@dataclass(frozen=True, slots=True)
class MetricTrigger:
    pattern: re.Pattern[str]
    key: str
    unit: str


def read_lexicon(name: str, directory: Path | None = None) -> list[dict[str, str]]:
    """Rows of ``{directory}/{name}.csv`` (default ``data/lexicon``)."""
    path = (directory or LEXICON_DIR) / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def fold(text: str) -> str:
    """NFKC, no spaces: the form names are compared in."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_CONJUNCTIONS = re.compile(r"[与及和、]")


def conjunction_free(name: str) -> str:
    """道路与桥梁工程技术 → 道路桥梁工程技术: the near-miss form that tolerates 与/及/和 variation."""
    return _CONJUNCTIONS.sub("", fold(name))


@cache
def _catalogue_by_name() -> dict[str, str]:
    return {fold(e.name): code for code, e in sorted(refdata.catalogue_majors().items())}


@cache
def _renamings() -> dict[str, MajorLink]:
    majors = refdata.catalogue_majors()
    links: dict[str, MajorLink] = {}
    for row in read_lexicon("major_renamings_2015_2021"):
        code = refdata.catalogue_code(row["catalogue_code"]) or row["catalogue_code"]  # 570102 → 570102K
        if code not in majors:
            raise ValueError(f"major_renamings_2015_2021.csv: unknown catalogue code {code} for {row['printed_name']}")
        links[fold(row["printed_name"])] = MajorLink(row["printed_name"], code, majors[code].name, row["match"])
    return links


@cache
def _variants() -> dict[str, str]:
    """Conjunction-free form → code, only where that form is unambiguous."""
    seen: dict[str, set[str]] = {}
    for name, code in _catalogue_by_name().items():
        seen.setdefault(conjunction_free(name), set()).add(code)
    return {form: next(iter(codes)) for form, codes in seen.items() if len(codes) == 1}


MIN_NEAR_MISS = 6  # shorter names are too close to each other for one changed character to be a typo


def _one_changed(name: str) -> list[str]:
    return [f"{name[:i]}?{name[i + 1:]}" for i in range(len(name))]


@cache
def _near_misses() -> dict[str, frozenset[str]]:
    """Conjunction-free form with one character masked → the codes it could be."""
    seen: dict[str, set[str]] = {}
    for name, code in _catalogue_by_name().items():
        form = conjunction_free(name)
        if len(form) >= MIN_NEAR_MISS:
            for masked in _one_changed(form):
                seen.setdefault(masked, set()).add(code)
    return {masked: frozenset(codes) for masked, codes in seen.items()}


def _near_miss(form: str) -> str | None:
    """The one catalogue major a name differs from by a single character (材料成形与控制技术 → 材料成型及控制技术)."""
    if len(form) < MIN_NEAR_MISS:
        return None
    codes = set().union(*(_near_misses().get(masked, frozenset()) for masked in _one_changed(form)))
    return next(iter(codes)) if len(codes) == 1 else None


_MAJOR_SUFFIXES = re.compile(r"(?:专业群|专业|方向)$")


def link_major(printed: str) -> MajorLink:
    """Link a printed major name to the catalogue: exact, renamed (lexicon), variant (与/及/和 dropped, or
    one character off a single catalogue name), or unmatched."""
    name = _MAJOR_SUFFIXES.sub("", fold(printed)) or fold(printed)
    majors = refdata.catalogue_majors()
    code = _catalogue_by_name().get(name)
    if code is not None:
        return MajorLink(printed, code, majors[code].name, "exact")
    renamed = _renamings().get(name)
    if renamed is not None:
        return MajorLink(printed, renamed.code, renamed.canonical, renamed.match)
    code = _variants().get(conjunction_free(name)) or _near_miss(conjunction_free(name))
    if code is not None:
        return MajorLink(printed, code, majors[code].name, "variant")
    return MajorLink(printed, None, name, "unmatched")


@cache
def major_gazetteer() -> Gazetteer[MajorLink]:
    """Catalogue names, renamings and variants, for finding majors in prose."""
    majors = refdata.catalogue_majors()
    entries: list[tuple[str, MajorLink]] = [
        (name, MajorLink(name, code, majors[code].name, "exact")) for name, code in _catalogue_by_name().items()
    ]
    entries += [(name, link) for name, link in _renamings().items()]
    return Gazetteer(entries)


_STEM_SUFFIX = re.compile(r"(?:应用技术|工程技术|技术)$")


@cache
def major_stem_gazetteer() -> Gazetteer[MajorLink]:
    """Catalogue names without their trailing 技术 / 应用技术 / 工程技术 (工业机器人技术 → 工业机器人), as
    reports shorten them inside lists of majors; a stem shared by two majors, shorter than three
    characters or itself a catalogue name is left out."""
    majors = refdata.catalogue_majors()
    by_stem: dict[str, list[str]] = {}
    for name, code in _catalogue_by_name().items():
        for stem in {_STEM_SUFFIX.sub("", name), name.removesuffix("技术")}:
            if stem != name and len(stem) >= 3:
                by_stem.setdefault(stem, []).append(code)
    names = _catalogue_by_name()
    return Gazetteer((stem, MajorLink(stem, codes[0], majors[codes[0]].name, "shortened"))
                     for stem, codes in by_stem.items() if len(set(codes)) == 1 and stem not in names)


@cache
def schemes() -> tuple[Scheme, ...]:
    return tuple(
        Scheme(r["key"], r["zh_names"].split("|")[0], tuple(n for n in r["zh_names"].split("|") if n),
               r["en_name"], r["category"], r["country"])
        for r in read_lexicon("accreditation_schemes")
    )


@cache
def scheme_gazetteer() -> Gazetteer[Scheme]:
    """Scheme names → Scheme, as listed, without spaces, and with a space between Latin and Chinese
    ("UK认证" / "UK 认证"), so that normalised text can be searched directly."""
    return Gazetteer((form, s) for s in schemes() for name in s.names for form in _spellings(name))


def _spellings(name: str) -> set[str]:
    spaced = re.sub(r"([A-Za-z])([\u4e00-\u9fff])", r"\1 \2", name)
    spaced = re.sub(r"([\u4e00-\u9fff])([A-Za-z])", r"\1 \2", spaced)
    return {name, fold(name), spaced}


def scheme_of(text: str) -> Scheme | None:
    """The first scheme named in ``text`` (spaces ignored): "英国 UK NARIC 国际资历认证" → uk-naric."""
    for match in scheme_gazetteer().find(fold(text)):
        return match.value
    return None


def level_iri(level: str) -> Ref:
    """``"national"`` → Ref to https://w3id.org/sgkg/id/level/national."""
    if level not in LEVEL_LABELS:
        raise ValueError(f"unknown level {level!r}; known: {', '.join(LEVEL_LABELS)}")
    return Ref(LEVEL_BASE + level)


@cache
def level_gazetteer() -> Gazetteer[str]:
    """Level words → level name (``international``/``national``/``provincial``/``municipal``/``school``)."""
    return Gazetteer((r["word"], r["level"]) for r in read_lexicon("level_words"))


def level_of(text: str) -> str | None:
    """The first level word in ``text`` ("国家级"/"省级"/…), as a level name."""
    for match in level_gazetteer().find(text):
        return match.value
    return None


_PROVINCE_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$")


@cache
def province_gazetteer() -> Gazetteer[str]:
    """Province names from the MOE list, full and short (黑龙江省 / 黑龙江) → full name."""
    full = sorted({s.province for s in refdata.schools() if s.province})
    entries = [(p, p) for p in full]
    entries += [(_PROVINCE_SUFFIX.sub("", p), p) for p in full if len(_PROVINCE_SUFFIX.sub("", p)) >= 2]
    return Gazetteer(entries)


@cache
def metric_triggers() -> tuple[MetricTrigger, ...]:
    """Trigger phrases for key figures, in lexicon order (more specific first)."""
    return tuple(MetricTrigger(re.compile(r["pattern"]), r["key"], r["unit"]) for r in read_lexicon("metric_triggers"))


@cache
def metric_topics() -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    """Topic words ("技术服务", "培训", "指标") giving the metric key of a bare trigger ("到款额", "完成率")."""
    topics: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for row in read_lexicon("metric_topics"):
        topics.setdefault(row["trigger"], []).append((re.compile(row["pattern"]), row["key"]))
    return {trigger: tuple(words) for trigger, words in topics.items()}
