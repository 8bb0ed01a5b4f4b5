"""The curated stage of a build kept between builds: what the curated files give (the strategy's figures, its
sources, village, services, checks and problems), by the hash of every input but the release files and of the
loaders' own code. A build whose curated inputs did not change (an analyst dropped a release in) skips their
validation and tidying: it reads one small file instead.

Written under a temporary name and renamed, so a killed build leaves no half-written entry; only a stage that
passed every check is kept.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from loaders.paths import DataPaths


def folder(paths: DataPaths) -> Path:
    return paths.tables_root / "cache" / "curated"


def get(paths: DataPaths, key: str):
    """The curated stage kept under `key`, or None."""
    try:
        with open(folder(paths) / f"{key}.pickle", "rb") as handle:
            return pickle.load(handle)  # the build's own file, written under the data tree by `put`
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None


def put(paths: DataPaths, key: str, stage) -> None:
    """Keep `stage` under `key`, replacing older entries (one curated stage a tree is enough)."""
    target = folder(paths)
    target.mkdir(parents=True, exist_ok=True)
    temporary = target / f".{key}.tmp-{os.getpid()}-{time.monotonic_ns()}"
    try:
        with open(temporary, "wb") as handle:
            pickle.dump(stage, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target / f"{key}.pickle")
    finally:
        temporary.unlink(missing_ok=True)
    for old in target.glob("*.pickle"):
        if old.name != f"{key}.pickle":
            old.unlink(missing_ok=True)
