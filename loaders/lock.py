"""One build at a time on a data tree: an exclusive lock on a file in its data folder. Standard library only.

A build writes every table under a temporary name (loaders.store) and sweeps away the temporary files it finds
when it starts (loaders.scratch): two builds of one tree at once would sweep and rename each other's files.
Loading a release from the dashboard (loaders.upload) and `python -m loaders` take this lock around "copy into
data/incoming/, then build", so two of them at once run one after the other. `fcntl.flock` locks are held by
an open file, not by a process: two threads of one server exclude each other as two processes do, and the
kernel releases the lock when its holder exits, however it exits.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator

from loaders.paths import DataPaths

LOCK_NAME = ".build.lock"  # beside the inputs, never read as one (loaders.freshness lists what a build reads)


@contextlib.contextmanager
def exclusive(paths: DataPaths) -> Iterator[None]:
    """Hold the tree's build lock for the `with` block, waiting for whoever holds it now."""
    paths.data.mkdir(parents=True, exist_ok=True)
    with open(paths.data / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
