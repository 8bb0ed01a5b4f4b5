"""The scenario chart: the scenario dashed with open circles and named a scenario in its legend, label and hover;
the published figures solid with filled diamonds, in traces of their own; one panel a measure."""

from __future__ import annotations

import pytest

from charts.scenario import PUBLISHED_NAME, SCENARIO_NAME, scenario_chart
from insight import scenario as sc
from tests.insight.test_scenario import HOME, figures


@pytest.fixture(scope="module")
def drawn():
    rows = figures()
    found = sc.scenario(rows, HOME, sc.Assumptions(10.0, 0.0, published_projection=False))
    return found, scenario_chart(found.frame, sc.published(rows, found), title=found.label)


def test_one_panel_a_measure_each_with_a_scenario_and_a_published_trace(drawn):
    _, figure = drawn
    scenarios = [t for t in figure.data if t.name == SCENARIO_NAME]
    published = [t for t in figure.data if t.name == PUBLISHED_NAME]
    assert len(scenarios) == len(published) == len(sc.MEASURES)
    assert len({t.yaxis for t in scenarios}) == len(sc.MEASURES)
    panels = [a.text for a in figure.layout.annotations if a.text.startswith("<b>")]
    assert panels == [f"<b>{m.title}</b>" for m in sc.MEASURES]


def test_the_scenario_is_dashed_with_open_markers_and_the_published_solid_and_filled(drawn):
    _, figure = drawn
    for trace in figure.data:
        if trace.name == SCENARIO_NAME:
            assert trace.line.dash == "dash" and trace.marker.symbol == "circle-open"
        elif trace.name == PUBLISHED_NAME:
            assert trace.line.dash == "solid" and trace.marker.symbol == "diamond"
        else:  # the published projection of children: an open diamond, no line
            assert trace.name == "Published projection" and trace.mode == "markers"
            assert trace.marker.symbol == "diamond-open"
    scenario_colours = {t.line.color for t in figure.data if t.name == SCENARIO_NAME}
    published_colours = {t.line.color for t in figure.data if t.name == PUBLISHED_NAME}
    assert scenario_colours.isdisjoint(published_colours)  # and dash and marker differ too: never colour alone


def test_the_scenario_says_so_in_its_title_label_and_hover(drawn):
    found, figure = drawn
    assert figure.layout.title.text == found.label and found.label.startswith("Scenario:")
    scenario_traces = [t for t in figure.data if t.name == SCENARIO_NAME]
    labels = [a for a in figure.layout.annotations if a.text.endswith("(scenario)")]
    assert len(labels) == len(scenario_traces)  # one a panel: its last year and value
    for trace, written in zip(scenario_traces, labels, strict=True):
        # In the panel's headroom at its right (the y axis runs to 1.3x the highest value), never on the line.
        assert (written.x, written.y, written.xanchor, written.yanchor) == (1, 1, "right", "top")
        assert written.xref.endswith("domain") and written.yref.endswith("domain")
        assert f"{round(trace.y[-1]):,}" in written.text
        assert not trace.text and "text" not in trace.mode
    for trace in scenario_traces:
        assert all(
            "scenario, not a published figure" in h
            for h, i in zip(trace.hovertemplate, trace.hoverinfo, strict=True)
            if i != "skip"
        )
    for trace in (t for t in figure.data if t.name != SCENARIO_NAME):
        assert not any("scenario" in h for h in trace.hovertemplate)


def test_the_scenario_values_are_the_frames_and_start_from_the_newest_published_figure(drawn):
    found, figure = drawn
    referrals = next(t for t in figure.data if t.name == SCENARIO_NAME and t.yaxis == "y2")
    expected = found.frame[found.frame["measure"] == "referrals"]["value"].tolist()
    assert list(referrals.y) == pytest.approx([200.0, *expected])  # from 200 in 2021/22, the published figure
    assert referrals.hoverinfo[0] == "skip" and referrals.marker.size[0] == 0  # that point is the published one's
    assert figure.layout.meta["own_layout"]  # the export keeps the legend clear of the panels' names
