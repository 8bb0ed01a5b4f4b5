"""The tree's build lock (loaders.store.lock): one holder at a time, whether the others are threads of one server or
other processes, and its file is kept (a lock file deleted while another waits on it would let a third in)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from loaders.paths import ROOT, DataPaths
from loaders.store import lock

HOLD_IN_ANOTHER_PROCESS = """
import sys, time
from pathlib import Path
from loaders.store import lock
from loaders.paths import DataPaths
with lock.exclusive(DataPaths(Path(sys.argv[1]))):
    print("held", flush=True)
    time.sleep(0.5)
    Path(sys.argv[2]).write_text("released")
"""


def test_threads_of_one_process_hold_the_lock_one_at_a_time(tmp_path):
    paths = DataPaths(tmp_path / "data")
    holders, most = [], []

    def hold():
        with lock.exclusive(paths):
            holders.append(threading.get_ident())
            most.append(len(holders))
            time.sleep(0.05)
            holders.remove(threading.get_ident())

    threads = [threading.Thread(target=hold) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most == [1, 1, 1, 1]
    assert (paths.data / lock.LOCK_NAME).exists()


def test_another_process_holding_the_lock_is_waited_for(tmp_path):
    paths, released = DataPaths(tmp_path / "data"), tmp_path / "released"
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_IN_ANOTHER_PROCESS, str(paths.data), str(released)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as other:
        assert other.stdout.readline().strip() == "held"
        with lock.exclusive(paths):
            assert released.exists()  # it let go only after writing this
        assert other.wait(timeout=30) == 0
    assert (paths.data / lock.LOCK_NAME).exists()
