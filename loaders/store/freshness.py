"""Decide whether the tables are up to date, using only the standard library.

`python -m loaders` asks this first; when nothing changed it answers without importing pandas, pyarrow or
frictionless. "Up to date" means: the manifest lists the same inputs (curated data, schemas, strategy text
and the loaders' own code) with the same hashes, and every table it lists exists with the hash it recorded.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from loaders.paths import ROOT, DataPaths

DATA_INPUTS = ("datapackage.json", "strategy/*.txt", "sources/*.csv", "metadata/*.csv", "schemas/*.json")
CODE_INPUTS = ROOT / "loaders"


def input_files(paths: DataPaths) -> list[Path]:
    """Everything a build reads: the curated data, the published releases (shipped and dropped into
    data/incoming/) and the loaders' own code."""
    from loaders.releases.files import release_files  # standard library only, like this module

    files = [p for pattern in DATA_INPUTS for p in paths.data.glob(pattern)]
    files += release_files(paths)
    files += CODE_INPUTS.rglob("*.py")
    return sorted(set(files))


def input_hashes(paths: DataPaths) -> dict[str, str]:
    """Every input the tables are built from, with its sha256."""
    return {paths.relative(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in input_files(paths)}


def combined_hash(hashes: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()


def read_manifest(paths: DataPaths) -> dict | None:
    try:
        return json.loads(paths.manifest.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


@dataclass(frozen=True)
class Freshness:
    fresh: bool
    reason: str
    hashes: dict[str, str] | None = None  # the inputs' hashes, where the check worked them out (a build reuses them)


def check(paths: DataPaths) -> Freshness:
    """Whether a build would change anything, and why (of the build current when asked, however many land)."""
    paths = paths.pinned()
    manifest = read_manifest(paths)
    if manifest is None:
        return Freshness(False, "no tables have been built yet")
    current = input_hashes(paths)
    built_from = manifest.get("inputs", {})
    changed = sorted(k for k in current.keys() | built_from.keys() if current.get(k) != built_from.get(k))
    if changed:
        more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        return Freshness(False, f"inputs changed since the last build: {', '.join(changed[:3])}{more}", current)
    for name, table in manifest.get("tables", {}).items():
        path = paths.tables / table["path"]
        if not path.exists():
            return Freshness(False, f"table {name} ({table['path']}) is missing", current)
        if hashlib.sha256(path.read_bytes()).hexdigest() != table["sha256"]:
            return Freshness(False, f"table {name} ({table['path']}) differs from the one the manifest lists", current)
    files = len(manifest.get("tables", {}))
    return Freshness(True, f"{files} table files are up to date (built {manifest.get('built_at', '?')})", current)
