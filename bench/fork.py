"""Does the build's forked validator pay? Time a build with it (`parallel=True`, what `python -m loaders` asks
for) against the same build in one process, pair by pair, in one run, on this machine.

    python bench/fork.py [--runs 7]

The fork validates the curated files (frictionless) in a child process while the parent imports pandas, pandera
and pyarrow. It only matters when the curated stage is rebuilt, so each run removes that stage's cache (and,
for "cold", every table and cache): a changed curated file, or a first build. Prints medians, every run, and the
ratio of the one-process build to the forked one (above 1.00x: the fork pays).
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
BUILD = "from loaders.build import build; from loaders.paths import DEFAULT; build(DEFAULT, force=True, parallel={})"


def timed(command: list[str], env: dict, before) -> float:
    before()
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    with tempfile.TemporaryDirectory(prefix="bench-fork-") as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("tables"))
        env = {**os.environ, "BOROUGH_INSIGHT_DATA": str(data)}
        python = sys.executable

        def curated_changed() -> None:
            shutil.rmtree(data / "tables" / "cache" / "curated", ignore_errors=True)

        def cold() -> None:
            shutil.rmtree(data / "tables", ignore_errors=True)

        timed([python, "-c", BUILD.format(True)], env, cold)  # the releases' cache filled once, untimed
        results: dict[str, list[float]] = {}
        for _ in range(runs):  # interleaved, so drift in machine load falls on every kind alike
            for name, before in (("curated changed", curated_changed), ("cold", cold)):
                for parallel in (True, False):
                    label = f"{name}, {'forked' if parallel else 'one process'}"
                    results.setdefault(label, []).append(timed([python, "-c", BUILD.format(parallel)], env, before))

    print(f"{'':30s} {'median':>8s}   runs (s)")
    for label, times in results.items():
        print(f"{label:30s} {statistics.median(times):7.3f}s   {' '.join(f'{t:.2f}' for t in times)}")
    for name in ("curated changed", "cold"):
        forked = statistics.median(results[f"{name}, forked"])
        alone = statistics.median(results[f"{name}, one process"])
        print(f"{name}: one process / forked = {alone / forked:.2f}x ({alone - forked:+.2f} s)")


if __name__ == "__main__":
    main()
