"""Each release file's figures kept by its hash, so a build re-reads only the files that changed.

A file read once is kept as an Arrow IPC file (its figures, memory-mapped when read back: no copy) and a JSON
file (what it is, what was skipped), under `data/tables/cache/releases/`, named by the file's sha256, the
readers' own code and what its dataset declares (a changed reader or declaration reads the file afresh). Each is
written under a temporary name and renamed, so a killed build leaves no half-written entry. Entries no build has
used for a week are swept.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from functools import cache
from pathlib import Path

import pyarrow as pa

from loaders.paths import ROOT, DataPaths
from loaders.releases.published import Published

READER_MODULES = tuple(  # the code a file's cached figures come from: a change to any of it reads files anew
    f"loaders/{name}.py"
    for name in (
        "csv_text",
        "releases/published",
        "releases/fingertips",
        "releases/dfe",
        "releases/ons_census",
        "releases/neighbours",
        "releases/recognise",
        "releases/cache",
    )
)
KEEP_SECONDS = 7 * 24 * 3600


def folder(paths: DataPaths) -> Path:
    return paths.tables_root / "cache" / "releases"


@cache
def _readers_hash() -> str:
    digest = hashlib.sha256()
    for module in READER_MODULES:
        digest.update((ROOT / module).read_bytes())
    return digest.hexdigest()[:16]


def key(sha256: str, options: dict) -> str:
    declared = hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:12]
    return f"{sha256[:32]}-{_readers_hash()}-{declared}"


def get(paths: DataPaths, entry: str, shown: str) -> Published | None:
    """The file's figures as read before (`shown` as this build names it), or None."""
    base = folder(paths) / entry
    try:
        about = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        with pa.memory_map(str(base.with_suffix(".arrow"))) as source:
            figures = pa.ipc.open_file(source).read_all()
    except (OSError, ValueError, pa.ArrowInvalid):
        return None
    os.utime(base.with_suffix(".json"))  # used: kept another week
    from collections import Counter

    return Published(
        format=about["format"],
        dataset_id=about["dataset_id"],
        dataset=about["dataset"],
        shown=shown,
        sha256=about["sha256"],
        encoding=about["encoding"],
        records=about["records"],
        figures=figures,
        skipped=Counter(about["skipped"]),
        la_numbers=about["la_numbers"],
        neighbours=about["neighbours"],
        constants=about["constants"],
    )


def put(paths: DataPaths, entry: str, published: Published) -> None:
    """Keep the file's figures (each file written whole under a temporary name, then renamed)."""
    target = folder(paths)
    target.mkdir(parents=True, exist_ok=True)
    base = target / entry
    stamp = f".tmp-{os.getpid()}-{time.monotonic_ns()}"
    arrow, about = Path(f"{base}.arrow{stamp}"), Path(f"{base}.json{stamp}")
    try:
        with pa.OSFile(str(arrow), "wb") as sink, pa.ipc.new_file(sink, published.figures.schema) as writer:
            writer.write_table(published.figures)
        about.write_text(
            json.dumps(
                {
                    "format": published.format,
                    "dataset_id": published.dataset_id,
                    "dataset": published.dataset,
                    "sha256": published.sha256,
                    "encoding": published.encoding,
                    "records": published.records,
                    "skipped": dict(published.skipped),
                    "la_numbers": published.la_numbers,
                    "neighbours": published.neighbours,
                    "constants": published.constants,
                }
            ),
            encoding="utf-8",
        )
        os.replace(arrow, base.with_suffix(".arrow"))
        os.replace(about, base.with_suffix(".json"))  # last: an entry is complete once its JSON is there
    finally:
        for leftover in (arrow, about):
            leftover.unlink(missing_ok=True)


def sweep(paths: DataPaths, now: float | None = None) -> None:
    """Remove entries no build has used for a week, and any temporary file a killed build left."""
    target = folder(paths)
    if not target.exists():
        return
    now = time.time() if now is None else now
    for path in target.iterdir():
        try:
            age = now - path.stat().st_mtime
        except FileNotFoundError:
            continue
        if (".tmp-" in path.name and age > 3600) or (path.suffix == ".json" and age > KEEP_SECONDS):
            path.unlink(missing_ok=True)
            path.with_suffix(".arrow").unlink(missing_ok=True)
