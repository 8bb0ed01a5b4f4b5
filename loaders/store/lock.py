"""One build at a time on a data tree: an exclusive lock on a file in its data folder (the `filelock` library's,
an `fcntl.flock` on Unix).

A build writes every table under a temporary name (loaders.store.publish) and sweeps away the temporary files it finds
when it starts (loaders.store.scratch): two builds of one tree at once would sweep and rename each other's files.
Loading a release from the dashboard (loaders.intake.upload) and `python -m loaders` take this lock around "copy into
data/incoming/, then build", so two of them at once run one after the other. Each `exclusive` opens a lock of its
own (not shared between threads), so two threads of one server exclude each other as two processes do, and the
kernel releases the lock when its holder exits, however it exits. The lock file is kept, never deleted: a file
removed while another waits on it would let a third lock a new one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from filelock import FileLock

from loaders.paths import DataPaths

LOCK_NAME = ".build.lock"  # beside the inputs, never read as one (loaders.store.freshness lists what a build reads)


@contextlib.contextmanager
def exclusive(paths: DataPaths) -> Iterator[None]:
    """Hold the tree's build lock for the `with` block, waiting for whoever holds it now."""
    paths.data.mkdir(parents=True, exist_ok=True)
    with FileLock(paths.data / LOCK_NAME, thread_local=False, preserve_lock_file=True):
        yield
