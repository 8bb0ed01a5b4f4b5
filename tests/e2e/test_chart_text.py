"""What each chart writes stays readable in a real browser, on a phone and a desktop: every word a chart draws (a
value at a bar's end, a label beside a line's last point, a tick, a legend entry, a note) lies inside the chart,
and the labels of one axis never run into each other.

Read from plotly's drawn SVG, as the person sees it (tests/e2e/sweep.py's FIND_JS): "about 3,800" cut at a phone's
right edge, and "10,000100,000" on a log axis, were both found this way. Pages with section tabs are read tab by
tab (their link opens a tab). Each view is opened once per size for the whole run (tests/e2e/sweep.py).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

VIEWPORTS = [(390, 844), (1440, 1000)]


@pytest.fixture(scope="module")
def chart_views(sweep) -> list[str]:
    """Every page, and every section of the pages drawn a section at a time (the sweep reads the sections for it)."""
    return sweep.chart_view_names()


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_every_chart_keeps_its_words_inside_it_and_apart(sweep, chart_views, width, height):
    readings = sweep.readings()
    views = [readings.views[(f"{width}x{height}", name)] for name in chart_views]
    charts = sum(view.charts for view in views)
    problems = [f"{view.name}: {found}" for view in views for found in view.words]
    assert charts > 40, f"only {charts} charts were read: the test would see little\n" + "\n".join(problems)
    assert not problems, "\n".join(problems)
