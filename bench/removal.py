"""Time removing a release from the dashboard until another open session reads the older figures it hid.

    python bench/removal.py [--runs 5]

On a private copy of the data without the shipped injury admissions release: an older, revised cut of Bromley's
figures (tests/fixtures, Persons 2020/21 = 50.0234) is loaded, then the real release (the shipped file: 68.07021).
Each run removes the real release with `loaders.intake.removal.remove` (the page's confirm button calls it, with its
preview's build) while a second process reads Bromley's 2020/21 figure as a page does
(`loaders.store.tables.read_observations`, following `current`) every 5 ms; the clock stops when that reader gets
the older figure back. The release is then put back (untimed) for the next run. Prints the medians of the time
to visible and of the time until `remove` returns (it compares the builds and appends the audit record after the
switch); asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RELEASE = ROOT / "data" / "releases" / "ohid_fingertips_child_injury_admissions" / "la_hospital_admissions_2324.csv"
OLDER = ROOT / "tests" / "fixtures" / "releases" / "incoming" / "fingertips_bromley_to_2020_21_revised.csv"
INJURIES, BROMLEY, PERIOD, OLDER_VALUE = "injury_admissions_0_14", "E09000006", "2020/21", 50.0234


def figure(data: Path) -> float | None:
    """Bromley's 2020/21 figure for all children, read as a page reads it."""
    from loaders.paths import DataPaths
    from loaders.store.tables import read_observations

    rows = read_observations(DataPaths(data), indicators=[INJURIES], areas=[BROMLEY], missing_ok=True)
    rows = rows[(rows["period"] == PERIOD) & (rows["breakdown"] == "all")]
    return float(rows["value"].iloc[0]) if len(rows) else None


def reader(data: Path, started, seen) -> None:
    """The other session: poll until the older figure is back, then report when (time.time, across processes)."""
    figure(data)  # imports and first read done before the clock starts
    started.set()
    while abs((figure(data) or 0) - OLDER_VALUE) > 1e-9:
        time.sleep(0.005)
    seen.put(time.time())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    # ---- Load inputs: a private tree with the older cut and the release loaded ----------------------------------
    from loaders.build import build
    from loaders.intake import removal, upload
    from loaders.paths import DataPaths

    folder = Path(tempfile.mkdtemp(prefix="bench-removal-"))
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("tables", ".build.lock", "audit", "removed",
                                                                       RELEASE.parent.name))  # fmt: skip
    paths = DataPaths(data)
    build(paths)
    assert upload.apply(OLDER.name, OLDER.read_bytes(), paths, who="bench").ok
    assert upload.apply(RELEASE.name, RELEASE.read_bytes(), paths, who="bench").ok
    stored = f"data/incoming/{RELEASE.name}"

    # ---- Process data: remove, timed until the other process reads the older figure; put back ------------------
    visible, returned = [], []
    spawn = multiprocessing.get_context("spawn")
    for _ in range(runs):
        preview = removal.preview_removal(stored, paths)
        started, seen = spawn.Event(), spawn.Queue()
        other = spawn.Process(target=reader, args=(data, started, seen))
        other.start()
        started.wait()
        begin = time.time()
        done = removal.remove(stored, paths, who="bench", against=preview.build)
        returned.append(time.time() - begin)
        visible.append(seen.get(timeout=60) - begin)
        other.join()
        assert done.ok, done
        (kept,) = removal.kept(paths)
        assert removal.restore(kept.path, paths, who="bench").ok

    # ---- Save outputs ---------------------------------------------------------------------------------------------
    print(f"runs: {runs}")
    print(f"confirm -> another session reads the older figure: median {statistics.median(visible):.2f} s "
          f"(min {min(visible):.2f}, max {max(visible):.2f})")  # fmt: skip
    print(f"confirm -> remove() returns (build, comparison, audit): median {statistics.median(returned):.2f} s")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
