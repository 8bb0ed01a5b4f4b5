"""Time loading a release from the dashboard until another open session shows its figures.

    python bench/upload.py [--runs 5]

On a private copy of the data without the shipped injury admissions release (BOROUGH_INSIGHT_DATA points this
process at it, before anything reads it): a second session has the health page open (AppTest); the Fingertips
release, exactly as shipped, is loaded with `loaders.intake.upload.apply` (the page's confirm button calls it); then the
other session reruns, and the clock stops when its injury admissions heading shows the release's newest period.
Each run starts from the tree without the file. Against two baselines measured in the same runs: a plain
`python -m loaders --force` rebuild of the same tree with the file in it, and the other session's rerun when
nothing changed. Prints medians and ratios; asserts nothing.
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
RELEASE = ROOT / "data" / "releases" / "ohid_fingertips_child_injury_admissions" / "la_hospital_admissions_2324.csv"
HEADING = "Hospital admissions for injuries"
NEWEST = "2023/24"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    # ---- Load inputs: a private tree, before anything imports loaders.paths ---------------------------------
    folder = Path(tempfile.mkdtemp(prefix="bench-upload-"))
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("tables", ".build.lock", RELEASE.parent.name))
    os.environ["BOROUGH_INSIGHT_DATA"] = str(data)
    sys.path.insert(0, str(ROOT))
    from streamlit import config, logger

    config.set_option("logger.level", "error")
    logger.set_log_level("error")
    from streamlit.testing.v1 import AppTest

    from loaders.build import build
    from loaders.intake import upload
    from loaders.paths import DEFAULT

    assert DEFAULT.data == data
    payload = RELEASE.read_bytes()
    stored = data / "incoming" / RELEASE.name

    # ---- Process data: runs ---------------------------------------------------------------------------------
    seen, applying, rerun, rebuild = [], [], [], []
    try:
        for _ in range(runs):
            stored.unlink(missing_ok=True)
            build(DEFAULT)  # back to the tree without the release (not timed)
            other = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
            other.switch_page("pages/health.py").run()
            assert NEWEST not in heading(other)
            started = time.perf_counter()
            other.run()
            rerun.append(time.perf_counter() - started)

            started = time.perf_counter()
            applied = upload.apply(RELEASE.name, payload, DEFAULT)
            applying.append(time.perf_counter() - started)
            other.run()
            seen.append(time.perf_counter() - started)
            assert applied.ok and NEWEST in heading(other), (applied, heading(other))

            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "loaders", "--force"], cwd=ROOT, env=os.environ, check=True, capture_output=True
            )
            rebuild.append(time.perf_counter() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    # ---- Save outputs: the figures --------------------------------------------------------------------------
    median = {name: statistics.median(times) for name, times in (("seen", seen), ("apply", applying),
              ("rerun", rerun), ("rebuild", rebuild))}  # fmt: skip
    size = len(payload) / 1e6
    print(f"Loading {RELEASE.name} ({size:.1f} MB) from the dashboard, median of {runs} runs:")
    print(f"  confirm -> the other session shows {NEWEST}: {median['seen']:.2f} s")
    print(f"    of which loaders.intake.upload.apply (store + locked build): {median['apply']:.2f} s")
    print(f"  baseline, python -m loaders --force on the same tree:   {median['rebuild']:.2f} s")
    print(f"  baseline, the other session's rerun with no change:     {median['rerun']:.2f} s")
    print(f"  ratio to the plain rebuild: {median['seen'] / median['rebuild']:.2f}x")
    print(f"  every run (s): {', '.join(f'{t:.2f}' for t in seen)}")


def heading(at) -> str:
    """The other session's injury admissions heading ('' while the tables have none of its figures)."""
    found = [h.value for h in at.subheader if h.value.startswith(HEADING)]
    return found[0] if found else ""


if __name__ == "__main__":
    main()
