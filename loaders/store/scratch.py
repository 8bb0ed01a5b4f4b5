"""The names a build writes under before it publishes (loaders.store.publish), and tidying up after builds: the folders
and links a killed build left behind, and old builds no reader can still hold. Standard library only, so even a
no-op build can tidy up.

A build that stopped being current is kept for `GRACE_SECONDS`: a page run pins the build current when it
starts (DataPaths.pinned) and reads from it until it ends, which takes seconds, so ten minutes is ample.
"""

from __future__ import annotations

import os
import shutil
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

from loaders.paths import DataPaths

TEMP_MARK = ".tmp-"
PARTIAL = ".partial-"
MOVED = "moved-"  # a `current` that was a real folder (a tree copied without its links), set aside
GRACE_SECONDS = 600.0  # how long a superseded build stays for readers pinned to it
ABANDONED_SECONDS = 3600.0  # a build folder still partial after this long is abandoned, whoever wrote it
LINK_SECONDS = 60.0  # a temporary link older than this was left by a killed build
LAYOUT = {"builds", "current", "cache"}  # what belongs in tables/: anything else is from the layout before builds


def new_build_id() -> str:
    """A build's id: when it started (so ids sort by time) and a few random hex digits (so two never clash)."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}-{os.urandom(3).hex()}"


def partial_name(build: str) -> str:
    """The folder a build writes into before it publishes, naming the host and process that write it."""
    return f"{build}{PARTIAL}{socket.gethostname()}-{os.getpid()}"


def temporary_name(final: Path) -> Path:
    """A dot-name beside `final`, which readers and pyarrow datasets ignore."""
    return final.with_name(f".{final.name}{TEMP_MARK}{os.getpid()}")


def sweep(paths: DataPaths, *, now: float | None = None) -> list[Path]:
    """Remove what no reader can need any more; return what was removed.

    - A partial build whose process has ended (on this host), or that is older than `ABANDONED_SECONDS`.
    - A build that stopped being current more than `GRACE_SECONDS` ago (never the current one).
    - A temporary link a killed build left, and the files of the layout before builds (tables in place)."""
    now = time.time() if now is None else now
    root = paths.tables_root
    if not root.exists():
        return []
    current = paths.current_build()
    builds = sorted(paths.builds.iterdir()) if paths.builds.is_dir() else []
    removed = [entry for entry in builds if _unneeded_build(entry, current, now)]
    removed += [entry for entry in sorted(root.iterdir()) if _stray(entry, now)]
    for entry in removed:
        _remove(entry)
    return removed


def _unneeded_build(folder: Path, current: str | None, now: float) -> bool:
    age = now - folder.lstat().st_mtime
    if PARTIAL in folder.name:
        return _abandoned(folder.name) or age > ABANDONED_SECONDS
    return folder.name != current and age > GRACE_SECONDS


def _stray(entry: Path, now: float) -> bool:
    """A temporary link a killed build left (a link lives under that name for microseconds), or a file of the
    layout before builds."""
    if TEMP_MARK in entry.name:
        return now - entry.lstat().st_mtime > LINK_SECONDS
    return entry.name not in LAYOUT


def _abandoned(name: str) -> bool:
    """Whether the build writing the partial folder `name` has ended (known only for a build on this host)."""
    host, _, pid = name.rpartition(PARTIAL)[2].rpartition("-")
    return host == socket.gethostname() and not _running_here(pid)


def _running_here(pid: str) -> bool:
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it runs
        return True
    return True


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)
