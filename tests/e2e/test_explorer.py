"""The explorer's time axis as a browser draws it, in headless Chromium at a desktop's and a phone's width: each
period named as the publisher writes it ("2024/25"), once, at its points; where a phone has no room for every
label, every few periods, never two labels overlapping nor one cut off. Labels are read from the chart's SVG
(`text_content`: plotly's SVG text has no layout box for `inner_text`)."""

from __future__ import annotations

import csv
from urllib.parse import parse_qs, urlparse

import pytest

from loaders.paths import ROOT
from tests.e2e.server import settle

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 1000}
MAIN = "[data-testid='stMain']"
# Each x-axis label of the first chart: its text and the corners of its box as drawn (turned with the label where
# plotly turns it), and the chart's box.
LABELS_JS = """() => {
  const plot = document.querySelector("[data-testid='stMain'] .js-plotly-plot");
  const r = plot.getBoundingClientRect();
  const corners = (t) => { const b = t.getBBox(), m = t.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]); };
  return {chart: {left: r.left, right: r.right}, labels: [...plot.querySelectorAll('.xaxislayer-above .xtick text')]
    .map((t) => ({text: t.textContent, corners: corners(t)}))};
}"""


def home() -> str:
    with (ROOT / "data" / "metadata" / "areas.csv").open(encoding="utf-8", newline="") as file:
        return next(row["area_code"] for row in csv.DictReader(file) if row["role"] == "home")


def published(indicator: str) -> list[str]:
    """The home area's periods of an indicator, as the built tables hold them, in time order."""
    from loaders.store.tables import read_observations

    frame = read_observations(indicators=[indicator], areas=[home()])
    return frame[frame["breakdown"] == "all"].sort_values("period_start")["period"].drop_duplicates().tolist()


def axis_labels(browser, url: str, viewport: dict) -> dict:
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(url)
        assert not settle(page).timed_out, url
        page.locator(f"{MAIN} .js-plotly-plot .xtick text").first.wait_for(timeout=30_000)
        (indicator,) = parse_qs(urlparse(page.url).query)["ind"]  # the view the page drew, as its link says
        return page.evaluate(LABELS_JS) | {"indicator": indicator}
    finally:
        context.close()


def apart(a: list, b: list) -> bool:
    """Whether two convex boxes (their corners, in order) do not overlap: some edge's normal separates them."""
    for box in (a, b):
        for (x1, y1), (x2, y2) in zip(box, box[1:] + box[:1], strict=True):
            normal = (y1 - y2, x2 - x1)
            along_a = [normal[0] * x + normal[1] * y for x, y in a]
            along_b = [normal[0] * x + normal[1] * y for x, y in b]
            if max(along_a) <= min(along_b) or max(along_b) <= min(along_a):
                return True
    return False


def overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if not apart(a["corners"], b["corners"])
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize(
    "path",
    ["explorer", "explorer?ind=cin_at_31_march&areas={home},neighbours"],  # as it opens; thirteen years, ten more lines
    ids=["opening", "thirteen-years"],
)
def test_the_time_axis_names_each_period_once_as_published_none_overlapping(browser, base_url, viewport, path):
    drawn = axis_labels(browser, base_url + path.format(home=home()), viewport)
    texts = [label["text"] for label in drawn["labels"]]
    periods = published(drawn["indicator"])
    assert texts and len(texts) == len(set(texts)), texts  # no label twice ("2020, 2021, 2021, 2022 ...")
    assert set(texts) <= set(periods) and texts[-1] == periods[-1], texts  # periods as published, the newest named
    assert texts == [p for p in periods if p in texts]  # in time order
    assert not overlapping(drawn["labels"]), texts
    chart = drawn["chart"]
    xs = [x for label in drawn["labels"] for x, _ in label["corners"]]
    assert chart["left"] <= min(xs) and max(xs) <= chart["right"], drawn  # none cut off at the chart's edges
    if viewport is DESKTOP and path == "explorer":
        assert texts == periods  # room for every period: each point on its own label
