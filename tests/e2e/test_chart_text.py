"""What each chart writes stays readable in a real browser, on a phone and a desktop: every word a chart draws (a
value at a bar's end, a label beside a line's last point, a tick, a legend entry, a note) lies inside the chart,
and the labels of one axis never run into each other.

Read from plotly's drawn SVG, as the person sees it: "about 3,800" cut at a phone's right edge, and "10,000100,000"
on a log axis, were both found this way. Pages with section tabs are read tab by tab (their link opens a tab).
"""

from __future__ import annotations

import pytest

import definitions
from tests.e2e.server import settle, url_path

pytestmark = pytest.mark.e2e

VIEWPORTS = [(390, 844), (1440, 1000)]
TABBED = {"social_care", "education"}  # pages that draw one section at a time (components.blocks.section_tabs)

# Each text outside its chart's box (a pixel's grace), and each pair of tick labels of one axis that overlap. Ticks
# are compared as the rectangles their words fill, turned as plotly turns them ("rotate(45, ...)"): a turned label's
# upright box takes in its neighbours' corners although no letters touch.
FIND_JS = """() => {
  const found = [];
  const angleOf = (text) => {
    const turned = /rotate\\((-?[\\d.]+)/.exec(text.getAttribute('transform') || '');
    return turned ? Number(turned[1]) * Math.PI / 180 : 0;
  };
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((chart, number) => {
    const box = chart.getBoundingClientRect();
    chart.querySelectorAll('svg text').forEach((text) => {
      const r = text.getBoundingClientRect();
      if (!text.textContent.trim() || r.width === 0) return;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        found.push(`chart ${number + 1}: "${text.textContent}" runs outside the chart`);
    });
    chart.querySelectorAll('g.xaxislayer-above, g.yaxislayer-above').forEach((axis) => {
      const ticks = [...axis.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
        const r = t.getBoundingClientRect(), own = t.getBBox();
        return {words: t.textContent, angle: angleOf(t), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
                width: own.width, height: own.height, shown: r.width > 0};
      }).filter((t) => t.shown);
      for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++) {
        const [a, b] = [ticks[i], ticks[j]];
        const [dx, dy] = [b.x - a.x, b.y - a.y];
        const along = Math.abs(dx * Math.cos(a.angle) + dy * Math.sin(a.angle));
        const across = Math.abs(-dx * Math.sin(a.angle) + dy * Math.cos(a.angle));
        if (a.angle === b.angle && along < (a.width + b.width) / 2 - 1 && across < (a.height + b.height) / 2 - 1)
          found.push(`chart ${number + 1}: ticks "${a.words}" and "${b.words}" overlap`);
      }
    });
  });
  return found;
}"""


def views(sidebar_links: list[str], base_url: str) -> list[str]:
    """Every page, and every section tab of the pages drawn a tab at a time."""
    found = []
    for url in sidebar_links:
        name = url_path(url, base_url)
        if name in TABBED:
            sections = dict.fromkeys(c.section for c in definitions.of_page(name) if isinstance(c, definitions.Chart))
            found += [f"{url}?section={section.replace(' ', '+')}" for section in sections]
        else:
            found.append(url)
    return found


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=[f"{w}x{h}" for w, h in VIEWPORTS])
def test_every_chart_keeps_its_words_inside_it_and_apart(browser, base_url, sidebar_links, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    problems, charts = [], 0
    try:
        for url in views(sidebar_links, base_url):
            page = context.new_page()
            try:
                page.goto(url)
                settle(page)
                charts += page.locator("[data-testid='stPlotlyChart']").count()
                problems += [f"{url_path(url, base_url)}: {found}" for found in page.evaluate(FIND_JS)]
            finally:
                page.close()
    finally:
        context.close()
    assert charts > 40, f"only {charts} charts were read: the test would see little"
    assert not problems, "\n".join(problems)
