"""Interpolated years on a trend: a trace of their own, named, never joined to the published lines."""

from __future__ import annotations

import pandas as pd
import pytest

from charts.trend import INTERPOLATED, trend
from definitions import get
from definitions.render import render
from definitions.sources import Sources
from insight.frames import series
from tests import curated


@pytest.fixture(scope="module")
def figures(project_tables) -> pd.DataFrame:
    return Sources.load().strategy_figures


def test_interpolated_years_are_a_separate_named_trace_of_markers(figures):
    children = series(figures, "children")
    figure = trend(children, title="Children", interpolate=True)
    observed, projected, between = figure.data
    assert between.name == INTERPOLATED == "Interpolated (straight line)"
    assert between.mode == "markers"  # no line of its own, so never joined into the observed one
    assert between.legendgroup != observed.legendgroup and between.showlegend
    # Small hollow diamonds in the line's colour: a shape of their own, drawn over the projection's dashes.
    assert (between.marker.symbol, between.marker.color) == ("diamond", "white")
    assert between.marker.line.color == observed.line.color and between.marker.size < observed.marker.size
    assert list(observed.y) == [curated.value("children", y) for y in ("2011", "2021")]
    assert list(projected.y) == [curated.value("children", y) for y in ("2021", "2031", "2041")]
    # Every year between the published 2021 and 2041 but the published 2031, none beside the observed years.
    years = [pd.Timestamp(x).year for x in between.x]
    assert years == [y for y in range(2022, 2041) if y != 2031]
    start, end = curated.value("children", "2021"), curated.value("children", "2031")
    assert list(between.y)[years.index(2026)] == pytest.approx((start + end) / 2)
    assert "straight-line interpolation" in figure.layout.meta["caption"]
    assert "not a published figure" in between.hovertemplate[0]
    assert figure.layout.showlegend


def test_without_the_option_the_trend_is_unchanged(figures):
    figure = trend(series(figures, "children"), title="Children")
    assert [t.name for t in figure.data].count(INTERPOLATED) == 0
    assert not figure.layout.meta


def test_one_legend_entry_for_the_interpolated_years_of_several_lines(figures):
    shares = pd.concat(
        [series(figures, "minority_ethnic_share_children"), series(figures, "minority_ethnic_share_residents")]
    )
    figure = trend(shares, title="t", by="indicator", interpolate=True)
    between = [t for t in figure.data if t.name == INTERPOLATED]
    assert len(between) == 2 and [t.showlegend for t in between] == [True, False]


@pytest.mark.parametrize(
    "chart",
    ["population.residents", "population.children", "population.children_share", "diversity.minority_ethnic_shares"],
)
def test_population_projections_name_the_method_in_their_notes(project_tables, chart):
    rendered = render(get(chart), Sources.load())
    assert any(t.name == INTERPOLATED for t in rendered.figure.data)
    assert any(note.startswith("The small open diamonds") and "straight-line" in note for note in rendered.notes)
    # The data view and download keep to the published figures.
    assert not rendered.words.table.astype(str).isin(["interpolated"]).any().any()


def test_households_say_they_have_no_years_and_are_not_interpolated(project_tables):
    rendered = render(get("population.households"), Sources.load())
    assert any("no years" in note and "no years between them are filled in" in note for note in rendered.notes)
    assert not any(t.name == INTERPOLATED for t in rendered.figure.data)


def test_bromley_y_projection_shows_its_basis(project_tables):
    rendered = render(get("health.bromley_y"), Sources.load())
    (basis,) = [n for n in rendered.notes if n.startswith("The basis of the projection")]
    expected = curated.figure("bromley_y_referrals_expected", "2021/22")
    assert f"{float(expected['value']):,.0f}" in basis and "2021/22" in basis
    assert f"{curated.value('bromley_y_referrals_change', 'not stated'):.0f}%" in basis
    assert f"about {curated.value('bromley_y_referrals', 'current'):,.0f} referrals are made in a full year" in basis
