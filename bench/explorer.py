"""Time the explorer's warm rerun after a change of indicator against a page drawing one plain chart, in one run.

    python bench/explorer.py [--runs 5]

AppTest opens the explorer from a link (an indicator of the largest real release shipped: the DfE's children in
need, every authority for thirteen years), then changes the indicator to ones not yet seen (each view worked out
afresh), then back to ones seen (a view is kept once per build); the minimal page (one small `px.line`) reruns
interleaved, so drift in machine load falls on both. Two sets of areas: the page's opening ones (the home area, its
region and country, and its ten statistical neighbours) and every London borough (thirty-odd lines). Target: the
explorer's median within 1.5x the minimal page's.

Also prints what the explorer offers: indicators with figures and areas. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.pages import DASHBOARD, TIMEOUT, minimal_app, timed  # noqa: E402

# Indicators with every authority's figures, the largest real releases shipped: a first view of each is timed,
# then going back to the first two (a view seen before is kept once per build, for every session).
CYCLE = (
    "cin_at_31_march",
    "cla_rate_31_march",
    "cin_during_year",
    "cla_31_march",
    "cla_started",
    "census_minority_ethnic_share",
)


def offered() -> tuple[int, int]:
    from definitions.sources import Sources

    sources = Sources.load()
    return int((sources.indicators["observations"] > 0).sum()), len(sources.areas_table)


def london_boroughs() -> list[str]:
    from definitions.sources import Sources
    from insight.league import Family

    sources = Sources.load()
    return Family.from_table(sources.areas_table).authorities_in(sources.areas.code_by_role["region"])


def explorer_reruns(areas: list[str] | None, runs: int, minimal_path: Path) -> dict[str, float]:
    """Seconds: the cold switch to the page, the median rerun after a change to an indicator not seen before,
    after a change back to one seen before, and of the minimal page (interleaved)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()  # every view below is new to this process
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT).run()
    at.query_params["ind"] = CYCLE[0]
    if areas:
        at.query_params["areas"] = ",".join(areas)
    cold = timed(lambda: at.switch_page("pages/explorer.py").run())
    assert not at.exception, [e.value for e in at.exception]
    minimal = AppTest.from_file(str(minimal_path), default_timeout=TIMEOUT)
    minimal.run()
    first, again, plain = [], [], []
    for indicator in CYCLE[1 : runs + 1]:
        first.append(timed(lambda indicator=indicator: at.multiselect(key="ind").set_value([indicator]).run()))
        assert not at.exception, [e.value for e in at.exception]
        plain.append(timed(minimal.run))
    for number in range(runs):
        indicator = CYCLE[number % 2]
        again.append(timed(lambda indicator=indicator: at.multiselect(key="ind").set_value([indicator]).run()))
        plain.append(timed(minimal.run))
    median = statistics.median
    return {"cold": cold, "first": median(first), "again": median(again), "plain": median(plain)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    indicators, areas = offered()
    print(f"The explorer offers {indicators} indicators with figures and {areas} areas.")
    with tempfile.TemporaryDirectory() as folder:
        minimal_path = minimal_app(Path(folder), 1)
        print(
            f"{'areas':36s} {'cold s':>7s} {'new s':>7s} {'seen s':>7s} {'min s':>7s} {'new/min':>8s} {'seen/min':>9s}"
        )
        for label, chosen in (
            ("opening (home, region, country, SNs)", None),
            ("every London borough", london_boroughs()),
        ):
            r = explorer_reruns(chosen, runs, minimal_path)
            print(
                f"{label:36s} {r['cold']:7.3f} {r['first']:7.3f} {r['again']:7.3f} {r['plain']:7.3f} "
                f"{r['first'] / r['plain']:7.2f}x {r['again'] / r['plain']:8.2f}x"
            )
    print(f"new = median of {runs} reruns each changing to an indicator not yet seen; seen = back to one seen before;")
    print("min = a page drawing one plain chart, rerun between them; target: within 1.5x")


if __name__ == "__main__":
    main()
