"""Settings of the API server (filled from `sgkg serve` options or by tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    store: str = "oxigraph"  # "oxigraph" | "rdflib" | "sparql+http://host:port/sparql"
    graph: Path | None = Path("build/kg.trig")  # a TriG file, or the on-disk store of a build (build/store)
    timeout: float = 10.0  # seconds a query may run before the client gets 503
    max_rows: int = 10_000  # result rows (or triples) returned at most; more is flagged as truncated
    max_query_bytes: int = 64_000
    allow_update: bool = False
    token: str | None = None  # bearer token required for SPARQL Update
    cors_origins: tuple[str, ...] = ()
    workers: int = 3  # query worker processes (embedded stores)
    slow_after: float = 0.2  # seconds after which a running query is deprioritised
    max_workers: int = 24  # cap on worker processes, slow ones included
    cache_entries: int = 1024  # answers kept per store generation (0: no cache)
    queries_dir: Path = field(default_factory=lambda: Path(__file__).resolve().parents[1] / "queries")
    reports_dir: Path = Path("data/reports")  # the report files, by sg:fileName (coverage pages read them)

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError("timeout must be positive")
        if self.max_rows < 1:
            raise ValueError("max_rows must be at least 1")
        if self.allow_update and not self.token:
            raise ValueError("--allow-update needs --token: updates are only accepted with a bearer token")
