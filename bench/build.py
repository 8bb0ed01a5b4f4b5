"""Time the build against the floor of importing pandas and pyarrow, in one run, on this machine.

    python bench/build.py [--runs 5]

Prints the median (and every run) of: the floor `python -c "import pandas, pyarrow.parquet"`, a full build
from no tables, and a no-op build; then each build's ratio to the floor. Targets (issue 3): full build
within 3x the floor, no-op within 0.5x. Ratios, not seconds: machines differ, the ratio travels.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict, before=None) -> float:
    if before:
        before()
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("tables"))
        env = {**os.environ, "BOROUGH_INSIGHT_DATA": str(data)}
        python = sys.executable

        def no_tables() -> None:
            shutil.rmtree(data / "tables", ignore_errors=True)

        results: dict[str, list[float]] = {"floor": [], "full build": [], "no-op build": []}
        timed([python, "-m", "loaders"], env, no_tables)  # warm the disk cache once, untimed
        for _ in range(runs):  # interleaved, so drift in machine load falls on all three alike
            results["floor"].append(timed([python, "-c", "import pandas, pyarrow.parquet"], env))
            results["full build"].append(timed([python, "-m", "loaders"], env, no_tables))
            results["no-op build"].append(timed([python, "-m", "loaders"], env))

    floor = statistics.median(results["floor"])
    print(f"{'':14s} {'median':>8s}   runs (s)            ratio to floor")
    for name, times in results.items():
        median = statistics.median(times)
        ratio = "" if name == "floor" else f"{median / floor:.2f}x"
        print(f"{name:14s} {median:7.3f}s   {' '.join(f'{t:.2f}' for t in times):20s} {ratio}")
    print("targets: full build <= 3x the floor, no-op build <= 0.5x the floor")


if __name__ == "__main__":
    main()
