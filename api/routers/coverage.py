"""What the graph does not know about one report: ``/reports/{key}/coverage`` (HTML) and its JSON twin.

The graph says which reports exist and their file names (``sg:fileName``); the file is read from
the reports folder (:attr:`api.settings.Settings.reports_dir`) and its coverage computed by
:func:`kg.coverage.report_coverage` — the same answer ``sgkg coverage`` prints — once per file
content (:class:`CoverageCache`, keyed by the file's SHA-256).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from api.deps import SettingsDep
from api.lookups import Lookups
from api.problems import Problem
from api.routers.common import LookupsDep
from api.routers.common import Problem as ProblemModel
from kg.coverage import REPORT_KEY_EXAMPLE, CoverageReport, coverage_dict, is_report_key, report_coverage
from kg.ids import iri
from loaders.document import ReportError, parse_document

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
_PROBLEM = {"model": ProblemModel, "content": {"application/problem+json": {}}}

router = APIRouter(tags=["coverage"], responses={
    404: {"description": "No such report in the graph, or its file is not in the reports folder", **_PROBLEM},
    409: {"description": "The report's file no longer reads as the report the graph holds", **_PROBLEM}})

ReportKey = Annotated[str, PathParam(min_length=1, max_length=200, description=f"a report key, e.g. "
                                                                               f"{REPORT_KEY_EXAMPLE}")]


# ---------------------------------------------------------------- response model (= kg.coverage.coverage_dict)

class Tally(BaseModel):
    covered: int
    total: int
    uncovered: int
    percent: float | None  # None when there is nothing to cover


class UncoveredSentence(BaseModel):
    """A sentence no fact was read from: 1-based line, offsets into the decoded file, normalised text."""

    line: int
    start: int
    end: int
    text: str


class UncoveredCell(UncoveredSentence):
    """A numeric table cell no fact was read from; ``row`` is 1-based among the table's body rows."""

    table: str
    table_title: str
    row: int
    column: str


class SectionCoverage(BaseModel):
    path: list[str]  # heading titles, outermost first; [] = before the first heading
    title: str
    sentences: Tally
    numeric_cells: Tally
    uncovered_sentences: list[UncoveredSentence]
    uncovered_cells: list[UncoveredCell]


class ReportCoverage(BaseModel):
    """The sentences and numeric table cells of a report that no extracted fact's evidence overlaps."""

    report: str
    file_name: str
    sha256: str
    sentences: Tally
    numeric_cells: Tally
    sections: list[SectionCoverage]


# ---------------------------------------------------------------- finding and computing

class CoverageCache:
    """Computed coverage by the SHA-256 of the report file: a file is extracted once per content."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.entries: OrderedDict[str, CoverageReport] = OrderedDict()
        self.lock = threading.Lock()

    def coverage(self, data: bytes, file_name: str) -> CoverageReport:
        digest = hashlib.sha256(data).hexdigest()
        with self.lock:
            hit = self.entries.get(digest)
            if hit is not None:
                self.entries.move_to_end(digest)
                return hit
        computed = report_coverage(parse_document(data, file_name))  # outside the lock: other reports go on
        with self.lock:
            self.entries[digest] = computed
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return computed


def coverage_cache(request: Request) -> CoverageCache:
    cache = getattr(request.app.state, "coverage_cache", None)
    if cache is None:
        cache = request.app.state.coverage_cache = CoverageCache()
    return cache


def report_file_name(lookups: Lookups, key: str) -> str:
    """The ``sg:fileName`` of the report with ``key``; 404 naming the key when the graph has no such report."""
    if not is_report_key(key):
        raise Problem(404, f"no report with key {key!r} in the graph (report keys look like {REPORT_KEY_EXAMPLE})")
    rows = lookups.select(f"SELECT ?file WHERE {{ <{iri('Report', key)}> sg:fileName ?file }} ORDER BY ?file LIMIT 1")
    if not rows:
        raise Problem(404, f"no report with key {key!r} in the graph")
    return Path(str(rows[0]["file"])).name  # a bare name: never a path out of the reports folder


def compute_coverage(request: Request, lookups: Lookups, reports_dir: Path, key: str) -> CoverageReport:
    name = report_file_name(lookups, key)
    path = reports_dir / name
    try:
        data = path.read_bytes()
    except OSError:
        raise Problem(404, f"report {key!r} is in the graph, but its file {name} is not in the reports folder "
                           f"{reports_dir}") from None
    try:
        report = coverage_cache(request).coverage(data, name)
    except ReportError as err:
        raise Problem(409, f"the file {name} of report {key!r} no longer loads: {err.reason}",
                      title="Conflict") from None
    if report.report != key:
        raise Problem(409, f"the file {name} now reads as report {report.report!r}, not {key!r}: rebuild the graph",
                      title="Conflict")
    return report


# ---------------------------------------------------------------- routes

@router.get("/api/reports/{report_key}/coverage", response_model=ReportCoverage,
            summary="Sentences and numeric table cells of a report that produced no fact, by section")
def coverage_json(request: Request, lookups: LookupsDep, settings: SettingsDep, report_key: ReportKey) -> Any:
    return coverage_dict(compute_coverage(request, lookups, settings.reports_dir, report_key))


@router.get("/reports/{report_key}/coverage", response_class=HTMLResponse,
            summary="What the graph does not know about a report (HTML page)")
def coverage_page(request: Request, lookups: LookupsDep, settings: SettingsDep, report_key: ReportKey) -> HTMLResponse:
    report = compute_coverage(request, lookups, settings.reports_dir, report_key)
    return HTMLResponse(_templates.get_template("coverage.html").render(report=report))
