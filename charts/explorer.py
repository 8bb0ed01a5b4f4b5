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

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.common import (
    base_figure,
    category_axis,
    hover,
    inert,
    label,
    marker_symbol,
    shade_projection,
    wrap,
    y_title,
)
from charts.theme import CATEGORICAL, MUTED_TEXT, TEXT, text_colour
from insight.explore import narrow

SHAPES = ["circle", "square", "diamond", "triangle-up", "hexagon", "pentagon", "star-square", "cross"]
GROUP_COLOUR, GROUP_SHAPE = "#7F7F7F", "circle-open"  # a group's authorities: 4:1 on white, lighter than any text
INTERPOLATED = "interpolated"
NOT_A_LINE = ("range",)  # statuses drawn as a bar across their span, not as a point on the line


def records(rows: pd.DataFrame) -> list[dict]:
    return rows.to_dict("records")


def explorer_chart(frame: pd.DataFrame, *, kind: str, log: bool = False, title: str = "") -> go.Figure:
    """`frame`: rows with a `series` name each (insight.explore.with_names). `kind`: "time" or "bars". Drawn from the
    explorer's narrow frame (insight.explore.narrow): filtering a wide frame of Arrow strings costs more than drawing."""
    frame = narrow(frame).reset_index(drop=True)
    return inert(_time(frame, log=log, title=title) if kind == "time" else _bars(frame, log=log, title=title))


def axis_of(frame: pd.DataFrame) -> dict[str, str]:
    """The y axis of each unit: the first unit on the left, the second on the right (the rest are not drawn)."""
    units = list(dict.fromkeys(frame["unit"]))
    return dict(zip(units[:2], ["y", "y2"], strict=False))


def colour_of(frame: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Each series' colour and marker shape, in the order the series were picked; a group's authorities all grey
    with open circles (the palette's colours go to the series picked one by one)."""
    grouped = set(frame.loc[frame["group"].notna(), "series"]) if "group" in frame else set()
    names = [name for name in dict.fromkeys(frame["series"]) if name not in grouped]
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


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NaT


def _time(frame: pd.DataFrame, *, log: bool, title: str) -> go.Figure:
    """Works on plain records, grouped once: filtering a DataFrame per series and per status costs more than all
    the drawing (a chart of thirty boroughs took seconds)."""
    rows = records(frame.assign(series=frame["series"].map(lambda who: wrap(who, LEGEND_WIDTH))))
    groups = group_of(rows)
    styles = colour_of(
        pd.DataFrame({"series": [r["series"] for r in rows], "group": [groups.get(r["series"]) for r in rows]})
    )
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
    traces: list[dict] = []  # plain dicts, made a figure once without plotly's checks (they cost more than drawing)
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
    figure = go.Figure(
        data=traces,
        layout=base_figure(title, height=400 + legend_height(entries) + GROUP_ROOM * bool(groups)).layout,
        _validate=False,
    )
    for x in breaks:
        figure.add_vline(x=x, line={"dash": "dot", "color": "#8C8C8C", "width": 1})
        figure.add_annotation(
            x=x, y=1, yref="paper", text="source changes", showarrow=False, xanchor="left", yanchor="top",
            font={"size": 13, "color": "#595959"},
        )  # fmt: skip
    projected = [r for r in dated if r["status"] == "projected"]
    if projected:
        first = projected[0]["x"]
        before = [r["x"] for r in dated if r["x"] < first]
        start = before[-1] if before else first
        shade_projection(figure, start + (first - start) / 2, max(pd.Timestamp(r["period_end"]) for r in projected))
    # A tick each January, every year or every few (each year once: plotly's own spacing put two ticks in a year,
    # both labelled with it, on a span of a few years); each point's hover names its period as published.
    most = YEAR_LABELS // 2 if groups else YEAR_LABELS  # the group's names take half a phone's plot
    figure.update_xaxes(type="date", tickformat="%Y", title_text="", **year_ticks([r["x"] for r in dated], most))
    _axes(figure, pd.DataFrame(dated, columns=list(frame.columns)), axes, log)
    _end_labels(figure, dated, groups, axes, log)
    return figure


def _who(row: dict) -> str:
    """An authority's end label: its name, and its breakdown where that is not the headline."""
    return row["area_name"] + ("" if row["breakdown"] == "all" else f", {row['breakdown']}")


YEAR_LABELS = 6  # year labels that fit a phone's plot width (about 300 px), so a wide screen shows the same


def year_ticks(xs: list, most: int = YEAR_LABELS) -> dict:
    """A tick each January of every year, or of every second, third ... year (a multiple of it) so that at most
    about `most` fit, from the first January on the axis (2020/21, drawn in its middle, starts after January 2020)."""
    if not xs:
        return {}
    start, end = pd.Timestamp(min(xs)), pd.Timestamp(max(xs))
    first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    step = max(1, math.ceil((end.year - first + 1) / most))
    first = -(-first // step) * step  # round years: 2015, 2020 ... every fifth, even years every second
    return {"dtick": f"M{12 * step}", "tick0": f"{first}-01-01"}


LABEL_LINE = 15  # pixels a line of an end label takes
LABEL_WIDTH = 16  # characters of an end label per line
PLOT_HEIGHT = 290  # pixels of the plot in a chart 400 high (the rest is title, axis and margins)
GROUP_ROOM = 120  # pixels more a chart with a group's end labels gets, so ten labels fit near their lines


def _end_labels(figure: go.Figure, dated: list[dict], groups: dict, axes: dict, log: bool) -> None:
    """Each group authority's name beside the end of its line (at the plot's right edge), in grey, moved apart (in
    their order) where ends are close, so a printed chart names them too (the legend names only the group)."""
    ends: dict[str, dict] = {}
    for row in (r for r in dated if r["series"] in groups and _known(r["value"]) and (not log or r["value"] > 0)):
        if row["series"] not in ends or row["x"] > ends[row["series"]]["x"]:
            ends[row["series"]] = row
    for axis in set(axes.values()):
        mine = sorted((r for r in ends.values() if axes[r["unit"]] == axis), key=lambda r: r["value"])
        if not mine:
            continue
        shown = [r["value"] for r in dated if axes.get(r["unit"]) == axis and _known(r["value"])]
        scale = (lambda v: math.log10(v)) if log else (lambda v: v)
        low = scale(min(v for v in shown if v > 0)) if log else min(0, *shown)
        span = (scale(max(shown)) - low) * 1.1 or 1  # the axis's range, about: plotly pads it
        unit = span / (PLOT_HEIGHT + GROUP_ROOM)  # one pixel, in the axis's units
        texts = [_label(r) for r in mine]
        heights = [LABEL_LINE * (t.count("<br>") + 1) * unit for t in texts]
        placed = spread([scale(r["value"]) for r in mine], heights, low, low + span)
        for y, text in zip(placed, texts, strict=True):
            # At the plot's right edge, in the margin: placed at the line's end in data units, plotly widens the
            # time axis to fit the words (a phone's plot then showed five years in its first third).
            figure.add_annotation(
                x=1, xref="paper", y=y, yref=axis, text=text, showarrow=False, xanchor="left", xshift=6,
                align="left", font={"size": 12, "color": MUTED_TEXT},
            )  # fmt: skip
    if ends:
        widest = max(len(line) for r in ends.values() for line in _label(r).split("<br>"))
        figure.update_layout(margin={"r": 16 + 7 * widest})


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


def _line_trace(rows: list[dict], who: str, colour: str, shape: str, yaxis: str, dash: str, shown: bool) -> dict:
    return dict(
        type="scatter",
        x=[r["x"] for r in rows], y=[r["value"] for r in rows], name=who, legendgroup=who, showlegend=shown,
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


def _axes(figure: go.Figure, frame: pd.DataFrame, axes: dict[str, str], log: bool) -> None:
    kind = "log" if log else "linear"
    for unit, axis in axes.items():
        rows = frame[frame["unit"] == unit]
        title = (
            rows["unit_label"].dropna().iloc[0]
            if unit == "index" and rows["unit_label"].notna().any()
            else y_title(rows)
        )
        settings = {"title_text": title, "type": kind, "rangemode": "normal" if log else "tozero", "tickformat": ",~r"}
        if log:  # 1, 2, 5, 10, 20, 50 ...: every digit labelled crowded a span of two powers of ten (0.7 over 0.8)
            settings["dtick"] = "D2"
        if axis == "y":
            figure.update_yaxes(**settings)
        else:
            # Its own ticks (plotly would otherwise line them up with the left axis's grid, at odd values).
            figure.update_layout(
                yaxis2={**settings, "overlaying": "y", "side": "right", "showgrid": False, "tickmode": "auto"}
            )
    figure.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.12, "yanchor": "top"})


def _bars(frame: pd.DataFrame, *, log: bool, title: str) -> go.Figure:
    """Figures without a time axis (undated, or one period each): a bar per figure, its value written at its end;
    a range spans its bar from the lower to the upper figure; the strategy's figures named as such."""
    axes, styles = axis_of(frame), colour_of(frame)
    rows = frame[frame["unit"].isin(axes) & (frame["value"].notna() | frame["upper"].notna())].reset_index(drop=True)
    figure = base_figure(title, height=160 + 56 * len(rows))
    names = [f"{r['series']} · {r['period']}" for r in records(rows)]
    groups, named = group_of(records(rows)), set()
    for who, part in rows.groupby("series", sort=False):
        colour = styles[who][0]
        group = groups.get(who)
        ranged = part["status"] == "range"
        starts = part["lower"].where(ranged, 0)
        ends = part["upper"].where(ranged, part["value"])
        figure.add_trace(
            go.Bar(
                x=ends - starts, base=starts, y=list(part.index), orientation="h", name=group or who,
                legendgroup=group or who, showlegend=group is None or group not in named,
                marker={"color": colour, "pattern": {"shape": "/" if part["source_kind"].iloc[0] == "strategy" else "",
                                                     "fgcolor": "white", "fillmode": "overlay"}},
                text=[label(r) for r in records(part)], textposition="outside",
                textfont={"color": text_colour(colour), "size": 15}, cliponaxis=False,
                hovertemplate=[hover(r, who) for r in records(part)],
                xaxis="x" if axes[part["unit"].iloc[0]] == "y" else "x2",
            )
        )  # fmt: skip
        named.add(group)
    category_axis(figure, "y", [name if len(name) < 48 else name[:46] + "…" for name in names])
    first = [u for u, a in axes.items() if a == "y"]
    figure.update_xaxes(
        title_text=y_title(rows[rows["unit"].isin(first)]) if len(rows) else "", type="log" if log else "linear"
    )
    if len(axes) > 1:
        second = rows[rows["unit"] == list(axes)[1]]
        figure.update_layout(
            xaxis2={"overlaying": "x", "side": "top", "title_text": y_title(second), "showgrid": False}
        )
    figure.update_layout(barmode="overlay", showlegend=True, legend={"orientation": "h", "y": -0.15, "yanchor": "top"})
    return figure
