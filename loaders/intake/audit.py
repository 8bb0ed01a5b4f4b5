"""The audit record of the releases loaded and removed from the dashboard: who, when, which file, what it changed.

One JSON object a line in `data/audit/releases.jsonl`, beside the data but outside `data/tables/` (which every
build replaces) and outside what a build reads (loaders.store.freshness), so writing it never makes the tables
stale. Lines are only ever appended (`O_APPEND`, flushed and synced before the lock is let go), never rewritten:
the record survives rebuilds and restarts, and a line cut short by a crash is skipped when read, not fatal.
Callers append under the tree's build lock, right after the build that made the change, so the record's order
is the order the builds landed in. Not committed (.gitignore): a fresh clone starts with an empty record.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from loaders.paths import DataPaths

ACTIONS = ("upload", "remove", "restore")
WHEN = "%Y-%m-%dT%H:%M:%SZ"  # how times are written: UTC, ISO 8601 to the second
# Every entry has these keys, so readers need no defaults; counts are figures (observations, by key).
FIELDS = (
    "when",  # UTC, ISO 8601 to the second: "2025-06-01T09:30:00Z"
    "who",  # the signed-in email, or the upload token's label
    "action",  # upload, remove or restore
    "file",  # the file's name as the person gave it (for a removal, its name in data/incoming/)
    "stored",  # where it is now: data/incoming/<name>, or data/removed/<time>-<name> once removed
    "sha256",  # of the file's bytes
    "added",  # figures the tables did not have
    "replaced",  # figures the tables had with another value
    "superseded",  # figures of the file a newer release already gives: not used
    "removed",  # figures the tables no longer have
    "returned",  # figures another (older) file gives again, now this one no longer does
    "build",  # the build the change landed as (data/tables/builds/<id>)
)


def log_path(paths: DataPaths) -> Path:
    return paths.data / "audit" / "releases.jsonl"


def now() -> str:
    """The time an entry is stamped with: UTC, to the second."""
    return datetime.now(UTC).strftime(WHEN)


def append(paths: DataPaths, **entry) -> dict:
    """Add one entry (every key of FIELDS; `when` defaults to now) as a line at the end of the record, synced to
    disk before returning. Opened with O_APPEND, so the line lands whole after any other, never over one."""
    entry = {"when": now(), **entry}
    unknown, missing = entry.keys() - set(FIELDS), set(FIELDS) - entry.keys()
    if unknown or missing or entry["action"] not in ACTIONS:
        raise ValueError(f"an audit entry needs exactly {FIELDS}: unknown {sorted(unknown)}, missing {sorted(missing)}")
    line = (json.dumps({key: entry[key] for key in FIELDS}, ensure_ascii=False) + "\n").encode("utf-8")
    path = log_path(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(handle, line)
        os.fsync(handle)
    finally:
        os.close(handle)
    return entry


def read(paths: DataPaths) -> list[dict]:
    """Every entry, newest first (an empty list when nothing was ever loaded or removed from the dashboard). A line
    that is not a whole entry (cut short by a crash while written) is left out."""
    try:
        text = log_path(paths).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and set(FIELDS) <= entry.keys():
            entries.append(entry)
    return entries[::-1]
