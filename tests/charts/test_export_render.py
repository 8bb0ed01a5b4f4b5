"""Images and slides for presenters, rendered for real by kaleido with the machine's Chromium."""

from __future__ import annotations

import io
import struct

import pytest

from charts import export
from charts.trend import trend
from definitions.sources import Sources
from insight.frames import series

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def figure(project_tables):
    figures = Sources.load().strategy_figures
    return trend(series(figures, "children"), title="The number of children is projected to fall by 15%")


def test_chromium_is_there_for_exports():
    assert export.available(), "CI installs Debian's chromium; exports need it"


def test_a_png_is_a_1600_by_900_image(figure):
    png = export.to_png(figure, title="The number of children is projected to fall", caption="Source: GLA, 2022.")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1600, 900)


def test_every_group_of_bars_is_painted_in_its_colour(project_tables):
    """Patterned bars once rendered clear (white marks on nothing: plotly's default fill mode under our
    template), leaving the comparators' values floating beside empty space. Count each series' own colour in
    the rendered image."""
    from PIL import Image

    import definitions
    from definitions.render import render

    drawn = render(definitions.get("education.ks4_social_care"), Sources.load()).figure
    image = Image.open(io.BytesIO(drawn.to_image(format="png", width=1000, height=700))).convert("RGB")
    pixels = list(image.get_flattened_data())
    for bars in drawn.data:
        colour = tuple(int(bars.marker.color[i : i + 2], 16) for i in (1, 3, 5))
        assert pixels.count(colour) > 1_000, f"{bars.name}'s bars ({bars.marker.color}) are not drawn"


def in_a_fresh_python(script: str) -> str:
    """What `script` prints, run by a Python of its own from the project's folder: a process whose Chromium, and
    whose warm-up, no other test has started."""
    import subprocess
    import sys

    from loaders.paths import ROOT

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


WARMING = "[t.name for t in threading.enumerate() if t.name == 'warm-image-export']"


def test_warming_starts_chromium_so_the_first_export_is_a_warm_one():
    """In a fresh process: after the warm-up thread ends, the browser is started and has drawn, without a single
    export asked for; asked again, it starts nothing more."""
    script = (
        "import threading; from charts import export; from loaders import log\n"
        "failures, log.event = [], lambda name, **why: failures.append(why)\n"  # why a warm-up failed, if it did
        "assert not export._started\n"
        "export.warm_in_background()\n"
        "[t.join(90) for t in threading.enumerate() if t.name == 'warm-image-export']\n"
        "export.warm_in_background()\n"
        f"print(export._started, {WARMING}, failures)\n"
    )
    assert in_a_fresh_python(script) == "True [] []"


def test_a_server_start_starts_no_chromium(project_tables):
    """The first visitors after a start never share the CPU with Chromium starting (its browser and GPU processes
    raise their own priority above the server's): a server's first page run starts neither the browser nor a
    warm-up."""
    script = (
        "import threading\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from charts import export\n"
        "at = AppTest.from_file('dashboard.py', default_timeout=120).run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "at.switch_page('pages/health.py').run()\n"
        "assert at.subheader and not at.exception, [e.value for e in at.exception]\n"
        f"print(export._started, {WARMING})\n"
    )
    assert in_a_fresh_python(script) == "False []"


def test_opening_a_charts_export_menu_warms_chromium_once(project_tables):
    """Someone who opens a chart's "Data and export" menu is about to export: the warm-up starts then, in the
    background, once per process however many menus are opened, so the image they ask for is a warm one. (That the
    warm-up starts Chromium is the test above's: here Chromium starting late on a loaded machine is not the point.)"""
    script = (
        "import threading\n"
        "from streamlit.testing.v1 import AppTest\n"
        "import definitions\n"
        "from charts import export\n"
        "warmed, warm = [], export._warm\n"
        "export._warm = lambda: (warmed.append(1), warm())\n"
        "first, second = [d.id for d in definitions.of_page('health') if isinstance(d, definitions.Chart)][:2]\n"
        "at = AppTest.from_file('dashboard.py', default_timeout=120).run()\n"
        "at.switch_page('pages/health.py').run()\n"
        "closed = len(warmed)\n"
        "at.session_state[f'{first}-data'] = True\n"
        "at.run()\n"
        "[t.join(90) for t in threading.enumerate() if t.name == 'warm-image-export']\n"
        "at.session_state[f'{second}-data'] = True\n"
        "at.run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        f"print(closed, len(warmed), {WARMING})\n"
    )
    assert in_a_fresh_python(script) == "0 1 []"
