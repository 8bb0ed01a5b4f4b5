"""Time the build with the shipped releases, and at scale: a synthetic Fingertips export of about a million rows.

    python bench/releases.py [--runs 3] [--indicators 50]

1. Full build of a copy of the shipped data (strategy and releases), median of --runs, against the floor of
   importing pandas and pyarrow.
2. Scale: bench/make_fingertips.py writes ~1M rows (every area of the shipped DfE file, 20 years, 50 synthetic
   indicators, 3 sexes x 2 ages) into a copy's data/incoming/, its indicators declared in the copy's
   public_indicators.csv. The build's time against pandas.read_csv of the same file alone (target: within 3x),
   and the build's peak memory (the child process's maximum resident set).
3. The same page, drawing one indicator for the home area, London and England (pages/chart.py?id=
   social_care.looked_after_rate), on the shipped data and with the big dataset loaded: its cold first run and
   the median warm rerun in AppTest (target: warm within 1.2x).

Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
    shutil.copytree(ROOT / "data", folder / "data", ignore=shutil.ignore_patterns("tables"))
    return folder / "data"


def build(data: Path) -> tuple[float, int, str]:
    """Seconds, peak resident memory (kB) and the message of `python -m loaders --force` on `data`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "--force"], cwd=ROOT, env={**os.environ, "BOROUGH_INSIGHT_DATA": str(data)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"the build failed:\n{done.stderr[-2000:]}")
    return seconds, max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before), done.stdout.strip()


def floor() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pandas, pyarrow.parquet"], check=True)
    return time.perf_counter() - started


def declare_synthetic(data: Path, indicators: int) -> None:
    path = data / "metadata" / "public_indicators.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    template = next(r for r in rows if r["format"] == "fingertips")
    with open(path, "a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(template))
        for n in range(indicators):
            writer.writerow({
                **template, "indicator_id": f"synthetic_{n + 1:02d}", "title": f"Synthetic indicator {n + 1}",
                "publisher_indicator_id": str(990001 + n), "publisher_indicator_name": f"Synthetic benchmark indicator {n + 1} (not real data)",
            })  # fmt: skip


def page_times(data: Path, runs: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PAGE_RUN, str(ROOT / "dashboard.py"), str(runs)], cwd=ROOT,
        env={**os.environ, "BOROUGH_INSIGHT_DATA": str(data)}, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--indicators", type=int, default=50)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.make_fingertips import write

    with tempfile.TemporaryDirectory(prefix="bench-releases-") as scratch:
        shipped = copy_tree(Path(scratch) / "shipped")
        floors, builds = [], []
        for _ in range(args.runs):
            floors.append(floor())
            seconds, peak, message = build(shipped)
            builds.append(seconds)
        print(f"1. Shipped data, median of {args.runs}: build {statistics.median(builds):.2f} s, floor (import pandas, "
              f"pyarrow) {statistics.median(floors):.2f} s: {statistics.median(builds) / statistics.median(floors):.2f}x")  # fmt: skip
        print(f"   {message[:400]}")

        big = copy_tree(Path(scratch) / "big")
        declare_synthetic(big, args.indicators)
        rows = write(big / "incoming" / "synthetic_fingertips.csv", indicators=args.indicators)
        import pandas as pd

        started = time.perf_counter()
        pd.read_csv(big / "incoming" / "synthetic_fingertips.csv")
        read_csv = time.perf_counter() - started
        seconds, peak, message = build(big)
        print(f"2. Scale: {rows:,} rows; pandas.read_csv alone {read_csv:.2f} s; build {seconds:.2f} s: "
              f"{seconds / read_csv:.1f}x (target <= 3x); build peak memory {peak / 1024:,.0f} MB")  # fmt: skip

        small, large = page_times(shipped, 5), page_times(big, 5)
        print(f"3. pages/chart.py?id=social_care.looked_after_rate ({small['charts']} chart): shipped data cold "
              f"{small['cold']:.3f} s, warm {small['warm']:.3f} s; with the big dataset cold {large['cold']:.3f} s, "
              f"warm {large['warm']:.3f} s: warm {large['warm'] / small['warm']:.2f}x (target <= 1.2x), "
              f"cold {large['cold'] / small['cold']:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
