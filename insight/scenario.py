"""A "what if" scenario: referrals, child protection plans and children in care each year to the end of the
published projection of children, if the number of children and the rate of referrals per child changed by
the yearly percentages an analyst chooses (or children followed the published projection).

A scenario is arithmetic on assumptions, not a published figure: every row it returns says so (status and
source kind `scenario`, the assumptions in words on each row), so it can never be read or filed as data. It
starts from the newest dated published figure of each measure, named with its period and source; figures
without a year or without a single value (a range, a bound) cannot start a yearly path and are listed as not
used. Years are counted from the start of each period (2021/22 counts as 2021), so a financial year and a
calendar year of the same number are the same step.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insight.facts import MissingData
from insight.format import format_observation, period_phrase

SCENARIO = "scenario"  # the status and source kind of every row: never "observed", never "release"
CHILDREN, REFERRALS = "children", "referrals"


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    indicators: tuple[str, ...]  # where its figures may come from, first preferred when two are as new


MEASURES = (
    Measure(CHILDREN, "Children", ("children",)),
    Measure(REFERRALS, "Referrals to children's social care", ("csc_referrals",)),
    Measure("plans", "Child protection plans started", ("icpc_child_protection_plans", "children_on_protection_plan")),
    Measure("care", "Children in care", ("cla_31_march", "children_in_care")),
)
INDICATORS = tuple(i for m in MEASURES for i in m.indicators)


@dataclass(frozen=True)
class Assumptions:
    """What the analyst chose: percentages a year (+1.5 is a rise of 1.5% a year)."""

    children_change: float = 0.0
    rate_change: float = 0.0
    published_projection: bool = True  # children follow the published projection; children_change is ignored


@dataclass(frozen=True)
class Baseline:
    """The published figure a measure's path starts from, with where it was published."""

    measure: str
    indicator_id: str
    title: str
    period: str
    year: int  # the year its period starts in
    start: pd.Timestamp
    end: pd.Timestamp
    value: float
    source: str


@dataclass(frozen=True)
class Projection:
    """The published projection of children: from the newest counted figure to the first projected after it."""

    start: Baseline
    end: Baseline

    @property
    def yearly_change(self) -> float:
        """The compound yearly change (a fraction) that takes the first figure to the second."""
        return (self.end.value / self.start.value) ** (1 / (self.end.year - self.start.year)) - 1


@dataclass(frozen=True)
class Scenario:
    assumptions: Assumptions
    children_change: float  # percent a year, as used (the projection's when chosen)
    baselines: dict[str, Baseline]
    projection: Projection
    frame: pd.DataFrame  # one row per year and measure, every row labelled a scenario
    words: list[str]  # the assumptions as sentences

    @property
    def end_year(self) -> int:
        return self.projection.end.year

    @property
    def label(self) -> str:
        return label(self.assumptions, self.children_change)


def percent(value: float) -> str:
    """+1.5% · -0.91% · +0% : a yearly change with its sign, to two decimals at most."""
    text = f"{value:+.2f}".rstrip("0").rstrip(".")
    return f"{'+0' if text in ('+', '-', '-0', '+0') else text}%"


def label(assumptions: Assumptions, children_change: float) -> str:
    """The scenario's name, carried by every row, chart trace and file it appears in."""
    how = " (published projection)" if assumptions.published_projection else ""
    return (
        f"Scenario: children {percent(children_change)} a year{how}, "
        f"referral rate {percent(assumptions.rate_change)} a year"
    )


def _source(row: pd.Series) -> str:
    if row.get("source_kind") == "release":
        return f"{row['publisher']} ({row['release_file']}, line {int(row['release_line'])})"
    return f"{row['citation']}, quoted in the strategy ({row['curated_file']}, line {int(row['curated_line'])})"


def _baseline(measure: str, row: pd.Series) -> Baseline:
    start = pd.Timestamp(row["period_start"])
    return Baseline(
        measure, row["indicator_id"], row["title"], row["period"], start.year, start,
        pd.Timestamp(row["period_end"]), float(row["value"]), _source(row),
    )  # fmt: skip


def _home(figures: pd.DataFrame, home: str, indicators: tuple[str, ...]) -> pd.DataFrame:
    rows = figures[figures["indicator_id"].isin(indicators) & (figures["area_code"] == home)]
    return rows[rows["breakdown"] == "all"] if "breakdown" in rows else rows


def _dated(rows: pd.DataFrame, status: str = "observed") -> pd.DataFrame:
    rows = rows[(rows["status"] == status) & rows["period_start"].notna() & rows["value"].notna()]
    return rows.sort_values("period_start", kind="stable")


def baselines(figures: pd.DataFrame, home: str) -> dict[str, Baseline]:
    """Each measure's newest dated published figure (a count, not a range or a bound) for the home area."""
    baseline_of = {}
    for measure in MEASURES:
        rows = _dated(_home(figures, home, measure.indicators))
        if rows.empty:
            raise MissingData(f"a dated published figure of {measure.title.lower()}")
        preference = {indicator: i for i, indicator in enumerate(measure.indicators)}
        newest = rows[rows["period_start"] == rows["period_start"].max()]
        row = newest.iloc[newest["indicator_id"].map(preference).argmin()]
        baseline_of[measure.key] = _baseline(measure.key, row)
    return baseline_of


def projection(figures: pd.DataFrame, home: str) -> Projection:
    """The published projection of children: the newest counted figure and the first projected one after it."""
    rows = _home(figures, home, (CHILDREN,))
    counted, projected = _dated(rows), _dated(rows, "projected")
    if counted.empty:
        raise MissingData("a counted figure of children")
    start = _baseline(CHILDREN, counted.iloc[-1])
    later = projected[pd.to_datetime(projected["period_start"]) > start.start]
    if later.empty:
        raise MissingData("a published projection of children")
    return Projection(start, _baseline(CHILDREN, later.iloc[0]))


def not_used(figures: pd.DataFrame, home: str) -> list[str]:
    """The figures of these measures that cannot start a yearly path (no year, or no single value), in words."""
    rows = _home(figures, home, INDICATORS)
    rows = rows[rows["period_start"].isna() | ~rows["status"].isin(["observed", "projected"])]
    return [f"{format_observation(r)} {_lower(r['title'])}, {period_phrase(r)}" for _, r in rows.iterrows()]


def _lower(title: str) -> str:
    """A title inside a sentence: its first letter small, the rest as written (31 March stays March)."""
    return title[:1].lower() + title[1:]


def _period(base: Baseline, year: int) -> tuple[str, pd.Timestamp, pd.Timestamp]:
    """The period `year` steps on from the base's, written the same way (2022/23 after 2021/22, 2022 after 2021)."""
    shift = pd.DateOffset(years=year - base.year)
    start, end = base.start + shift, base.end + shift
    return (f"{year}/{(year + 1) % 100:02d}" if end.year != start.year else str(year)), start, end


def scenario(figures: pd.DataFrame, home: str, assumptions: Assumptions) -> Scenario:
    """The scenario of `assumptions` from the home area's published `figures` (of INDICATORS): children change
    by their yearly percentage, referrals by that and the rate's together, and plans and children in care in
    proportion to referrals, each from its own newest published figure."""
    # Load inputs: the published starting points and the projection that sets the end year
    baseline_of = baselines(figures, home)
    projected = projection(figures, home)
    children_change = projected.yearly_change * 100 if assumptions.published_projection else assumptions.children_change
    end_year = projected.end.year

    # Process data: children, then referrals (children times the rate), then the rest in proportion to referrals
    children_factor = 1 + children_change / 100
    referral_factor = children_factor * (1 + assumptions.rate_change / 100)
    referrals = baseline_of[REFERRALS]
    published = _dated(_home(figures, home, (referrals.indicator_id,)))
    published_referrals = dict(zip(pd.to_datetime(published["period_start"]).dt.year, published["value"], strict=True))

    def referrals_in(year: int) -> float | None:
        if year > referrals.year:
            return referrals.value * referral_factor ** (year - referrals.year)
        return published_referrals.get(year)

    paths = {
        CHILDREN: lambda year: baseline_of[CHILDREN].value * children_factor ** (year - baseline_of[CHILDREN].year)
    }
    paths[REFERRALS] = referrals_in
    for key in ("plans", "care"):
        base = baseline_of[key]
        if referrals_in(base.year) is None:
            raise MissingData(f"referrals in the year of the newest figure of {key} ({base.period})")
        paths[key] = lambda year, base=base: base.value * referrals_in(year) / referrals_in(base.year)

    # Save outputs: one row per year and measure, each labelled a scenario and carrying its assumptions
    words = assumption_words(
        assumptions, children_change, baseline_of, projected, referral_factor, not_used(figures, home)
    )
    name, text = label(assumptions, children_change), " ".join(words)
    rows = []
    for measure in MEASURES:
        base = baseline_of[measure.key]
        # A measure published before the referrals' baseline year starts with the referrals' scenario.
        first = max(base.year, referrals.year if measure.key != CHILDREN else base.year) + 1
        for year in range(first, end_year + 1):
            period, start, end = _period(base, year)
            rows.append(
                {
                    "scenario": name,
                    "measure": measure.key,
                    "measure_title": measure.title,
                    "area_code": home,
                    "period": period,
                    "year": year,
                    "period_start": start,
                    "period_end": end,
                    "x": start + (end - start) / 2,
                    "value": paths[measure.key](year),
                    "unit": "count",
                    "status": SCENARIO,
                    "source_kind": SCENARIO,
                    "children_change_pct_a_year": children_change,
                    "referral_rate_change_pct_a_year": assumptions.rate_change,
                    "children_follow": "published projection" if assumptions.published_projection else "chosen change",
                    "baseline_indicator_id": base.indicator_id,
                    "baseline_period": base.period,
                    "baseline_value": base.value,
                    "baseline_source": base.source,
                    "assumptions": text,
                }
            )
    return Scenario(assumptions, children_change, baseline_of, projected, pd.DataFrame(rows), words)


def assumption_words(
    assumptions: Assumptions,
    children_change: float,
    baseline_of: dict[str, Baseline],
    projected: Projection,
    referral_factor: float,
    unused: list[str],
) -> list[str]:
    """The assumptions as sentences for the page and the download: what is chosen, what is assumed, and where
    each starting figure comes from."""
    count = "{:,.0f}".format
    start, end = projected.start, projected.end
    if assumptions.published_projection:
        children = (
            f"Children change by {percent(children_change)} a year, the published projection: from "
            f"{count(start.value)} in {start.period} to {count(end.value)} in {end.period} ({end.source})."
        )
    else:
        children = f"Children change by {percent(children_change)} a year, as chosen, from {count(start.value)} in {start.period}."
    referrals, plans, care = baseline_of[REFERRALS], baseline_of["plans"], baseline_of["care"]
    words = [
        "This is a scenario, not a published figure or a forecast: what the numbers would be if these "
        "assumptions held.",
        children,
        f"The rate of referrals per child changes by {percent(assumptions.rate_change)} a year, so referrals "
        f"change by {percent((referral_factor - 1) * 100)} a year, from {count(referrals.value)} in "
        f"{referrals.period} ({referrals.source}).",
        "Assumed: child protection plans and children in care move in proportion to referrals, each from its "
        f"newest published figure: {count(plans.value)} {_lower(plans.title)} in {plans.period} ({plans.source}); "
        f"{count(care.value)} {_lower(care.title)} in {care.period} ({care.source}). Up to "
        f"{referrals.period} a figure follows the published referrals, after it the scenario's.",
        f"The scenario runs to {end.year}, the year of the published projection of children; years count from "
        f"the start of each period, so {referrals.period} counts as {referrals.year}.",
    ]
    if unused:
        words.append(f"Not used, having no year or no single value: {'; '.join(unused)}.")
    return words


def published(figures: pd.DataFrame, scenario: Scenario) -> pd.DataFrame:
    """The published figures the scenario starts from, to draw beside it (never in its table): each measure's
    dated figures of its baseline's indicator up to the end year, with the measure they belong to."""
    parts = []
    for measure in MEASURES:
        base = scenario.baselines[measure.key]
        rows = _home(figures, scenario.frame["area_code"].iloc[0], (base.indicator_id,))
        rows = rows[
            rows["period_start"].notna() & rows["value"].notna() & rows["status"].isin(["observed", "projected"])
        ]
        rows = rows[pd.to_datetime(rows["period_start"]).dt.year <= scenario.end_year]
        parts.append(rows.assign(measure=measure.key, measure_title=measure.title, source=rows.apply(_source, axis=1)))
    return pd.concat(parts, ignore_index=True).sort_values(["measure", "x"], kind="stable")


def table(scenario: Scenario) -> pd.DataFrame:
    """The scenario as a reader's table: one row a year (its calendar year and the financial year that starts
    in it), a column a measure, whole numbers written as people read them (4,032)."""
    frame = scenario.frame
    years = sorted(frame["year"].unique())
    out = pd.DataFrame({"Year": [str(y) for y in years], "Financial year": [f"{y}/{(y + 1) % 100:02d}" for y in years]})
    for measure in MEASURES:
        values = frame[frame["measure"] == measure.key].set_index("year")["value"]
        out[f"{measure.title} (scenario)"] = [f"{values[y]:,.0f}" if y in values.index else "" for y in years]
    return out


def download(scenario: Scenario) -> pd.DataFrame:
    """The scenario's rows for a CSV: every row named a scenario and carrying its assumptions."""
    columns = [c for c in scenario.frame.columns if c not in ("x",)]
    out = scenario.frame[columns].copy()
    out["value"] = out["value"].round().astype(int)  # children and referrals are counted whole, as the table shows
    for column in ("period_start", "period_end"):
        out[column] = pd.to_datetime(out[column]).dt.date.astype(str)
    return out


def caption(scenario: Scenario) -> str:
    """The words under the chart and on its image: what it is, what is assumed, and where it starts."""
    baseline_of = scenario.baselines
    starts = "; ".join(
        f"{_lower(m.title)} {baseline_of[m.key].value:,.0f} in {baseline_of[m.key].period}"
        for m in MEASURES
        if m.key in baseline_of
    )
    return (
        "A scenario, not published figures (dashed, open circles); published figures are solid diamonds. "
        "Plans and children in care are assumed to move in proportion to referrals. "
        f"Starting from the newest published figures: {starts}. The assumptions and sources are in the download."
    )
