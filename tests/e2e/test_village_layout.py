"""The village's five circumstances in headless Chromium at a laptop's, a desktop's and a phone's size: on a wide
screen the grids sit three a row across the chart's width, on a phone as strips one under another (issue 20: at
1440x1000 they were tiny strips in a narrow column, the rest of the width empty). Screenshots of the chart go to
artifacts/screenshots/ to look at."""

from __future__ import annotations

import pytest

from loaders.paths import ROOT
from tests.e2e.server import ErrorLog, settle

pytestmark = pytest.mark.e2e

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
FITS = ".st-key-chart-fits-village-all_circumstances"
# The visible chart of the pair: where it is, its width, and where its children (the shapes under the markers) and
# its grids' titles (the annotations) are drawn, in the page's pixels.
SHOWN_JS = """(fits) => {
  const charts = [...document.querySelectorAll(fits + " [data-testid='stPlotlyChart']")];
  const shown = charts.filter((c) => c.checkVisibility());
  if (shown.length !== 1) return {shown: shown.length};
  const chart = shown[0].getBoundingClientRect();
  const children = [...shown[0].querySelectorAll(".shape-group path")].map((p) => p.getBoundingClientRect());
  const titles = [...shown[0].querySelectorAll(".annotation-text")].filter((t) => /^\\d/.test(t.textContent))
    .map((t) => { const r = t.getBoundingClientRect(); return {text: t.textContent, x: r.x + r.width / 2, y: r.y}; });
  return {
    shown: 1,
    wide: !!shown[0].closest("[class*='st-key-chart-wide-']"),
    width: chart.width,
    children: children.length,
    left: Math.min(...children.map((r) => r.left)) - chart.left,
    right: Math.max(...children.map((r) => r.right)) - chart.left,
    side: Math.min(...children.map((r) => r.width)),
    titles,
  };
}"""


@pytest.mark.parametrize(
    ("width", "height", "wide", "rows"),
    [(1440, 1000, True, [3, 2]), (1920, 1080, True, [3, 2]), (390, 844, False, [1, 1, 1, 1, 1])],
)
def test_all_five_at_once_use_the_charts_width(browser, base_url, width, height, wide, rows):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        errors = ErrorLog().attach(page)
        page.goto(base_url + "village")
        assert not settle(page).timed_out
        page.locator(FITS).scroll_into_view_if_needed()
        shown = page.evaluate(SHOWN_JS, FITS)
        page.locator(FITS).screenshot(path=str(SCREENSHOTS / f"village-all-five-{width}x{height}.png"))

        assert shown["shown"] == 1, "exactly one of the two layouts shows"
        assert shown["wide"] is wide, shown
        assert shown["children"] == 500  # five villages of 100
        by_row: dict[int, int] = {}
        for title in shown["titles"]:
            by_row[round(title["y"] / 20)] = by_row.get(round(title["y"] / 20), 0) + 1
        assert [by_row[y] for y in sorted(by_row)] == rows, shown["titles"]
        if wide:  # the grids reach across the chart, each child a mark of at least 14 px
            assert shown["left"] < 0.15 * shown["width"] and shown["right"] > 0.85 * shown["width"], shown
            assert shown["side"] >= 14, shown
        assert not errors.errors, errors.errors
    finally:
        context.close()
