"""Time the build with every shipped release, and at scale: a Fingertips-shaped export of about a million rows.

    python bench/releases.py [--runs 3] [--indicators 50]

1. Shipped data: a full build (`python -m loaders --force`) from no tables and no cache (cold), and with the cache
   of files read before (warm), each against reading every input (curated CSVs and releases) with
   `pandas.read_csv` in a process of its own (target: within 3x). Medians of --runs, interleaved.
2. Scale: bench/make_fingertips.py writes ~1M rows (every area of the shipped DfE file, 20 years, 50 synthetic
   indicators that nobody declares, 3 sexes x 2 ages) into data/incoming/ of a built copy. The build that follows
   (the one an analyst's drop triggers: `python -m loaders`) against `pyarrow.csv.read_csv` of the same file in a
   process of its own (target: within 3x), and the build's peak memory (the child's maximum resident set)
   against the file's size (target: within 3x).
3. A page drawing one indicator for the home area, London and England (pages/chart.py?id=
   social_care.looked_after_rate), on the shipped data and with the big export loaded: the median warm rerun in
   AppTest (target: within 1.2x).

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READ_ALL = r"""
import sys
from pathlib import Path
import pandas as pd
data = Path(sys.argv[1])
files = [*data.glob("sources/*.csv"), *data.glob("metadata/*.csv"), *data.glob("releases/**/*.csv"),
         *data.glob("incoming/*.csv")]
for path in files:
    pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
"""
PYARROW_READ = "import sys, pyarrow.csv as c; c.read_csv(sys.argv[1])"
PAGE_RUN = r"""
import json, statistics, sys, time
from streamlit import config, logger
config.set_option("logger.level", "error"); logger.set_log_level("error")
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=600)
at.run()
at.query_params["id"] = "social_care.looked_after_rate"
started = time.perf_counter(); at.switch_page("pages/chart.py").run(); cold = time.perf_counter() - started
assert not at.exception, [e.value for e in at.exception]
warm = []
for _ in range(int(sys.argv[2])):
    started = time.perf_counter(); at.run(); warm.append(time.perf_counter() - started)
print(json.dumps({"cold": cold, "warm": statistics.median(warm), "charts": len(at.get("plotly_chart"))}))
"""


def copy_tree(folder: Path) -> Path:
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("tables", "incoming"))
    return folder / "data"


def run(command: list[str], data: Path | None = None) -> tuple[float, int]:
    """Seconds and the peak resident memory (kB) of a command in a process of its own."""
    env = {**os.environ, **({"BOROUGH_INSIGHT_DATA": str(data)} if data else {})}
    wrapped = [sys.executable, "-c", "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
               "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *command]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(wrapped, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds, int(done.stdout.strip().splitlines()[-1])


def build(data: Path, *, force: bool = True) -> tuple[float, int]:
    return run([sys.executable, "-m", "loaders", *(["--force"] if force else [])], data)


def page_times(data: Path, runs: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PAGE_RUN, str(ROOT / "dashboard.py"), str(runs)], cwd=ROOT,
        env={**os.environ, "BOROUGH_INSIGHT_DATA": str(data)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=50)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.make_fingertips import write

    with tempfile.TemporaryDirectory(prefix="bench-releases-") as scratch:
        # ---- 1. the shipped data -----------------------------------------------------------------------------
        shipped = copy_tree(Path(scratch) / "shipped")
        times: dict[str, list[float]] = {
            "read every input with pandas.read_csv": [],
            "cold build": [],
            "warm build": [],
        }
        for _ in range(args.runs):
            times["read every input with pandas.read_csv"].append(
                run([sys.executable, "-c", READ_ALL, str(shipped)])[0]
            )
            shutil.rmtree(shipped / "tables", ignore_errors=True)
            times["cold build"].append(build(shipped)[0])
            times["warm build"].append(build(shipped)[0])
        floor = median(times["read every input with pandas.read_csv"])
        print("1. Shipped data (16 releases), median of", args.runs)
        for name, found in times.items():
            ratio = "" if name.startswith("read") else f"  {median(found) / floor:.2f}x (target <= 3x)"
            print(f"   {name:40s} {median(found):6.2f} s{ratio}")

        # ---- 2. a million-row export nobody declared, dropped into a built tree -------------------------------
        big = copy_tree(Path(scratch) / "big")
        build(big)  # the tree as it was before the drop: built, its cache warm
        incoming = big / "incoming"
        incoming.mkdir(exist_ok=True)
        export = Path(scratch) / "synthetic_fingertips.csv"
        rows = write(export, indicators=args.indicators)
        size = export.stat().st_size
        read_times, build_times, peaks = [], [], []
        sha = hashlib.sha256(export.read_bytes()).hexdigest()
        for _ in range(args.runs):
            read_times.append(run([sys.executable, "-c", PYARROW_READ, str(export)])[0])
            (incoming / export.name).unlink(missing_ok=True)
            build(big, force=False)  # back to the tree before the drop
            for kept in (big / "tables" / "cache" / "releases").glob(f"{sha[:32]}*"):
                kept.unlink()  # the drop is read afresh each time, as a new file is
            shutil.copy(export, incoming / export.name)
            seconds, peak = build(big, force=False)
            build_times.append(seconds)
            peaks.append(peak)
        read, built = median(read_times), median(build_times)
        peak = median(peaks) * 1024
        print(f"2. Scale: {rows:,} rows, {size / 1e6:,.0f} MB, none of its indicators declared")
        print(f"   pyarrow.csv.read_csv alone {read:6.2f} s; the build after the drop {built:6.2f} s: "
              f"{built / read:.2f}x (target <= 3x)")  # fmt: skip
        print(f"   build peak memory {peak / 1e6:,.0f} MB: {peak / size:.2f}x the file (target <= 3x)")

        # ---- 3. a page, without and with it ------------------------------------------------------------------
        small, large = page_times(shipped, 7), page_times(big, 7)
        print(f"3. pages/chart.py?id=social_care.looked_after_rate: warm rerun {small['warm']:.3f} s without, "
              f"{large['warm']:.3f} s with the export: {large['warm'] / small['warm']:.2f}x (target <= 1.2x); "
              f"cold {small['cold']:.2f} s and {large['cold']:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
