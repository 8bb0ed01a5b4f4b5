"""Time every page of the dashboard against a minimal page with as many charts, in one run, on this machine.

    python bench/pages.py [--runs 5]

1. AppTest, per page listed in dashboard.py (`st.Page("pages/....py"`): run the dashboard, clear st.cache_data and st.cache_resource,
   switch to the page and time that first run (cold), then the median of --runs reruns (warm); the same for a
   minimal page drawing as many small `px.line` charts (at least one), its reruns interleaved with the page's.
   Target: every page's warm rerun within 1.5x its minimal page.
2. Chromium, the real server: the median of --runs fresh page loads (a new page each, after one untimed load;
   the browser's HTTP cache is kept, as for someone coming back) from `page.goto(url)` until the last plotly
   chart is drawn and the run has ended, for the dashboard's landing page and for a minimal one-chart app served
   the same way. Target: landing within 1.5x the minimal app.

Ratios, not seconds: machines differ, the ratio travels. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the project's packages importable
    sys.path.insert(0, str(ROOT))

from tests.e2e.server import launch_chromium, page_scripts, served, settle  # noqa: E402

DASHBOARD = ROOT / "dashboard.py"
TIMEOUT = 120  # seconds an AppTest run may take
DESKTOP = {"width": 1440, "height": 1000}
MINIMAL = """import plotly.express as px
import streamlit as st

st.title("Minimal")
for i in range({charts}):
    st.plotly_chart(px.line(x=[2021, 2022, 2023, 2024], y=[i, i + 2, i + 1, i + 3]), key=f"chart-{{i}}")
"""


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def minimal_app(folder: Path, charts: int) -> Path:
    """A tiny standalone app drawing `charts` small line charts, with the project's Streamlit config beside it."""
    script = folder / f"minimal_{charts}.py"
    script.write_text(MINIMAL.format(charts=charts), encoding="utf-8")
    config = ROOT / ".streamlit" / "config.toml"
    if config.exists():
        (folder / ".streamlit").mkdir(exist_ok=True)
        shutil.copy(config, folder / ".streamlit" / "config.toml")
    return script


# --- 1. AppTest: script runs ------------------------------------------------------------------------------------


def time_page(script: str, minimal_folder: Path, runs: int) -> dict:
    """Cold and warm runs of one page of the dashboard and of a minimal page with as many charts (at least one).

    The two pages' warm reruns are interleaved, so drift in machine load falls on both alike.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    page = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT)
    page.run()  # the landing page: routes, and builds the tables if they are missing (untimed)
    st.cache_data.clear()  # cold: the page's first run reads its data and builds its charts as on a fresh server
    st.cache_resource.clear()
    cold = timed(lambda: page.switch_page(script).run())
    charts = len(page.get("plotly_chart"))
    problem = "; ".join(str(e.value).splitlines()[0] for e in page.exception)

    minimal = AppTest.from_file(str(minimal_app(minimal_folder, max(1, charts))), default_timeout=TIMEOUT)
    minimal_cold = timed(minimal.run)
    assert not minimal.exception, minimal.exception
    warm, minimal_warm = [], []
    for _ in range(runs):
        warm.append(timed(page.run))
        minimal_warm.append(timed(minimal.run))
    return {
        "charts": charts,
        "cold": cold,
        "warm": statistics.median(warm),
        "min cold": minimal_cold,
        "min warm": statistics.median(minimal_warm),
        "problem": problem,
    }


def bench_scripts(runs: int, scratch: Path) -> None:
    scripts = page_scripts(DASHBOARD)
    print(f"1. AppTest: {len(scripts)} pages in dashboard.py; cold = first run after clearing st.cache_data and st.cache_resource, "
          f"warm = median of {runs} reruns, interleaved with the minimal page's")  # fmt: skip
    header = (
        f"{'page':32s} {'charts':>6s} {'cold s':>8s} {'warm s':>8s} {'min cold':>9s} {'min warm':>9s} {'warm/min':>9s}"
    )
    print(header)
    print("-" * len(header))
    over: list[str] = []
    for script in scripts:
        try:
            r = time_page(script, scratch, runs)
        except Exception as exc:  # a page being written may not load yet: report it and go on
            print(f"{script:32s} could not be timed: {type(exc).__name__}: {str(exc).splitlines()[0][:150]}")
            continue
        ratio = r["warm"] / r["min warm"]
        if ratio > 1.5:
            over.append(script)
        print(
            f"{script:32s} {r['charts']:6d} {r['cold']:8.3f} {r['warm']:8.3f} {r['min cold']:9.3f} "
            f"{r['min warm']:9.3f} {ratio:8.2f}x" + (f"   exception: {r['problem'][:120]}" if r["problem"] else "")
        )
    print(f"target: every page's warm rerun <= 1.5x its minimal page; over: {', '.join(over) if over else 'none'}")


# --- 2. Chromium: page loads ------------------------------------------------------------------------------------


def load(context, url: str) -> tuple[float, int]:
    """Seconds from goto to the last chart drawn (run ended, nothing loading), and the charts drawn."""
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url)
        settled = settle(page, stable_reads=10, interval_ms=25)
        if settled.timed_out:
            raise RuntimeError(f"{url} did not settle: {settled.last}")
        return settled.ready_at - started, settled.charts
    finally:
        page.close()


def bench_browser(runs: int, scratch: Path) -> None:
    from playwright.sync_api import sync_playwright

    one_chart = minimal_app(scratch, 1)
    print(f"\n2. Chromium: median of {runs} fresh page loads (new page each, HTTP cache kept, after 1 untimed load), "
          "goto -> last chart drawn")  # fmt: skip
    with (
        served("dashboard.py", cwd=ROOT) as dashboard_url,
        served(one_chart.name, cwd=scratch) as minimal_url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        apps = {"landing page": dashboard_url, "minimal app": minimal_url}
        contexts = {name: browser.new_context(viewport=DESKTOP) for name in apps}
        times: dict[str, list[float]] = {name: [] for name in apps}
        charts: dict[str, int] = {}
        for name, url in apps.items():  # untimed: imports, server caches, the browser's HTTP cache
            first, charts[name] = load(contexts[name], url)
            print(f"  first load of the {name}: {first:.3f} s (untimed)")
        for _ in range(runs):  # interleaved, so drift in machine load falls on both alike
            for name, url in apps.items():
                seconds, charts[name] = load(contexts[name], url)
                times[name].append(seconds)
        browser.close()
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'':14s} {'charts':>6s} {'median':>8s}   loads (s)")
    for name, values in times.items():
        print(f"{name:14s} {charts[name]:6d} {medians[name]:7.3f}s   {' '.join(f'{v:.2f}' for v in values)}")
    ratio = medians["landing page"] / medians["minimal app"]
    print(f"landing / minimal: {ratio:.2f}x (target <= 1.5x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    from streamlit import config, logger

    # AppTest, outside `streamlit run`, warns of a missing runtime at every run (the servers log as usual).
    config.set_option("logger.level", "error")
    logger.set_log_level("error")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
        bench_scripts(runs, Path(scratch))
        bench_browser(runs, Path(scratch))


if __name__ == "__main__":
    main()
