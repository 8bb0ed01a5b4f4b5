"""What one test run shares across its xdist workers: a folder that every worker's own temporary folder sits in,
and things made in it once, by whichever worker asks first, under a file lock (the others wait, then use it)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock


def run_folder(tmp_path_factory) -> Path:
    """The run's temporary folder (pytest-N), which every xdist worker's own folder sits in; without xdist, the
    run's own folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """`run_folder/name`, made by `make(folder)` the first time any worker of the run asks. A make that failed
    or was killed leaves no mark, so the next worker to ask makes it afresh."""
    folder = run_folder(tmp_path_factory) / name
    done = folder.with_name(f"{name}.done")
    with FileLock(str(folder.with_name(f"{name}.lock"))):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder
