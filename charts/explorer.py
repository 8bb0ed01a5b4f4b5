"""The explorer's chart: any indicators in any areas, over time where they are dated, as bars where they are not.

Each series (an indicator in an area, for a breakdown) has its own colour and marker shape, and its name at its
end in the legend. Observed figures are a solid line, projections dashed, years filled in between published
projections dotted with small open markers and a legend entry of their own; published 95% confidence intervals
are bands, a published range a bar across its span, bounds and approximate figures their own marker shapes. A
series whose source changes (the strategy's figures, then a release) is broken there, never joined. The
strategy's own figures are ringed. Two units share a chart on two axes; nothing is drawn on a wrong axis. The
authorities of a group picked as one (the home area's statistical neighbours) are thin grey lines with small open
circles under one legend entry, the group's name: a backdrop the picked series stand out from, each authority
named where the pointer rests and in the tables; a dozen colours could not be told apart.
"""

from __future__ import annotations

import functools
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.common import (
    OWN_TAGS,
    TEXT_PROPERTIES,
    base_figure,
    category_axis,
    hover,
    label,
    marker_symbol,
    shade_projection,
    wrap,
    y_title,
)
from charts.theme import CATEGORICAL, MUTED_TEXT, TEXT, text_colour
from insight.explore import known as _known
from insight.explore import narrow

SHAPES = ["circle", "square", "diamond", "triangle-up", "hexagon", "pentagon", "star-square", "cross"]
GROUP_COLOUR, GROUP_SHAPE = "#7F7F7F", "circle-open"  # a group's authorities: 4:1 on white, lighter than any text
INTERPOLATED = "interpolated"
NOT_A_LINE = ("range",)  # statuses drawn as a bar across their span, not as a point on the line


def records(rows: pd.DataFrame) -> list[dict]:
    return rows.to_dict("records")


def explorer_chart(frame: pd.DataFrame | list[dict], *, kind: str, log: bool = False, title: str = "") -> go.Figure:
    """`frame`: rows with a `series` name each, a frame (insight.explore.with_names) or its records
    (insight.explore.named). `kind`: "time" or "bars"."""
    spec = time_spec if kind == "time" else bars_spec
    return go.Figure(spec(frame, log=log, title=title), _validate=False)


IMAGE_TYPE, LABEL_TYPE = 20, 12  # px of an image's words (charts.export.for_export), and of an end label here


def for_image(spec: dict) -> go.Figure:
    """The chart made a figure for an image or a slide (charts.export.for_export): it lays out its own legend (under
    the plot, as on the page) and its end labels, whose margin grows with the image's larger type, so the export
    neither puts its legend row above the plot (where a legend placed on the chart's foot was lost) nor cuts the
    labels off at its own margins."""
    figure = go.Figure(spec)
    right = figure.layout.margin.r
    figure.update_layout(meta={"own_layout": True})
    if right is not None:
        figure.update_layout(margin={"r": 16 + math.ceil((right - 16) * IMAGE_TYPE / LABEL_TYPE)})
    return figure


def styles_of(series: list[str], grouped: set[str]) -> dict[str, tuple[str, str]]:
    """Each series' colour and marker shape, in the order the series were picked; a group's authorities (those of
    `grouped`) all grey with open circles (the palette's colours go to the series picked one by one)."""
    names = [name for name in dict.fromkeys(series) if name not in grouped]
    styles = {n: (CATEGORICAL[i % len(CATEGORICAL)], SHAPES[i % len(SHAPES)]) for i, n in enumerate(names)}
    return styles | dict.fromkeys(grouped, (GROUP_COLOUR, GROUP_SHAPE))


def group_of(rows: list[dict]) -> dict[str, str]:
    """Each series read only through a group (its authorities), and the group's name."""
    return {r["series"]: r["group"] for r in rows if isinstance(r.get("group"), str)}


def _source_of(row: dict) -> str:
    """What a figure comes from: a change of it within one series is a break in the line."""
    if row.get("source_kind") == "release":
        return f"release:{row.get('release_dataset')}"
    return f"{row.get('source_kind')}:{row.get('source_id')}"


def segments(rows: list[dict]) -> list[list[dict]]:
    """A series' rows (in time order) split wherever the source changes."""
    runs: list[list[dict]] = []
    for row in rows:
        if runs and _source_of(runs[-1][-1]) == _source_of(row):
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


LEGEND_WIDTH = 38  # characters of a legend name per line: a phone's width (longer names wrap)
LEGEND_LINE, LEGEND_ENTRY = 22, 12  # pixels a line of a legend entry takes, and each entry's gap


def legend_height(names: list[str]) -> int:
    """Pixels the legend below the plot takes: the chart grows by them, so the plot keeps its own height."""
    return sum(LEGEND_LINE * (name.count("<br>") + 1) + LEGEND_ENTRY for name in names)


def time_spec(frame: pd.DataFrame | list[dict], *, log: bool = False, title: str = "") -> dict:
    """The chart over time as plotly's plain spec ({"data": traces, "layout": layout}), from a frame or its records:
    what the explorer's page draws (it changes indicator in a few milliseconds). Works on plain records, grouped
    once, and makes plain dicts: filtering a DataFrame per series and per status, and plotly's checks of every
    property set (and its copies of a figure), cost more than all the drawing (thirteen areas took 20 ms)."""
    rows = frame if isinstance(frame, list) else records(narrow(frame))
    wrapped = {who: wrap(who, LEGEND_WIDTH) for who in dict.fromkeys(r["series"] for r in rows)}
    rows = [r | {"series": wrapped[r["series"]]} for r in rows]
    groups = group_of(rows)
    styles = styles_of([r["series"] for r in rows], set(groups))
    dated = sorted((r for r in rows if _known(r["x"])), key=lambda r: r["x"])
    axes = dict(zip(list(dict.fromkeys(r["unit"] for r in dated))[:2], ["y", "y2"], strict=False))
    dated = [r for r in dated if r["unit"] in axes]
    if log:  # a figure of zero or below has no place on a log axis: a gap in its line, not a drop off the chart
        dated = [r | {"value": None} if _known(r["value"]) and r["value"] <= 0 else r for r in dated]
    by_series: dict[str, list[dict]] = {}
    for row in dated:
        by_series.setdefault(row["series"], []).append(row)
    entries = [*[w for w in by_series if w not in groups], *dict.fromkeys(groups[w] for w in by_series if w in groups)]
    entries += [f"{w}: years in between" for w, rs in by_series.items() if _has(rs, INTERPOLATED)]
    entries += ["The strategy's own figures"] * any(r["source_kind"] == "strategy" for r in dated)
    traces: list[dict] = []
    breaks = []
    for who in [name for name in styles if name in by_series]:
        series = by_series[who]
        colour, shape = styles[who]
        yaxis = axes[series[0]["unit"]]
        if who in groups:
            _member(traces, series, who, groups[who], yaxis, first=who == next(w for w in by_series if w in groups))
            continue
        _band(traces, series, who, colour, yaxis)
        for number, part in enumerate(segments(series)):
            _lines(traces, part, who, colour, shape, yaxis, first=number == 0)
            breaks += [part[0]["x"]] if number else []
    _strategy_rings(traces, dated, axes)

    # The layout, as plain dicts over the theme's (kept once)
    layout = _base_layout() | {
        "title": {"text": title},
        "height": 400 + legend_height(entries) + GROUP_ROOM * bool(groups),
    }
    shapes = [
        {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
         "line": {"dash": "dot", "color": "#8C8C8C", "width": 1}}
        for x in breaks
    ]  # fmt: skip
    annotations = [
        {"x": x, "y": 1, "yref": "paper", "text": "source changes", "showarrow": False, "xanchor": "left",
         "yanchor": "top", "font": {"size": 13, "color": "#595959"}}
        for x in breaks
    ]  # fmt: skip
    labels, right = _end_labels(dated, groups, axes, log)
    projected = [r for r in dated if r["status"] == "projected"]
    reach = max([pd.Timestamp(r["period_end"]) for r in projected if _known(r["period_end"])], default=None)
    plot = PHONE_CHART - AXIS_ROOM * len(axes) - (right or MARGIN_RIGHT)
    ticks = period_ticks([(r["x"], r["period"]) for r in dated], plot, reach=reach)
    layout |= _axes(dated, axes, log) | {
        "xaxis": {"type": "date", "title": {"text": ""}, **ticks},
        "shapes": shapes,
        "annotations": annotations + labels,
    }
    # No room above the plot for a title the page shows as a heading (an image's export makes its own)
    layout["margin"] = ({"r": right} if right else {}) | ({} if title else {"t": TOP_ROOM})
    if projected:  # few charts: the shared shading, drawn by plotly on a figure of its own and taken from it
        first = projected[0]["x"]
        before = [r["x"] for r in dated if r["x"] < first]
        start = before[-1] if before else first
        shaded = go.Figure()
        shade_projection(shaded, start + (first - start) / 2, reach)
        layout["shapes"] += [shape.to_plotly_json() for shape in shaded.layout.shapes]
        layout["annotations"] += [note.to_plotly_json() for note in shaded.layout.annotations]
    return {"data": _inert_traces(traces), "layout": _inert_layout(layout)}


@functools.cache
def _base_layout() -> dict:
    """The theme's layout (base_figure's), as a dict: made once, never changed (each chart takes a copy's top)."""
    return base_figure("", height=400).layout.to_plotly_json()


def _safe(text):
    return OWN_TAGS.sub("&lt;", text) if isinstance(text, str) else text


def _inert_traces(traces: list[dict]) -> list[dict]:
    """charts.common.inert on plain traces: names, texts and hovers from data drawn as text, never as markup."""
    for trace in traces:
        for prop in TEXT_PROPERTIES:
            value = trace.get(prop)
            if isinstance(value, list):
                trace[prop] = [_safe(v) for v in value]
            elif isinstance(value, str):
                trace[prop] = _safe(value)
    return traces


def _inert_layout(layout: dict) -> dict:
    """charts.common.inert on a plain layout: its title, annotations and tick labels."""
    for annotation in layout.get("annotations", []):
        annotation["text"] = _safe(annotation["text"])
    layout["title"] = {**layout.get("title", {}), "text": _safe(layout.get("title", {}).get("text", ""))}
    for name in [n for n in layout if n.startswith(("xaxis", "yaxis"))]:
        if "ticktext" in layout[name]:
            layout[name]["ticktext"] = [_safe(t) for t in layout[name]["ticktext"]]
    return layout


def _who(row: dict) -> str:
    """An authority's end label: its name, and its breakdown where that is not the headline."""
    return row["area_name"] + ("" if row["breakdown"] == "all" else f", {row['breakdown']}")


# Periods are labelled as published, at their points. The same figure is drawn on every screen: a wide one has room
# for each label level; on a phone's plot plotly turns them (to 45 degrees, or upright) where level ones would
# overlap, and where even upright ones would, fewer periods are labelled.
PHONE_CHART = 358  # pixels of a chart's width on a 390 px phone (the page's padding either side)
AXIS_ROOM = 70  # pixels beside the plot a value axis takes (its labels and title, "73,000" and "number")
MARGIN_RIGHT = 24  # pixels right of the plot without end labels (the theme's margin)
POINT_PAD = 20  # pixels plotly leaves between the plot's edge and the first or last point (its markers' room)
UPRIGHT_PX = 22  # pixels a 16 px label turned upright takes across the axis (its line, about 18), with a gap
ANGLES = [0, 45, 90]  # the angles plotly may turn labels to, the first at which none overlap


def period_ticks(points: list[tuple], width: float, *, reach=None) -> dict:
    """Ticks at the periods' points, each labelled with its period as published ("2024/25", "2024", "2015-16"), each
    period once: a point sits on the tick that names it. Where even upright labels would overlap on a plot `width`
    pixels wide (the points placed by time, from the first to the last or to `reach`, the end of a projection's
    shading), periods are labelled from the newest back, each one clear of the last labelled: every second or
    third of evenly spaced years, and never a label between points. `points`: (x, period) pairs."""
    at: dict[str, object] = {}
    for x, period in sorted(points, key=lambda p: p[0]):
        at.setdefault(period, x)
    periods = list(at)
    if not periods:
        return {}
    first = pd.Timestamp(at[periods[0]])
    last = max(pd.Timestamp(at[periods[-1]]), pd.Timestamp(reach or at[periods[-1]]))
    span = (last - first).total_seconds() or 1.0
    where = [(pd.Timestamp(at[p]) - first).total_seconds() / span * (width - 2 * POINT_PAD) for p in periods]
    chosen = [len(periods) - 1]
    for i in reversed(range(len(periods) - 1)):
        if where[chosen[-1]] - where[i] >= UPRIGHT_PX:
            chosen.append(i)
    chosen.reverse()
    return {
        "tickmode": "array",
        "tickvals": [at[periods[i]] for i in chosen],
        "ticktext": [periods[i] for i in chosen],
        "autotickangles": ANGLES,  # with plotly's own tickangle, "auto"
    }


TOP_ROOM = 30  # pixels above the plot of an untitled chart (the theme keeps 70 for a title)
LABEL_LINE = 15  # pixels a line of an end label takes
LABEL_WIDTH = 16  # characters of an end label per line
PLOT_HEIGHT = 290  # pixels of the plot in a chart 400 high (the rest is title, axis and margins)
GROUP_ROOM = 120  # pixels more a chart with a group's end labels gets, so ten labels fit near their lines


def _end_labels(dated: list[dict], groups: dict, axes: dict, log: bool) -> tuple[list[dict], int | None]:
    """Each group authority's name beside the end of its line (at the plot's right edge), in grey, moved apart (in
    their order) where ends are close, so a printed chart names them too (the legend names only the group); and
    the right margin they need (None without them)."""
    annotations: list[dict] = []
    ends: dict[str, dict] = {}
    for row in (r for r in dated if r["series"] in groups and _known(r["value"]) and (not log or r["value"] > 0)):
        if row["series"] not in ends or row["x"] > ends[row["series"]]["x"]:
            ends[row["series"]] = row
    for axis in set(axes.values()):
        mine = sorted((r for r in ends.values() if axes[r["unit"]] == axis), key=lambda r: r["value"])
        if not mine:
            continue
        values_on_axis = [r["value"] for r in dated if axes.get(r["unit"]) == axis and _known(r["value"])]
        scale = (lambda v: math.log10(v)) if log else (lambda v: v)
        low = scale(min(v for v in values_on_axis if v > 0)) if log else min(0, *values_on_axis)
        span = (scale(max(values_on_axis)) - low) * 1.1 or 1  # the axis's range, about: plotly pads it
        unit = span / (PLOT_HEIGHT + GROUP_ROOM)  # one pixel, in the axis's units
        texts = [_label(r) for r in mine]
        heights = [LABEL_LINE * (t.count("<br>") + 1) * unit for t in texts]
        placed = spread([scale(r["value"]) for r in mine], heights, low, low + span)
        for y, text in zip(placed, texts, strict=True):
            # At the plot's right edge, in the margin: placed at the line's end in data units, plotly widens the
            # time axis to fit the words (a phone's plot then showed five years in its first third).
            annotations.append(
                {"x": 1, "xref": "paper", "y": y, "yref": axis, "text": text, "showarrow": False, "xanchor": "left",
                 "xshift": 6, "align": "left", "font": {"size": LABEL_TYPE, "color": MUTED_TEXT}}
            )  # fmt: skip
    if not ends:
        return annotations, None
    widest = max(len(line) for r in ends.values() for line in _label(r).split("<br>"))
    return annotations, 16 + 7 * widest


def spread(targets: list[float], heights: list[float], low: float, high: float) -> list[float]:
    """Centres for labels of `heights` as near their `targets` (ascending) as they can be without overlapping: labels
    that would overlap form a block centred on their targets' mean, blocks merging until none overlap; then the
    whole is kept within low and high where it fits."""
    blocks: list[list[int]] = []

    def placed(block: list[int]) -> tuple[float, float]:  # the block's bottom and top
        size = sum(heights[i] for i in block)
        centre = sum(targets[i] for i in block) / len(block)
        return centre - size / 2, centre + size / 2

    for i in range(len(targets)):
        blocks.append([i])
        while len(blocks) > 1 and placed(blocks[-1])[0] < placed(blocks[-2])[1]:
            blocks[-2:] = [blocks[-2] + blocks[-1]]
    centres: list[float] = []
    for block in blocks:
        bottom = placed(block)[0]
        for i in block:
            centres.append(bottom + heights[i] / 2)
            bottom += heights[i]
    if centres:
        over = centres[-1] + heights[-1] / 2 - high
        under = low - (centres[0] - heights[0] / 2)
        shift = -over if over > 0 else max(under, 0)
        centres = [c + shift for c in centres]
    return centres


def _label(row: dict) -> str:
    """An end label over lines of LABEL_WIDTH, long names unbroken ("Buckinghamshire", not "Buckinghamshir-e")."""
    return "<br>".join(textwrap.wrap(_who(row), LABEL_WIDTH, break_long_words=False))


def _has(rows: list[dict], status: str) -> bool:
    return any(r["status"] == status for r in rows)


def _line_trace(rows: list[dict], who: str, colour: str, shape: str, yaxis: str, dash: str, in_legend: bool) -> dict:
    return dict(
        type="scatter",
        x=[r["x"] for r in rows], y=[r["value"] for r in rows], name=who, legendgroup=who, showlegend=in_legend,
        yaxis=yaxis, mode="lines+markers", line={"color": colour, "width": 3, "dash": dash},
        marker={"size": 10, "color": colour, "symbol": [marker_symbol(shape, r["status"]) for r in rows],
                "line": {"width": 2, "color": colour}},
        hovertemplate=[hover(r, who) for r in rows],
    )  # fmt: skip


def _lines(traces: list[dict], part: list[dict], who: str, colour: str, shape: str, yaxis: str, *, first: bool) -> None:
    """One unbroken run of a series: observed solid, projected dashed on from the last observed point, filled-in
    years as small open marks of their own, a range as a bar across its span."""
    ranges = [r for r in part if r["status"] in NOT_A_LINE]
    filled = [r for r in part if r["status"] == INTERPOLATED]
    observed = [r for r in part if r["status"] not in (*NOT_A_LINE, INTERPOLATED, "projected")]
    projected = [r for r in part if r["status"] == "projected"]
    if projected and observed:
        earlier = [r for r in observed if r["x"] < projected[0]["x"]]
        projected = earlier[-1:] + projected  # the dashed line starts from the last observed point
    if observed:
        traces.append(_line_trace(observed, who, colour, shape, yaxis, "solid", first))
    if projected:
        traces.append(_line_trace(projected, who, colour, shape, yaxis, "dash", first and not observed))
    if filled:
        traces.append(
            dict(
                type="scatter",
                x=[r["x"] for r in filled], y=[r["value"] for r in filled], name=f"{who}: years in between",
                legendgroup=f"{who}-filled", yaxis=yaxis, mode="markers",
                marker={"size": 8, "color": "white", "symbol": shape, "line": {"width": 1.5, "color": colour}},
                hovertemplate=[hover(r, who) for r in filled],
            )
        )  # fmt: skip
    for row in ranges:
        traces.append(
            dict(
                type="scatter",
                x=[row["x"], row["x"]], y=[row["lower"], row["upper"]], name=f"{who}: range", legendgroup=who,
                showlegend=False, yaxis=yaxis, mode="lines+markers", line={"color": colour, "width": 8},
                marker={"symbol": "line-ew", "size": 14, "line": {"width": 2, "color": colour}},
                hovertemplate=hover(row, who),
            )
        )  # fmt: skip


def _member(traces: list[dict], rows: list[dict], who: str, group: str, yaxis: str, *, first: bool) -> None:
    """A group's authority: a thin grey line, broken where its source changes, projections dashed, under the group's
    one legend entry (its own name where the pointer rests)."""
    for part in segments(rows):
        for dash, kept in (("solid", [r for r in part if r["status"] != "projected"]),
                           ("dash", [r for r in part if r["status"] == "projected"])):  # fmt: skip
            if not kept:
                continue
            traces.append(
                dict(
                    type="scatter",
                    x=[r["x"] for r in kept], y=[r["value"] for r in kept], name=who, legendgroup=group,
                    showlegend=False, yaxis=yaxis, mode="lines+markers",
                    line={"color": GROUP_COLOUR, "width": 1.5, "dash": dash},
                    marker={"size": 6, "color": GROUP_COLOUR, "symbol": GROUP_SHAPE},
                    hovertemplate=[hover(r, who) for r in kept],
                )
            )  # fmt: skip
    if first:  # the group's one legend entry: a trace of no points, so hiding it from the legend hides no figure
        traces.append(
            dict(
                type="scatter", x=[None], y=[None], name=group, legendgroup=group, showlegend=True, yaxis=yaxis,
                mode="lines+markers", line={"color": GROUP_COLOUR, "width": 1.5},
                marker={"size": 6, "color": GROUP_COLOUR, "symbol": GROUP_SHAPE}, hoverinfo="skip",
            )
        )  # fmt: skip


def _band(traces: list[dict], rows: list[dict], who: str, colour: str, yaxis: str) -> None:
    """The published 95% confidence interval as a band in the series' colour (the legend names the series)."""
    limits = [r for r in rows if _known(r.get("lower_ci95")) and _known(r.get("upper_ci95"))]
    if not limits:
        return
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    traces.append(
        dict(
            type="scatter",
            x=[r["x"] for r in limits] + [r["x"] for r in reversed(limits)],
            y=[r["upper_ci95"] for r in limits] + [r["lower_ci95"] for r in reversed(limits)],
            fill="toself", fillcolor=f"rgba({red}, {green}, {blue}, 0.15)", line={"width": 0}, hoverinfo="skip",
            name=f"{who}: 95% confidence interval", legendgroup=who, showlegend=False, yaxis=yaxis,
        )
    )  # fmt: skip


def _strategy_rings(traces: list[dict], rows: list[dict], axes: dict[str, str]) -> None:
    """The strategy's own figures, ringed in black (the series' own marker stays visible inside), one legend entry."""
    stated = [r for r in rows if r["source_kind"] == "strategy" and _known(r["value"]) and r["status"] != INTERPOLATED]
    units = list(dict.fromkeys(r["unit"] for r in stated))
    for number, unit in enumerate(units):
        mine = [r for r in stated if r["unit"] == unit]
        traces.append(
            dict(
                type="scatter",
                x=[r["x"] for r in mine], y=[r["value"] for r in mine], yaxis=axes[unit], mode="markers",
                name="The strategy's own figures", legendgroup="strategy", showlegend=number == 0,
                marker={"symbol": "circle-open", "size": 22, "line": {"width": 1.5, "color": TEXT}, "color": TEXT},
                hoverinfo="skip",
            )
        )  # fmt: skip


def _axes(rows: list[dict], axes: dict[str, str], log: bool) -> dict:
    """The value axes (a second unit on the right) and the legend, as layout entries."""
    kind = "log" if log else "linear"
    layout: dict = {
        "showlegend": True,
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom"},
    }
    for unit, axis in axes.items():
        labels = [r["unit_label"] for r in rows if r["unit"] == unit and isinstance(r.get("unit_label"), str)]
        title = labels[0] if unit == "index" and labels else _unit_title(rows, [unit])
        settings = {"title": {"text": title}, "type": kind, "rangemode": "normal" if log else "tozero",
                    "tickformat": ",~r"}  # fmt: skip
        if log:  # 1, 2, 5, 10, 20, 50 ...: every digit labelled crowded a span of two powers of ten (0.7 over 0.8)
            settings["dtick"] = "D2"
        if axis == "y":
            layout["yaxis"] = settings
        else:
            # Its own ticks (plotly would otherwise line them up with the left axis's grid, at odd values).
            layout["yaxis2"] = {**settings, "overlaying": "y", "side": "right", "showgrid": False, "tickmode": "auto"}
    return layout


def bars_spec(frame: pd.DataFrame | list[dict], *, log: bool = False, title: str = "") -> dict:
    """Figures without a time axis (undated, or one period each) as plotly's plain spec: a bar per figure, its value
    written at its end; a range spans its bar from the lower to the upper figure; the strategy's figures hatched.
    Plain records and dicts, as `time_spec` (a bar a borough, checked by plotly trace by trace, took 60 ms)."""
    rows = frame if isinstance(frame, list) else records(narrow(frame))
    axes = dict(zip(list(dict.fromkeys(r["unit"] for r in rows))[:2], ["y", "y2"], strict=False))
    styles = styles_of([r["series"] for r in rows], set(group_of(rows)))
    rows = [r for r in rows if r["unit"] in axes and (_known(r["value"]) or _known(r.get("upper")))]
    groups, named = group_of(rows), set()
    by_series: dict[str, list[tuple[int, dict]]] = {}
    for position, row in enumerate(rows):
        by_series.setdefault(row["series"], []).append((position, row))
    traces = []
    for who, part in by_series.items():
        colour, group = styles[who][0], groups.get(who)
        starts = [r["lower"] if r["status"] == "range" else 0 for _, r in part]
        ends = [r["upper"] if r["status"] == "range" else r["value"] for _, r in part]
        first = part[0][1]
        spans = [e - b if _known(e) and _known(b) else None for b, e in zip(starts, ends, strict=True)]
        traces.append(
            {"type": "bar", "x": spans, "base": starts, "y": [position for position, _ in part], "orientation": "h",
             "name": group or who, "legendgroup": group or who, "showlegend": group is None or group not in named,
             "marker": {"color": colour, "pattern": {"shape": "/" if first["source_kind"] == "strategy" else "",
                                                     "fgcolor": "white", "fillmode": "overlay"}},
             "text": [label(r) for _, r in part], "textposition": "outside",
             "textfont": {"color": text_colour(colour), "size": 15}, "cliponaxis": False,
             "hovertemplate": [hover(r, who) for _, r in part], "xaxis": "x" if axes[first["unit"]] == "y" else "x2"}
        )  # fmt: skip
        named.add(group)
    names = [f"{r['series']} · {r['period']}" for r in rows]
    categories = go.Figure()  # the shared category axis, set by plotly on a figure of its own and taken from it
    category_axis(categories, "y", [name if len(name) < 48 else name[:46] + "…" for name in names])
    units = list(axes)
    layout = _base_layout() | {
        "title": {"text": title},
        "height": 160 + 56 * len(rows),
        "yaxis": categories.layout.yaxis.to_plotly_json(),
        "xaxis": {"title": {"text": _unit_title(rows, units[:1])}, "type": "log" if log else "linear"},
        "barmode": "overlay",
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.15, "yanchor": "top"},
    }
    if len(units) > 1:
        layout["xaxis2"] = {"overlaying": "x", "side": "top", "title": {"text": _unit_title(rows, units[1:])},
                            "showgrid": False}  # fmt: skip
    return {"data": _inert_traces(traces), "layout": _inert_layout(layout)}


def _unit_title(rows: list[dict], units: list[str]) -> str:
    """The value axis's title of the rows of `units` (charts.common.y_title), "" without any."""
    pairs = list(dict.fromkeys((r["unit"], r.get("unit_label")) for r in rows if r["unit"] in units))
    return y_title(pd.DataFrame(pairs, columns=["unit", "unit_label"])) if pairs else ""
