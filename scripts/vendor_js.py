"""Vendor the browser libraries the pages and the HTML export use, from the npm registry, with their licences.

Run by ``make install`` (``make vendor``): for each pinned package it runs ``npm pack NAME@VERSION``
into a temporary directory, checks the tarball's integrity against the pinned SHA-512, and copies the
listed dist file(s) and licence file(s) into ``api/static/vendor/``, with ``VENDOR.json`` recording
what came from where. Files already present with the pinned version are left alone, so it costs
nothing after the first install. Without ``npm`` on PATH it downloads the same tarball from the
registry URL npm would use and checks the same integrity.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parents[1] / "api" / "static" / "vendor"
MANIFEST = VENDOR_DIR / "VENDOR.json"
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # npm's sha512-… of the tarball
    files: dict[str, str]  # path inside the tarball (under package/) -> file name in VENDOR_DIR

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball_url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"


PACKAGES = (
    Package("echarts", "6.1.0",
            "sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA==",
            {"dist/echarts.common.min.js": "echarts.common.min.js", "LICENSE": "echarts.LICENSE.txt",
             "NOTICE": "echarts.NOTICE.txt"}),
    Package("cytoscape", "3.35.0",
            "sha512-sMvBIXiGMnhkCaWz2R06FwF/27MNlS+Tqvi17foO9UhnUg3XGZccKjxsvEqQFAQYMSSZmN5SxYzUYlQ0DOJJ3g==",
            {"dist/cytoscape.min.js": "cytoscape.min.js", "LICENSE": "cytoscape.LICENSE.txt"}),
)


def integrity_of(tarball: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode("ascii")


def fetch_tarball(package: Package, into: Path) -> Path:
    """The package's tarball in ``into``: by ``npm pack``, or by the registry URL when npm is missing."""
    npm = shutil.which("npm")
    if npm:
        out = subprocess.run([npm, "pack", package.spec, "--json", "--pack-destination", str(into)],
                             check=True, capture_output=True, text=True, cwd=into)
        return into / json.loads(out.stdout)[0]["filename"]
    target = into / f"{package.name}-{package.version}.tgz"
    with urllib.request.urlopen(package.tarball_url, timeout=120) as response:  # noqa: S310 (fixed https URL)
        target.write_bytes(response.read())
    return target


def extract(package: Package, tarball: Path, dest: Path) -> None:
    with tarfile.open(tarball, "r:gz") as archive:
        for inner, name in package.files.items():
            member = archive.extractfile(f"package/{inner}")
            if member is None:
                raise SystemExit(f"{package.spec}: no {inner} in the tarball")
            (dest / name).write_bytes(member.read())


def is_current(package: Package, manifest: dict) -> bool:
    entry = manifest.get(package.name, {})
    return entry.get("version") == package.version and all((VENDOR_DIR / n).is_file() for n in package.files.values())


def vendor(packages: tuple[Package, ...] = PACKAGES) -> list[str]:
    """Fetch every package that is missing or at another version; returns the specs fetched."""
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else {}
    fetched = []
    for package in packages:
        if is_current(package, manifest):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            tarball = fetch_tarball(package, Path(tmp))
            if integrity_of(tarball) != package.integrity:
                raise SystemExit(f"{package.spec}: tarball integrity {integrity_of(tarball)} is not the pinned one")
            extract(package, tarball, VENDOR_DIR)
        manifest[package.name] = {"version": package.version, "integrity": package.integrity,
                                  "source": package.tarball_url, "files": sorted(package.files.values())}
        fetched.append(package.spec)
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return fetched


if __name__ == "__main__":
    done = vendor()
    print("vendored " + ", ".join(done) if done else f"vendored libraries up to date in {VENDOR_DIR}", file=sys.stderr)
