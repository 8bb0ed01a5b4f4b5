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


def test_warming_starts_chromium_so_the_first_export_is_a_warm_one():
    """What the dashboard does once per server process (components.data), in a fresh process: after the warm-up
    thread ends, the browser is started and has drawn, without a single export asked for."""
    import subprocess
    import sys

    from loaders.paths import ROOT

    script = (
        "import threading; from charts import export\n"
        "assert not export._started\n"
        "export.warm_in_background()\n"
        "[t.join(90) for t in threading.enumerate() if t.name == 'warm-image-export']\n"
        "print(export._started)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "True"), done.stderr
