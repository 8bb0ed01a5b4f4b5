"""Trends over time: one line per area (or breakdown), comparators muted, projections dashed in a shaded future."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.common import (
    base_figure,
    category_axis,
    hover,
    label,
    marker_symbol,
    period_ticks,
    projection_start,
    shade_projection,
    wrap,
    y_title,
)
from charts.theme import CATEGORICAL, MUTED_TEXT, AreaStyle, area_style, text_colour
from insight import projections
from insight.areas import HOME_ROLE
from insight.facts import MissingData, in_time_order
from insight.labels import breakdown_words


def trend(
    frame: pd.DataFrame,
    *,
    title: str,
    by: str = "area",
    labels: dict[str, str] | None = None,
    marks: pd.DataFrame | None = None,
    interpolate: bool = False,
    height: int = 420,
) -> go.Figure:
    """Lines over the middle of each period. `by` is "area" (the home area against comparators), "breakdown"
    or "indicator" (several indicators on one axis, named by `labels`: indicator id -> legend name).

    Only dated figures have a place on a time axis: undated ones ("current") are left out, and a frame with
    none raises MissingData, which the page shows as a figure that cannot be drawn over time. Where the home
    area's figures have published 95% confidence limits, they are a shaded band. `marks` are other figures of
    the same thing drawn over the lines (the strategy's own, beside a published series): a dated one as a star
    at its period, an undated one as a dotted line across the chart (a range as a band), each labelled.
    `interpolate` adds the years between published projections (insight.projections) as small open diamonds
    in a legend entry of their own, never joined to a line, and a caption naming the method."""
    dated = frame.dropna(subset=["x"])
    if dated.empty:
        ids = ", ".join(dict.fromkeys(frame["indicator_id"])) if "indicator_id" in frame else "these figures"
        raise MissingData(f"no dated figures of {ids} to draw over time")
    frame = dated
    figure = base_figure(title, height=height)
    key = key_of(by)
    groups = list(
        dict.fromkeys(frame.sort_values("area_role", key=lambda s: s.map(lambda r: area_style(r).order))[key])
    )
    ends = _end_positions(frame, key, groups)
    for index, group in enumerate(groups):
        rows = frame[frame[key] == group].sort_values("x")
        who = rows["area_name"].iloc[0] if by == "area" else (labels or {}).get(group, _name(rows, by))
        style, colour = _style_and_colour(rows, by, index)
        symbol = style.symbol if by == "area" else ["circle", "square", "diamond", "triangle-up"][index % 4]
        if by == "area" and rows["area_role"].iloc[0] == HOME_ROLE:
            _interval(figure, rows, colour)
        # A long series, or one of several lines, has only its last point labelled (labels of lines that run
        # close together would print over each other); the last points' labels sit right of them, apart.
        many = len(rows) > 6 or len(groups) > 1
        # A long series' one label sits right of its last point (there is room: _pad_x), where a line falling into
        # it never runs through it; a short series' last label sits above it, or below a dip.
        end_position = ends.get(group) or (
            "middle right" if many else _above_or_below(rows["value"].tolist(), len(rows) - 1)
        )
        observed = rows[rows["status"] != "projected"]
        projected = rows[rows["status"] == "projected"]
        # Observed as a solid line; projections continue from the last observed point, dashed.
        for part, dash, show in (
            (observed, style.dash if by == "area" else "solid", True),
            (projected, "dash", observed.empty),
        ):
            if part.empty:
                continue
            points = pd.concat([observed.tail(1), part]) if part is projected and not observed.empty else part
            figure.add_trace(
                _in_legend(
                    points,
                    who,
                    show=show,
                    mode="lines+markers+text",
                    line={"color": colour, "width": style.width if by == "area" else 3.5, "dash": dash},
                    marker={
                        "size": 11,
                        "color": colour,
                        "symbol": [marker_symbol(symbol, s) for s in points["status"]],
                        "line": {"width": 2, "color": colour},
                    },
                    # The carried-over last observed point is already labelled by the observed line.
                    text=[
                        ""
                        if (many and i < len(points) - 1) or (part is projected and r["status"] != "projected")
                        else label(r)
                        for i, (_, r) in enumerate(points.iterrows())
                    ],
                    # An observed line that a projection continues does not end there: its last label sits above
                    # (or below) the point, off the projection's dashes, not right of it.
                    textposition=[
                        end_position
                        if i == len(points) - 1 and (part is projected or projected.empty)
                        else _above_or_below(points["value"].tolist(), i)
                        for i in range(len(points))
                    ],
                    textfont={"color": text_colour(colour), "size": 14},
                    hovertemplate=[hover(r, who) for _, r in points.iterrows()],
                    cliponaxis=False,
                )
            )
    projected = frame[frame["status"] == "projected"].dropna(subset=["x"])
    if not projected.empty:
        observed = frame[(frame["status"] != "projected") & frame["x"].notna()]
        start = projection_start(list(observed["period_end"]), pd.to_datetime(projected["period_start"]).min())
        shade_projection(figure, start, pd.to_datetime(projected["period_end"]).max())
    if marks is not None and len(marks):
        _marks(figure, marks)
        _labels_off_the_lines(figure, _levels(marks), frame)
    filled = _interpolated(figure, frame, key, groups, by, labels) if interpolate else False
    period_ticks(figure, frame)
    figure.update_yaxes(title_text=y_title(frame), rangemode="tozero")
    figure.update_layout(showlegend=len(groups) > 1 or (marks is not None and len(marks) > 0) or filled)
    _pad_x(figure, frame)
    return figure


INTERPOLATED = "Interpolated (straight line)"


def _interpolated(
    figure: go.Figure, frame: pd.DataFrame, key: str, groups: list, by: str, labels: dict[str, str] | None
) -> bool:
    """The years between published projections as small markers on their own, one legend entry for all: a
    reader can read off 2026 without taking it for a published figure. True when any were drawn."""
    series = [s for _, s in frame.groupby(["indicator_id", "area_code", "breakdown"], sort=False)]
    filled = [projections.interpolate(s) for s in series]
    if not any(len(f) for f in filled):
        return False
    legend_drawn, methods = False, []
    for index, group in enumerate(groups):
        rows = pd.concat([f for f in filled if len(f) and f[key].iloc[0] == group] or [frame.iloc[0:0]])
        if rows.empty:
            continue
        _, colour = _style_and_colour(rows, by, index)
        figure.add_trace(
            _in_legend(
                rows,
                INTERPOLATED,
                show=not legend_drawn,
                mode="markers",
                # Open (not published), filled white so the projection's dashes do not run through them.
                marker={"size": 7, "color": "white", "symbol": "diamond", "line": {"width": 1.5, "color": colour}},
                hovertemplate=[
                    f"<b>{INTERPOLATED}</b><br>{r['period']}: {label(r)}<br><i>{r['formula']}</i><br>"
                    "not a published figure<extra></extra>"
                    for _, r in rows.iterrows()
                ],
            )
        )
        legend_drawn = True
        who = rows["area_name"].iloc[0] if by == "area" else (labels or {}).get(group, _name(rows, by))
        methods += [f"{who}: {m}" if len(groups) > 1 else m for m in dict.fromkeys(rows["formula"])]
    caption = (
        f"The small open diamonds are years between published figures, not published themselves: {'; '.join(methods)}."
    )
    figure.update_layout(meta={**(figure.layout.meta or {}), "caption": caption})
    return True


def _levels(marks: pd.DataFrame) -> list[float]:
    """The values of the undated marks drawn as dotted lines across the chart (a bound: 'under 350')."""
    undated = marks[marks["x"].isna() & (marks["status"] != "range")] if "x" in marks else marks.iloc[0:0]
    return [float(m["value"] if pd.notna(m["value"]) else m["upper"]) for _, m in undated.iterrows()]


NEAR = 0.08  # of the value axis: a label this close to a dotted line across the chart would sit on it


def _labels_off_the_lines(figure: go.Figure, levels: list[float], frame: pd.DataFrame) -> None:
    """Move each point label that would sit on a dotted line across the chart to the line's far side from the
    point: below a point under the line, above a point over it ("341", "343" and "350" were printed on the
    strategy's 'under 350')."""
    if not levels:
        return
    span = max(frame["value"].max(), *levels) - min(frame["value"].min(), 0) or 1
    for trace in figure.data:
        if "text" not in (trace.mode or "") or trace.y is None or not isinstance(trace.textposition, tuple):
            continue
        places = list(trace.textposition)
        for i, value in enumerate(trace.y):
            near = [level for level in levels if value is not None and abs(value - level) < span * NEAR]
            if near and trace.text[i]:
                side = "bottom" if value <= near[0] else "top"
                places[i] = f"{side} {'right' if places[i].endswith('right') else 'center'}"
        trace.textposition = places


def _above_or_below(values: list[float], i: int) -> str:
    """A label below a dip (a point lower than its neighbours), where the line leaves it upwards, else above."""
    neighbours = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)]
    return "bottom center" if neighbours and all(values[i] < v for v in neighbours) else "top center"


def _end_positions(frame: pd.DataFrame, key: str, groups: list) -> dict:
    """Where each line's last label goes when there are several lines: right of the last point; the highest
    of lines that end close together (within a tenth of the axis) above it and the lowest below, so that
    labels never print over each other."""
    if len(groups) < 2:
        return {}
    last = {g: frame[frame[key] == g].sort_values("x")["value"].dropna() for g in groups}
    last = {g: values.iloc[-1] for g, values in last.items() if len(values)}
    span = max(frame["value"].max(), 0) - min(frame["value"].min(), 0) or 1
    clusters: list[list] = []
    for group in sorted(last, key=last.get):
        if clusters and last[group] - last[clusters[-1][-1]] < span / 10:
            clusters[-1].append(group)
        else:
            clusters.append([group])
    positions = {}
    for cluster in clusters:
        places = ["middle right"] * len(cluster)
        if len(cluster) > 1:
            places[0], places[-1] = "bottom right", "top right"
        positions.update(zip(cluster, places, strict=True))
    return positions


def _interval(figure: go.Figure, rows: pd.DataFrame, colour: str) -> None:
    """The published 95% confidence interval as a band behind the line (a band, never a range of values)."""
    limits = rows.dropna(subset=["lower_ci95", "upper_ci95"]) if "lower_ci95" in rows else rows.iloc[0:0]
    if limits.empty:
        return
    xs = list(limits["x"]) + list(limits["x"])[::-1]
    ys = list(limits["upper_ci95"]) + list(limits["lower_ci95"])[::-1]
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            fill="toself",
            fillcolor="rgba(0, 114, 178, 0.15)",
            line={"width": 0},
            hoverinfo="skip",
            name=f"{rows['area_name'].iloc[0]}: 95% confidence interval",
            showlegend=True,
        )
    )


def _marks(figure: go.Figure, marks: pd.DataFrame) -> None:
    """Other figures of the same thing over the lines: dated ones as stars, undated ones as dotted lines. Each is
    labelled on a white ground, so a line running past the label does not strike through it; one legend entry a
    source."""
    keyed: set[str] = set()
    for _, mark in marks.iterrows():
        words = f"{_who(mark)}: {label(mark)}"
        if pd.notna(mark.get("x")):
            level = mark["value"] if pd.notna(mark["value"]) else mark["upper"]
            figure.add_trace(
                go.Scatter(
                    x=[mark["x"]],
                    y=[level],
                    mode="markers",
                    marker={"size": 17, "symbol": "star", "color": "#1A1A1A", "line": {"width": 1, "color": "white"}},
                    name=_who(mark),
                    legendgroup=_who(mark),
                    showlegend=_who(mark) not in keyed,
                    hovertemplate=hover(mark, _who(mark)),
                    cliponaxis=False,
                )
            )
            keyed.add(_who(mark))
            figure.add_annotation(
                x=mark["x"], y=level, text=words, showarrow=False, yanchor="top", yshift=-12,
                font={"size": 13, "color": "#1A1A1A"}, bgcolor="rgba(255, 255, 255, 0.85)",
            )  # fmt: skip
            continue
        # An undated figure runs across the whole chart, so a label on the plot would sit over some year's line
        # and its label (the looked-after count's first points hid under it): it is named in the legend instead.
        when = f" ({mark['period']}, no year given)" if mark.get("period_type") == "undated" else f" ({mark['period']})"
        if pd.notna(mark.get("lower")) and pd.notna(mark.get("upper")) and mark["status"] == "range":
            figure.add_hrect(y0=mark["lower"], y1=mark["upper"], fillcolor=BAND, line_width=0, layer="below")
            swatch = {"symbol": "square", "size": 16, "color": BAND, "line": {"width": 1, "color": MUTED_TEXT}}
            key = {"mode": "markers", "marker": swatch}
            words = f"{_who(mark)} (shaded): {label(mark)}"
        else:
            level = mark["value"] if pd.notna(mark["value"]) else mark["upper"]
            figure.add_hline(y=level, line={"dash": "dot", "color": "#1A1A1A", "width": 2})
            key = {"mode": "lines", "line": {"dash": "dot", "color": "#1A1A1A", "width": 2}}
        figure.add_trace(go.Scatter(x=[None], y=[None], name=wrap(words + when, 36), hoverinfo="skip", **key))


BAND = "rgba(0, 0, 0, 0.08)"  # a figure the strategy gives as a range, across the chart


def _who(mark: pd.Series) -> str:
    return "Strategy" if mark.get("source_kind") != "release" else str(mark.get("publisher") or "Published")


def _name(rows: pd.DataFrame, by: str) -> str:
    """A line's legend name when none is given: the indicator's title, or the breakdown."""
    if by == "indicator" and "title" in rows:
        return str(rows["title"].iloc[0])
    value = rows[key_of(by)].iloc[0]
    return breakdown_words(value) if by == "breakdown" else str(value)


def key_of(by: str) -> str:
    return {"area": "area_code", "breakdown": "breakdown", "indicator": "indicator_id"}[by]


X_PAD = 0.12  # of the time span, either side: half a label ("310,000") beside the first point on a phone's plot


PHONE_PLOT = 300  # pixels of a line chart's plot on a phone (390 wide, less the value axis)
LABEL_CHARACTER = 8  # pixels a character of a 14 px point label takes, about


def _pad_x(figure: go.Figure, frame: pd.DataFrame) -> None:
    """Room either side so labels at the first and last point are not clipped; on the right, as much as the
    longest label written right of a last point needs on a phone's plot ("more than 1,700" was cut off)."""
    xs = pd.to_datetime(frame["x"].dropna())
    if xs.empty:
        return
    span = xs.max() - xs.min()
    pad = max(span * X_PAD, pd.Timedelta(days=200))
    right = max((len(text) for text in _labels_right_of(figure, xs.max())), default=0)
    share = min((right * LABEL_CHARACTER + 12) / PHONE_PLOT, 0.5)
    figure.update_xaxes(range=[xs.min() - pad, xs.max() + max(pad, (span + pad) * share / (1 - share))])


def _labels_right_of(figure: go.Figure, last) -> list[str]:
    """The labels written to the right of the chart's last points."""
    found = []
    for trace in figure.data:
        if not getattr(trace, "text", None) or trace.x is None:
            continue
        places = (
            trace.textposition if isinstance(trace.textposition, tuple | list) else [trace.textposition] * len(trace.x)
        )
        for x, text, place in zip(trace.x, trace.text, places, strict=False):
            if text and isinstance(place, str) and place.endswith("right") and pd.Timestamp(x) == last:
                found.append(str(text))
    return found


def steps(frame: pd.DataFrame, *, title: str, height: int = 400) -> go.Figure:
    """Values at periods the strategy gives without dates ('20 years earlier', 'current', '20 years later'),
    in time order (insight.facts.time_key), on an axis of categories: honest about the missing years, still
    readable as a trend."""
    figure = base_figure(title, height=height)
    rows = in_time_order(frame).reset_index(drop=True)
    style = area_style(rows["area_role"].iloc[0])
    figure.add_trace(
        go.Scatter(
            x=list(range(len(rows))),
            y=rows["value"],
            name=rows["area_name"].iloc[0],
            mode="lines+markers+text",
            line={"color": style.colour, "width": style.width},
            marker={"size": 12, "color": style.colour, "symbol": [marker_symbol("circle", s) for s in rows["status"]]},
            text=[label(r) for _, r in rows.iterrows()],
            textposition="top center",
            textfont={"color": text_colour(style.colour), "size": 14},
            hovertemplate=[hover(r, r["area_name"]) for _, r in rows.iterrows()],
            cliponaxis=False,
        )
    )
    # Over two lines where long: "20 years earlier", "current" and "20 years later" ran together on a phone.
    category_axis(figure, "x", [wrap(period, 10) for period in rows["period"]])
    figure.update_yaxes(title_text=y_title(rows), rangemode="tozero")
    figure.update_layout(showlegend=False)
    return figure


def _style_and_colour(rows: pd.DataFrame, by: str, index: int) -> tuple[AreaStyle, str]:
    """A group's area style (by the role of its area), and its colour: the area's by area, else the group's place
    in the categorical palette."""
    style = area_style(rows["area_role"].iloc[0])
    return style, style.colour if by == "area" else CATEGORICAL[index % len(CATEGORICAL)]


def _in_legend(points: pd.DataFrame, name: str, *, show: bool, **trace) -> go.Scatter:
    """A group's points over time under its one legend entry, whose label `show` says this trace draws."""
    return go.Scatter(x=points["x"], y=points["value"], name=name, legendgroup=name, showlegend=show, **trace)
