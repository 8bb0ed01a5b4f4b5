"""The village figures, built from the real table: one mark per child, counts as published, honest colours."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import theme
from charts.village import (
    FAMILY_SHADES,
    FAMILY_SYMBOLS,
    HIGHLIGHT,
    REST,
    characteristic_grid,
    characteristics_small_multiples,
    for_a_phone,
    village_grid,
    villages_side_by_side,
)


@pytest.fixture(scope="module")
def village(project_tables) -> pd.DataFrame:
    return pd.read_parquet(project_tables.tables / "village.parquet")


@pytest.fixture(scope="module")
def ethnic(village) -> pd.DataFrame:
    return village[village["group_type"] == "ethnicity"]


@pytest.fixture(scope="module")
def characteristics(village) -> pd.DataFrame:
    return village[village["group_type"] == "characteristic"]


@pytest.fixture(scope="module")
def grid(ethnic) -> go.Figure:
    return village_grid(ethnic, title="If Bromley were a village of 100 children")


def marks(trace) -> int:
    return len(np.asarray(trace.x))


def positions(traces) -> list[tuple[int, int]]:
    cells = []
    for trace in traces:
        x, y = np.asarray(trace.x), np.asarray(trace.y)
        assert np.all(x == np.round(x)) and np.all(y == np.round(y)), "marks sit on whole grid cells"
        cells += list(zip(x.astype(int).tolist(), y.astype(int).tolist(), strict=True))
    return cells


def lightness(colour: str) -> float:
    """CIE L* of a hex colour: what stays when hue cannot be told apart."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * luminance ** (1 / 3) - 16 if luminance > 0.008856 else 903.3 * luminance


# --- the village by ethnic group --------------------------------------------------------------------------------


def test_the_village_has_one_mark_per_child(grid, ethnic):
    assert sum(marks(trace) for trace in grid.data) == 100 == ethnic["count"].sum()
    assert len(grid.data) == len(ethnic) == 14


def test_each_group_has_its_published_count_in_marks_legend_and_hover(grid, ethnic):
    traces = {trace.name.rsplit(" (", 1)[0]: trace for trace in grid.data}
    for row in ethnic.itertuples():
        trace = traces[row.group]
        assert marks(trace) == row.count
        assert trace.name == f"{row.group} ({row.count})"
        assert set(trace.hovertext) == {f"{row.group}: {row.count} of 100 children"}
    assert traces["White British"].name == "White British (62)"


def legend(figure) -> list:
    """Traces in the order the legend lists them (plotly sorts by legendrank)."""
    return sorted(figure.data, key=lambda trace: trace.legendrank)


def test_the_legend_lists_groups_largest_first(grid, ethnic):
    listed = legend(grid)
    counts = [marks(trace) for trace in listed]
    assert counts == sorted(counts, reverse=True)
    assert len({trace.legendrank for trace in grid.data}) == len(grid.data)
    assert [trace.name for trace in listed][:3] == ["White British (62)", "Black African (8)", "White other (7)"]
    # Equal counts keep the strategy's order: White & Asian, Mixed other, Black Caribbean (3 each).
    assert [trace.name for trace in listed][4:7] == ["White & Asian (3)", "Mixed other (3)", "Black Caribbean (3)"]


def test_the_grid_places_each_family_together_largest_family_first(grid):
    # White 62 + 7 = 69, then Black 8 + 3 + 2 = 13, Mixed 4 + 3 + 3 + 1 = 11, Asian 2 + 2 + 1 + 1 = 6, Other 1.
    families = [trace.name.rsplit(" (", 1)[0] for trace in grid.data]
    assert families == [
        "White British", "White other",
        "Black African", "Black Caribbean", "Black other",
        "White & Black Caribbean", "White & Asian", "Mixed other", "White & Black African",
        "Indian", "Asian other", "Chinese", "Bangladeshi",
        "Another ethnic group",
    ]  # fmt: skip


def test_no_two_groups_look_alike(grid):
    looks = [(trace.marker.color, trace.marker.symbol) for trace in grid.data]
    assert len(set(looks)) == len(looks)


def test_each_family_has_one_hue_family_one_shape_and_shades_that_differ_in_lightness(grid, ethnic):
    family_of = dict(zip(ethnic["group"], ethnic["family"], strict=True))
    by_family: dict[str, list] = {}
    for trace in grid.data:
        by_family.setdefault(family_of[trace.name.rsplit(" (", 1)[0]], []).append(trace)
    assert set(by_family) == {"White", "Mixed", "Black", "Asian", "Other"}
    symbols = {family: {trace.marker.symbol for trace in traces} for family, traces in by_family.items()}
    assert all(len(shapes) == 1 for shapes in symbols.values())
    assert len({shapes.pop() for shapes in symbols.values()}) == 5  # a different shape for every family
    for family, traces in by_family.items():
        assert {trace.marker.color for trace in traces} <= set(FAMILY_SHADES[family])
        shades = sorted(lightness(trace.marker.color) for trace in traces)
        assert all(b - a >= 10 for a, b in pairwise(shades)), (family, shades)


def test_family_colours_start_from_the_okabe_ito_hues():
    assert [shades[0] for shades in FAMILY_SHADES.values()] == [
        theme.BLUE,
        theme.PINK,
        theme.ORANGE,
        theme.GREEN,
        theme.YELLOW,
    ]
    assert set(FAMILY_SHADES) == set(FAMILY_SYMBOLS)
    for family, shades in FAMILY_SHADES.items():
        assert HIGHLIGHT not in shades and REST not in shades
        steps = sorted(lightness(shade) for shade in shades)
        assert all(b - a >= 12 for a, b in pairwise(steps)), (family, steps)  # told apart by lightness alone


def test_a_group_keeps_its_colour_however_the_table_is_sorted(grid, ethnic):
    shuffled = village_grid(ethnic.sample(frac=1, random_state=7), title="t")
    assert [marks(trace) for trace in legend(shuffled)] == sorted(ethnic["count"], reverse=True)
    looks = {trace.name: (trace.marker.color, trace.marker.symbol) for trace in grid.data}
    tied = {"White & Asian (3)", "Mixed other (3)"}  # same family, same count: the table's order decides
    for trace in shuffled.data:
        if trace.name not in tied:
            assert (trace.marker.color, trace.marker.symbol) == looks[trace.name], trace.name


def test_the_marks_fill_a_10_by_10_grid_largest_group_first(grid):
    cells = positions(grid.data)
    assert len(cells) == len(set(cells)) == 100
    assert set(cells) == {(x, y) for x in range(10) for y in range(10)}
    # White British fills the first 62 places, reading left to right, top to bottom.
    assert positions(grid.data[:1]) == [(i % 10, i // 10) for i in range(62)]


def test_the_grid_is_square_and_bare(grid):
    layout = grid.layout
    assert layout.yaxis.scaleanchor == "x" and layout.yaxis.scaleratio == 1
    assert layout.xaxis.visible is False and layout.yaxis.visible is False
    assert layout.xaxis.showgrid is False and layout.yaxis.showgrid is False
    assert tuple(layout.xaxis.range) == (-0.5, 9.5)
    assert tuple(layout.yaxis.range) == (9.5, -0.5)  # row 0 at the top
    assert layout.template.layout.font.family == theme.FONT
    assert layout.title.text == "If Bromley were a village of 100 children"


def test_each_child_is_a_shape_in_data_units_big_but_not_touching(grid):
    """Shapes scale with the chart (a phone's column or a big screen); pixel-sized markers would not."""
    shapes = grid.layout.shapes
    assert len(shapes) == 100
    colours = {trace.marker.color: len(trace.x) for trace in grid.data}
    assert {colour: sum(1 for s in shapes if s.fillcolor == colour) for colour in colours} == colours
    squares = [s for s in shapes if s.type == "rect"]
    assert len(squares) == 69  # the White family: White British and White other
    for square in squares:
        assert 0.6 <= square.x1 - square.x0 <= 0.9
        assert square.y1 - square.y0 == pytest.approx(square.x1 - square.x0)
    assert all((s.xref, s.yref, s.layer) == ("x", "y", "below") for s in shapes)


def caption_of(figure) -> str:
    """A grid's note: kept for the page in the app (layout.meta), drawn into an image of known width."""
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    drawn = " ".join(a.text.replace("<br>", " ") for a in figure.layout.annotations)
    return meta.get("caption", "") + " " + drawn


def test_a_class_of_30_is_shared_out_by_largest_remainder(ethnic):
    figure = village_grid(ethnic, title="A class of 30", size=30, columns=6)
    # 0.3 x the published counts, by largest remainder (worked by hand in tests/insight/test_village.py).
    assert [marks(trace) for trace in figure.data] == [19, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    assert figure.data[0].name == "White British (19)"
    assert "White British: 19 of 30 children (exactly 18.6, rounded up)" in figure.data[0].hovertext
    cells = positions(figure.data)
    assert set(cells) == {(x, y) for x in range(6) for y in range(5)} and len(cells) == 30
    caption = caption_of(figure)
    for missing in ("White & Black African", "Another ethnic group", "Chinese", "Bangladeshi"):
        assert missing in caption


def test_a_partial_last_row(ethnic):
    figure = village_grid(ethnic, title="t", size=25)
    cells = positions(figure.data)
    assert len(cells) == 25 and max(y for _, y in cells) == 2
    assert tuple(figure.layout.yaxis.range) == (2.5, -0.5)


# --- the circumstances ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "group_id", ["low_income", "free_school_meals", "sen_support", "workless_household", "mental_health_support"]
)
def test_a_circumstance_lights_up_its_children_and_no_ethnic_colour(characteristics, group_id):
    row = characteristics.set_index("group_id").loc[group_id]
    figure = characteristic_grid(int(row["count"]), label=row["group"], title=row["group"])
    highlighted, rest = figure.data
    assert marks(highlighted) == row["count"] and highlighted.marker.color == HIGHLIGHT
    assert marks(rest) == 100 - row["count"] and rest.marker.color == REST
    assert highlighted.name == f"{row['group']} ({row['count']})"
    assert rest.name == f"Other children ({100 - row['count']})"
    ethnic_colours = {colour for shades in FAMILY_SHADES.values() for colour in shades}
    assert not {trace.marker.color for trace in figure.data} & ethnic_colours
    assert len(set(positions(figure.data))) == 100
    assert "illustrative" in caption_of(figure)


def test_a_circumstance_with_the_published_label():
    figure = characteristic_grid(13, label="Live in low-income families", title="t")
    assert [trace.name for trace in figure.data] == ["Live in low-income families (13)", "Other children (87)"]
    assert figure.data[0].marker.color in (theme.VERMILLION, theme.BLUE)


@pytest.mark.parametrize("count", [-1, 101, 12.5, True])
def test_a_count_outside_the_village_is_refused(count):
    with pytest.raises(ValueError, match="'Low income': the count must be a whole number from 0 to 100"):
        characteristic_grid(count, label="Low income", title="t")


def test_none_and_all_of_the_village(characteristics):
    assert [marks(t) for t in characteristic_grid(0, label="None", title="t").data] == [100]
    assert [marks(t) for t in characteristic_grid(100, label="All", title="t").data] == [100]


def test_the_small_multiples_show_all_five_with_their_published_counts(characteristics):
    figure = characteristics_small_multiples(characteristics, title="Among the village of 100 children")
    panels: dict[str, dict[str, int]] = {}
    for trace in figure.data:
        panels.setdefault(trace.xaxis, {})[trace.marker.color] = marks(trace)
        assert trace.marker.color in (HIGHLIGHT, REST)
    assert len(panels) == 5
    assert all(sum(panel.values()) == 100 for panel in panels.values())
    assert [panel[HIGHLIGHT] for panel in panels.values()] == characteristics["count"].tolist() == [13, 11, 11, 8, 3]
    titles = [annotation.text.replace("<br>", " ") for annotation in figure.layout.annotations]
    assert titles[:5] == [
        "13 in low-income families",
        "11 eligible for free school meals",
        "11 needing SEN support",
        "8 in a home without an adult in paid employment",
        "3 receiving specialist mental health support",
    ]
    # In an image of known width the five sit three across, titled with the shortest labels.
    wide = characteristics_small_multiples(characteristics, title="t", width=1600, height=900)
    assert [a.text.replace("<br>", " ") for a in wide.layout.annotations][:5] == [
        "13 low income",
        "11 free school meals",
        "11 SEN support",
        "8 workless home",
        "3 mental health support",
    ]
    assert "illustrative" in caption_of(figure)
    for n in ("", "2", "3", "4", "5"):
        assert figure.layout[f"yaxis{n}"].scaleanchor == f"x{n}"
        assert figure.layout[f"xaxis{n}"].visible is False
    assert sum(bool(trace.showlegend) for trace in figure.data) == 2  # one legend for all five


def test_villages_side_by_side_round_each_share(characteristics):
    shares = {"2011": 23, "2021": 31, "2041 (projected)": 38}
    label = "Black, Asian or other ethnic heritage"
    figure = villages_side_by_side(shares, label=label, title="t")
    highlighted = [marks(trace) for trace in figure.data if trace.marker.color == HIGHLIGHT]
    assert highlighted == [23, 31, 38]
    assert sum(marks(trace) for trace in figure.data) == 300
    # As classes of 30: 6.9, 9.3 and 11.4 children round to 7, 9 and 11.
    classes = villages_side_by_side(shares, label=label, title="t", size=30)
    assert [marks(trace) for trace in classes.data if trace.marker.color == HIGHLIGHT] == [7, 9, 11]
    assert [annotation.text.replace("<br>", " ") for annotation in classes.layout.annotations][:3] == [
        "2011: 7 of 30",
        "2021: 9 of 30",
        "2041 (projected): 11 of 30",
    ]


def test_a_share_that_is_not_a_percentage_is_refused():
    with pytest.raises(ValueError, match="the share for '2041' must be a percentage from 0 to 100, not 120"):
        villages_side_by_side({"2041": 120}, label="x", title="t")


def test_a_bad_table_or_grid_is_refused(ethnic):
    broken = ethnic.assign(count=ethnic["count"].where(ethnic["group"] != "Chinese", -1))
    with pytest.raises(ValueError, match="is negative: -1"):
        village_grid(broken, title="t")
    with pytest.raises(ValueError, match="columns must be a whole number of at least 1, not 0"):
        village_grid(ethnic, title="t", columns=0)


def test_the_caption_names_the_size_of_the_village():
    figure = characteristic_grid(4, label="Low income", size=30, title="t")
    assert sum(marks(trace) for trace in figure.data) == 30
    assert "how many of the 30 children" in caption_of(figure)
    drawn = characteristic_grid(4, label="Low income", size=30, title="t", width=1600, height=900)
    assert "how many of the 30 children" in drawn.layout.annotations[0].text.replace("<br>", " ")


def test_in_the_app_notes_are_left_to_the_page_and_titles_fit_a_phone(characteristics):
    """Inside the figure a note cannot wrap and ran over the legend: the page prints it. Panel titles are
    wrapped for a phone's column, so they never run into each other."""
    figure = characteristics_small_multiples(characteristics, title="t")
    assert "illustrative" in figure.layout.meta["caption"]
    assert not any("illustrative" in a.text for a in figure.layout.annotations)
    widest = max(len(line) for a in figure.layout.annotations for line in a.text.split("<br>"))
    assert widest * 0.55 * 15 <= 360 - 48, widest  # one strip a row: each title has a phone's whole column
    assert {a.xanchor for a in figure.layout.annotations} == {"left"}
    assert {a.y for a in figure.layout.annotations} == set(a.y for a in figure.layout.annotations)
    assert len({a.y for a in figure.layout.annotations}) == 5  # a row each: no two titles side by side
    assert figure.layout.legend.maxheight == 1 or figure.layout.legend.maxheight is None


def grid_rows(figure: go.Figure) -> list[list[tuple[float, float]]]:
    """Each drawn grid's x domain, grouped by the row its y domain puts it in (top row first)."""
    panels: dict[tuple[float, float], set[tuple[float, float]]] = {}
    for trace in figure.data:
        x, y = (trace.xaxis or "x")[1:], (trace.yaxis or "y")[1:]
        y_domain = tuple(figure.layout[f"yaxis{y}"].domain)
        panels.setdefault(y_domain, set()).add(tuple(figure.layout[f"xaxis{x}"].domain))
    return [sorted(row) for _, row in sorted(panels.items(), reverse=True)]


def test_the_app_draws_the_five_as_a_phones_strips_and_says_so(characteristics):
    """Issue 20: the strips are for a phone; the figure says so, so a wide screen or an export draws it again."""
    strips = characteristics_small_multiples(characteristics, title="t")
    assert [len(row) for row in grid_rows(strips)] == [1, 1, 1, 1, 1]
    assert for_a_phone(strips)
    assert not for_a_phone(characteristics_small_multiples(characteristics, title="t", width=1600, height=900))


@pytest.mark.parametrize(
    ("size", "per_row"),
    [
        ((980, 720), [3, 2]),  # the page's chart at 1440x1000: three a row, the legend in the spare cell
        ((1920, 1080), [3, 2]),
        ((1776, 548), [5]),  # a slide's picture under a four-line message: wide and short, all in one row
    ],
)
def test_the_five_are_arranged_for_the_size_they_are_drawn_at(characteristics, size, per_row):
    width, height = size
    figure = characteristics_small_multiples(characteristics, title="t", width=width, height=height, note=False)
    rows = grid_rows(figure)
    assert [len(row) for row in rows] == per_row
    assert rows[0][0][0] < 0.05 and rows[0][-1][1] > 0.95  # the first row spans the width
    lit = [marks(t) for t in figure.data if t.marker.color == HIGHLIGHT]
    assert lit == [13, 11, 11, 8, 3]


def test_without_its_note_a_sized_grid_leaves_the_note_to_the_words_beside_it(characteristics, ethnic):
    """A slide or an image prints the note as text; the figure neither draws it nor keeps room under the grids."""
    for figure in (
        characteristics_small_multiples(characteristics, title="t", width=1776, height=700, note=False),
        characteristic_grid(4, label="Low income", title="t", width=1776, height=700, note=False),
    ):
        assert "illustrative" in figure.layout.meta["caption"]
        assert not any("illustrative" in (a.text or "") for a in figure.layout.annotations)
        assert figure.layout.margin.b < 40
    drawn = characteristic_grid(4, label="Low income", title="t", width=1776, height=700)
    assert any("illustrative" in a.text for a in drawn.layout.annotations) and drawn.layout.margin.b > 60
