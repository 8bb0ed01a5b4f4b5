"""Time the board pack from the command line, and the first chart image against a warm one.

    python bench/deck.py [--runs 3]

Cold: each run is a fresh `python -m exports deck --out board-pack.pptx` process (the default story), as a
schedule before a meeting runs it, then the same with `--pdf`; the target is under 30 s on a 2-core machine.
Sizes of the files written. Then, in fresh processes, the first PNG of a chart (Chromium started by kaleido)
against the second one (the server warm). Prints medians and ratios, and the load average, since the figures
move with whatever else the machine is doing; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHART = "social_care.front_door"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)  # one image process, as JSON
    args = parser.parse_args()
    if args.probe:
        probe()
        return

    # ---- Load inputs: the built tables, so no run pays for a build --------------------------------------------
    sys.path.insert(0, str(ROOT))
    from loaders.build import ensure_built
    from loaders.paths import DEFAULT

    ensure_built(DEFAULT)
    folder = Path(tempfile.mkdtemp(prefix="bench-deck-"))
    print(f"load average before: {os.getloadavg()[0]:.1f} (cores: {os.cpu_count()})")

    # ---- Process data: cold command-line runs, then image processes -----------------------------------------
    pptx = folder / "board-pack.pptx"
    alone = [cold(["deck", "--out", str(pptx)]) for _ in range(args.runs)]
    pptx_size = pptx.stat().st_size
    both = [cold(["deck", "--out", str(pptx), "--pdf"]) for _ in range(args.runs)]
    pdf_size = pptx.with_suffix(".pdf").stat().st_size
    probes = [json.loads(subprocess.check_output([sys.executable, __file__, "--probe"], cwd=ROOT)) for _ in range(3)]
    first = statistics.median(p["first"] for p in probes)
    warm = statistics.median(p["warm"] for p in probes)

    # ---- Save outputs: print ----------------------------------------------------------------------------------
    print(f"default deck, pptx, cold CLI:        median {statistics.median(alone):6.1f} s  runs {fmt(alone)}")
    print(f"default deck, pptx + pdf, cold CLI:  median {statistics.median(both):6.1f} s  runs {fmt(both)}")
    print(f"  against the 30 s target:           {statistics.median(both) / 30:.2f} of it")
    print(f"sizes: pptx {pptx_size / 1e6:.2f} MB, pdf {pdf_size / 1e6:.2f} MB")
    print(f"first image after start:             median {first:6.2f} s  runs {fmt([p['first'] for p in probes])}")
    print(f"warm image:                          median {warm:6.2f} s  runs {fmt([p['warm'] for p in probes])}")
    print(f"  first / warm:                      {first / warm:.1f}x")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def cold(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "exports", *args], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def probe() -> None:
    """One fresh process: the chart rendered first (not timed), then its first PNG and a second one."""
    sys.path.insert(0, str(ROOT))
    import definitions
    from charts import export
    from definitions.render import render
    from definitions.sources import Sources

    rendered = render(definitions.get(CHART), Sources.load())
    times = []
    for _ in range(2):
        started = time.perf_counter()
        export.to_png(rendered.figure, title=rendered.title, caption=rendered.words.caption)
        times.append(time.perf_counter() - started)
    print(json.dumps({"first": times[0], "warm": times[1]}))


def fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


if __name__ == "__main__":
    main()
