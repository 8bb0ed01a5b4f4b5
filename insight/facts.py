"""What a message can say about the figures a chart draws: the latest, previous, first and projected values,
the change between them in the right unit, and the words a sentence needs (rose or fell, better or worse,
higher than London or lower), all computed from the rows, so a message never holds a typed-in figure.

Templates reach these through `str.format` fields (see insight.messages):

    {mash_enquiries.latest}                  8,912           the latest published figure (home area, all)
    {mash_enquiries.latest_period}           2019/20         its period as published
    {mash_enquiries.latest_when}             in 2019/20      its period as a phrase
    {mash_enquiries.direction}               rose            from the previous figure, by the sign
    {mash_enquiries.verdict}                 worse           from the sign and the indicator's polarity
    {attainment8.country.latest}             44.7            another area, by its role in the areas table
    {social_worker_turnover.compared_verdict}   lower (better) than in London (15.6%) ...   by polarity
    {rows.largest}                           the three largest figures drawn, by label
    {early_learning_goals_gap[FSM eligible].first:value}     a breakdown; `:value` drops the unit
    {attainment8[FSM eligible].gap_to[all other pupils].latest}   a gap derived from two breakdowns

A figure the rows do not have raises MissingData (the chart says what is missing); a field that does not
exist raises AttributeError, which is a bug in the template.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from insight.areas import HOME_ROLE, NATIONAL, ROLE_ORDER, in_area
from insight.format import format_observation, format_value, period_phrase
from insight.labels import breakdown_words

NOT_PUBLISHED = ("projected", "derived", "interpolated")  # interpolated: insight.projections, never a figure
PERCENTAGES = ("percent", "percent_change", "percentage_points")
_EARLIER = re.compile(r"^(\d+) years earlier$|^past (\d+) years$")
_LATER = re.compile(r"^(\d+) years later$|^next (\d+) years$")


class MissingData(LookupError):
    """A figure that a chart or a message needs is not in the tables (not a bug: the data may be absent)."""


def time_key(row: pd.Series | dict) -> tuple[int, float]:
    """Order periods in time, undated ones included: '20 years earlier' before any dated period, then dated
    periods by their end, then 'current' and 'not stated' (the text's present), then '20 years later'.
    The strategy's undated figures are its own present (it was written in 2022), so they come last but
    for its projections; see the data-quality note on the 411 child protection conferences."""
    period, end = str(row["period"]), row.get("period_end")
    if end is not None and not pd.isna(end):
        return (1, pd.Timestamp(end).timestamp())
    if match := _EARLIER.match(period):
        return (0, -float(match.group(1) or match.group(2)))
    if match := _LATER.match(period):
        return (3, float(match.group(1) or match.group(2)))
    return (2, 0.0)


def in_time_order(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return frame
    keys = [time_key(row) for _, row in frame.iterrows()]
    order = sorted(range(len(frame)), key=lambda i: keys[i])
    return frame.iloc[order]


@dataclass(frozen=True)
class Figure:
    """One figure in a sentence. Formats as people read it (about 3,800 · under 350 · 9.8 per 1,000); `:long`
    writes a rate's population in full, `:value` leaves out a rate's unit, `:number` is the bare number (21),
    `:written` is the value exactly as the strategy writes it ("just over 4,500")."""

    row: dict

    def __format__(self, spec: str) -> str:
        if spec in ("", "short"):
            return format_observation(self.row, short=True)
        if spec == "long":
            return format_observation(self.row)
        if spec == "value":
            return format_observation(self.row, short=True, bare=True)
        if spec == "number":
            return format_value(self.row["value"], "count")
        if spec == "written":
            written = self.row.get("value_text")
            return written if isinstance(written, str) and written else format_observation(self.row, short=True)
        raise ValueError(f"unknown format {spec!r} for a figure: use long, value, number or written")

    def __str__(self) -> str:
        return format(self, "")


def percent_words(change: float) -> str:
    """A relative change as people say it: 15%, 3.3% (one decimal below ten)."""
    size = abs(change)
    return f"{size:.0f}%" if size >= 9.95 else f"{size:.1f}%".replace(".0%", "%")


def _area_of_role(role: str) -> property:
    """A template field: the facts of the area of one role (`{x.country.latest}`)."""
    return property(lambda facts: facts._in_role(role))


def _figure_at(which: str) -> property:
    """A template field: the figure at one position of the series ('latest', 'previous', 'first', 'projected')."""
    return property(lambda facts: Figure(dict(facts._row(which))))


def _period_at(which: str) -> property:
    """A template field: the period of one position, as published ('2019/20')."""
    return property(lambda facts: facts._row(which)["period"])


def _when_at(which: str) -> property:
    """A template field: the period of one position, as a phrase ('in 2019/20')."""
    return property(lambda facts: period_phrase(facts._row(which)))


def _between(before: str, after: str, compute: Callable[[Facts, str, str], object], doc: str | None = None) -> property:
    """A template field computed from two positions of the series, such as the change from previous to latest."""
    return property(lambda facts: compute(facts, before, after), doc=doc)


def _by_sign(rise: str, fall: str, same: str) -> Callable[[Facts, str, str], str]:
    """The words for a change by its sign: ('rose', 'fell', 'did not change') from one figure to another."""

    def words(facts: Facts, before: str, after: str) -> str:
        change = facts._difference(before, after)
        return rise if change > 0 else fall if change < 0 else same

    return words


class Facts:
    """The figures of one frame of observations, narrowed to one area and breakdown when a value is asked for.

    Without a choice, the home area (role `home`) and the breakdown `all` are used; a frame of one area or one
    breakdown uses that one.
    """

    def __init__(
        self, frame: pd.DataFrame, *, role: str | None = None, breakdown: str | None = None, derived: bool = False
    ):
        self.frame = frame
        self._role = role
        self._breakdown = breakdown
        self._derived = derived  # a derived series (a gap): its own rows are the figures

    # ---- narrowing ---------------------------------------------------------------------------------------
    def __getitem__(self, breakdown: str) -> Facts:
        if breakdown not in set(self.frame["breakdown"]):
            raise MissingData(f"{self._what()} for '{breakdown}'")
        return Facts(self.frame, role=self._role, breakdown=breakdown, derived=self._derived)

    def _in_role(self, role: str) -> Facts:
        if role not in set(self.frame.get("area_role", pd.Series(dtype=str)).dropna()):
            raise MissingData(f"{self._what()} for the {role} area")
        return Facts(self.frame, role=role, breakdown=self._breakdown, derived=self._derived)

    # `{x.region.latest}`: the same figures for the area of another role.
    home, region, country, countries, national = map(
        _area_of_role, (HOME_ROLE, "region", "country", "countries", NATIONAL)
    )

    def _what(self) -> str:
        ids = list(dict.fromkeys(self.frame["indicator_id"])) if "indicator_id" in self.frame else []
        return "the figures of " + (", ".join(ids) or "this chart")

    @property
    def rows(self) -> pd.DataFrame:
        """The series: one area and one breakdown, in time order."""
        frame = self.frame
        if frame.empty:
            raise MissingData(self._what())
        roles = frame["area_role"] if "area_role" in frame else pd.Series(None, index=frame.index)
        role = self._role or (HOME_ROLE if (roles == HOME_ROLE).any() else None)
        if role is not None:
            frame = frame[roles == role]
        elif frame["area_code"].nunique() > 1:
            raise MissingData(f"{self._what()}: no home area among them")
        breakdowns = list(dict.fromkeys(frame["breakdown"]))
        breakdown = self._breakdown or (
            "all" if "all" in breakdowns else breakdowns[0] if len(breakdowns) == 1 else None
        )
        if breakdown is None:
            raise MissingData(f"{self._what()}: which breakdown? ({', '.join(breakdowns)})")
        frame = frame[frame["breakdown"] == breakdown]
        if frame.empty:
            raise MissingData(f"{self._what()} for '{breakdown}' in the {role or 'chosen'} area")
        return in_time_order(frame)

    def _published(self) -> pd.DataFrame:
        """The figures a message may call latest, previous or first: published ones; a series that is wholly
        derived (a share worked out from published counts) is its own figures."""
        rows = self.rows
        if self._derived:
            return rows
        published = rows[~rows["status"].isin(NOT_PUBLISHED)]
        return published if len(published) or not (rows["status"] == "derived").all() else rows

    def _row(self, which: str) -> pd.Series:
        published = self._published()
        if which == "projected":
            projected = self.rows[self.rows["status"] == "projected"]
            if projected.empty:
                raise MissingData(f"{self._what()}: no projection")
            return projected.iloc[-1]
        needed = {"latest": 1, "first": 1, "previous": 2}[which]
        if len(published) < needed:
            raise MissingData(f"{self._what()}: no {which} published figure")
        return published.iloc[{"latest": -1, "first": 0, "previous": -2}[which]]

    # ---- figures: each published position as a figure, its period as published and as a phrase ---------
    latest, previous, first, projected = map(_figure_at, ("latest", "previous", "first", "projected"))
    latest_period, previous_period, first_period, projected_period = map(
        _period_at, ("latest", "previous", "first", "projected")
    )
    latest_when, previous_when, first_when = map(_when_at, ("latest", "previous", "first"))

    @property
    def area(self) -> str:
        """The name of the area the figures are for."""
        return self.rows["area_name"].iloc[0]

    @property
    def title(self) -> str:
        return self.rows["title"].iloc[0]

    # ---- changes -----------------------------------------------------------------------------------------
    def _difference(self, before: str, after: str) -> float:
        a, b = self._row(before), self._row(after)
        if a["status"] == "range" or b["status"] == "range" or pd.isna(a["value"]) or pd.isna(b["value"]):
            raise MissingData(f"{self._what()}: a range has no single value to compare")
        return float(b["value"]) - float(a["value"])

    def _change_figure(self, before: str, after: str) -> Figure:
        row = dict(self._row(after))
        unit = "percentage_points" if row["unit"] in PERCENTAGES else row["unit"]
        return Figure(
            {**row, "value": abs(self._difference(before, after)), "unit": unit, "status": "observed", "measure": "gap"}
        )

    def _relative(self, before: str, after: str) -> str:
        base = self._row(before)
        if base["unit"] in PERCENTAGES:
            raise ValueError(
                "a percent change of a percentage misleads: use .change (percentage points) in the template"
            )
        return percent_words(self._difference(before, after) / float(base["value"]) * 100)

    # Each change is one computation between two positions: previous to latest, first to latest, latest to projected.
    change = _between("previous", "latest", _change_figure, "The change's size, in percentage points for shares.")
    change_since_first = _between("first", "latest", _change_figure, "As change, from the first figure.")
    pct_change = _between("previous", "latest", _relative, "The percent change of a count: '15%'.")
    pct_change_since_first = _between("first", "latest", _relative, "As pct_change, from the first figure.")
    projected_pct_change = _between("latest", "projected", _relative, "As pct_change, to the projection.")
    direction = _between("previous", "latest", _by_sign("rose", "fell", "did not change"))
    direction_since_first = _between("first", "latest", _by_sign("rose", "fell", "did not change"))
    projected_direction = _between("latest", "projected", _by_sign("rise", "fall", "stay the same"))
    up_down = _between("previous", "latest", _by_sign("up", "down", "unchanged"))

    @property
    def verdict(self) -> str:
        """'better' or 'worse' by the sign of the change and the indicator's polarity."""
        return judge(self._difference("previous", "latest"), self.rows["polarity"].iloc[0])

    @property
    def widened(self) -> str:
        """For a gap: whether it grew or shrank from the first figure to the latest."""
        first, latest = abs(float(self._row("first")["value"])), abs(float(self._row("latest")["value"]))
        return "widened" if latest > first else "narrowed" if latest < first else "did not change"

    @property
    def compared(self) -> str:
        """The latest figure against the other areas' figures for the same period: 'higher than in London (12%)
        and nationally (13.9%)', 'higher than in London (12%) but lower than nationally (13.9%)'."""
        return self._against(judged=False)

    @property
    def compared_verdict(self) -> str:
        """As `compared`, with each side judged by the indicator's polarity: 'higher (worse) than in London (20.1%)
        and in England (22.4%)', 'lower (better) than in London (12%) but higher (worse) than in England (9%)'.
        Without a declared polarity it says what `compared` says: higher or lower, never better or worse."""
        return self._against(judged=True)

    def _against(self, *, judged: bool) -> str:
        current = self._row("latest")
        if pd.isna(current["value"]):  # suppressed: no figure to be higher or lower than another
            raise MissingData(f"{self._what()}: the latest figure ({current['period']}) is not published")
        others = self.frame[
            (self.frame["period"] == current["period"])
            & (self.frame["breakdown"] == current["breakdown"])
            & (self.frame["area_code"] != current["area_code"])
            & self.frame["value"].notna()
        ]
        if others.empty:
            raise MissingData(f"{self._what()}: no other area to compare with in {current['period']}")
        others = others.assign(_rank=others["area_role"].map(lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else 9))
        more, less = ("more", "less") if current["unit"].startswith("gbp") else ("higher", "lower")
        polarity = current.get("polarity")
        groups: dict[str, list[str]] = {}
        for _, other in others.sort_values("_rank").iterrows():
            difference = float(current["value"]) - float(other["value"])
            word = more if difference > 0 else less if difference < 0 else "the same as"
            if judged and difference and polarity in ("higher_is_better", "lower_is_better"):
                word = f"{word} ({judge(difference, polarity)})"
            word = word if difference == 0 else f"{word} than"
            place = f"{in_area(other['area_role'], other['area_name'])} ({format_observation(other, short=True)})"
            groups.setdefault(word, []).append(place)
        return " but ".join(f"{word} {join_words(places)}" for word, places in groups.items())

    @property
    def breakdown(self) -> str:
        """The breakdown the figures are for, in words ('19 to 21 years'; a publisher's code as its words): a group
        named in a sentence without typing its name into the template."""
        return breakdown_words(str(self.rows["breakdown"].iloc[0]))

    @property
    def largest(self) -> str:
        """The three largest figures of the frame, largest first, each by its label (or breakdown) with its value
        as published: "a parent's mental health (1,344), domestic abuse of a parent (1,186) and ... (964)"."""
        named = "label" if "label" in self.frame else "breakdown"
        top = self.frame.dropna(subset=["value"]).sort_values("value", ascending=False, kind="stable").head(3)
        if top.empty:
            raise MissingData(f"{self._what()}: no published figure to rank")
        return join_words(
            [
                f"{row[named][:1].lower()}{row[named][1:]} ({format_observation(row, short=True)})"
                for _, row in top.iterrows()
            ]
        )

    @property
    def when(self) -> str:
        """The one period every row of the frame shares, as a phrase ('in 2021'); MissingData if they differ."""
        periods = list(dict.fromkeys(self.frame["period"]))
        if len(periods) != 1:
            raise MissingData(f"{self._what()}: one period for all of them (they have {', '.join(periods)})")
        return period_phrase(self.frame.iloc[0])

    @property
    def listing(self) -> str:
        """Every row of the frame with its value, in the frame's order: '35,600 female and 37,700 male'
        (by its label where rows are labelled, else its breakdown)."""
        named = "label" if "label" in self.frame else "breakdown"
        return join_words([f"{format_observation(row, short=True)} {row[named]}" for _, row in self.frame.iterrows()])

    @property
    def published_comparison(self) -> str:
        """The publisher's own comparison of the latest figure, in words: 'better than England', 'similar to
        England' (for Fingertips, by its 95% confidence intervals); MissingData where it published none."""
        row = self._row("latest")
        verdict, other = row.get("comparison"), row.get("compared_with")
        if not isinstance(verdict, str) or not isinstance(other, str) or verdict.lower() == "not compared":
            raise MissingData(f"{self._what()}: no comparison published")
        word = verdict.lower()
        return f"similar to {other}" if word == "similar" else f"{word} than {other}"

    @property
    def gap_to(self) -> _Gaps:
        return _Gaps(self)


def judge(change: float, polarity: str) -> str:
    if change == 0 or polarity not in ("higher_is_better", "lower_is_better"):
        return "neither better nor worse"
    return "better" if (change > 0) == (polarity == "higher_is_better") else "worse"


def join_words(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


class _Gaps:
    """`facts[group].gap_to[reference]`: the reference's value minus the group's, period by period, as a derived
    series (in points, or percentage points for percentages)."""

    def __init__(self, group: Facts):
        self.group = group

    def __getitem__(self, reference: str) -> Facts:
        group_rows = self.group.rows
        reference_rows = Facts(self.group.frame, role=self.group._role, breakdown=reference).rows
        merged = group_rows.merge(reference_rows[["period", "value"]], on="period", suffixes=("", "_reference"))
        if merged.empty:
            raise MissingData(f"{self.group._what()}: no period with both groups")
        unit = "percentage_points" if merged["unit"].iloc[0] == "percent" else merged["unit"].iloc[0]
        gaps = merged.assign(
            value=merged["value_reference"] - merged["value"], unit=unit, status="derived", measure="gap"
        ).drop(columns="value_reference")
        return Facts(gaps, derived=True)


def number_word(n: int) -> str:
    """Small whole numbers in words, as prose writes them ('five'); larger ones as digits."""
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n] if 0 <= n < len(words) else f"{n:,}"


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class VillageFacts:
    """The village table's groups as words: the largest groups, one circumstance, all of them.

    With `size`, the published counts of 100 are re-shared into a village of that size by largest remainder
    (a classroom of 30), as the chart draws them.
    """

    def __init__(self, groups: pd.DataFrame, *, size: int | None = None, short_labels: dict[str, str] | None = None):
        from insight.village import VILLAGE_SIZE, apportion

        if groups.empty:
            raise MissingData("the village's groups")
        self.groups = groups.reset_index(drop=True)
        published = [int(c) for c in self.groups["count"]]
        self.published_size = VILLAGE_SIZE
        self.size = size or VILLAGE_SIZE
        # Re-shared only into a village of another size; a circumstance's count is already "of 100".
        self.counts = [s.count for s in apportion(dict(enumerate(published)), size)] if size else published
        self.short_labels = short_labels or {}

    def _ranked(self) -> list[tuple[int, str]]:
        pairs = list(zip(self.counts, self.groups["group"], strict=True))
        return sorted(pairs, key=lambda pair: -pair[0])  # stable: equal counts keep the table's order

    @property
    def largest(self) -> str:
        """'62 White British, 8 Black African and 7 White other': the three largest groups."""
        return join_words([f"{count} {group}" for count, group in self._ranked()[:3]])

    @property
    def count(self) -> int:
        return self.counts[0]

    @property
    def group(self) -> str:
        """The first group's label as the rest of a sentence: 'live in low-income families'."""
        label = self.groups["group"].iloc[0]
        return label[:1].lower() + label[1:]

    @property
    def how_many(self) -> str:
        return number_word(len(self.groups))

    @property
    def listing(self) -> str:
        """Every group with its count, in the table's order, by its short label where it has one."""
        items = []
        for count, (_, row) in zip(self.counts, self.groups.iterrows(), strict=True):
            label = self.short_labels.get(row.get("group_id"), row["group"][:1].lower() + row["group"][1:])
            items.append(f"{count} {label}")
        return join_words(items)


class ServiceFacts:
    """Counted services of one life area as words: '60 pharmacies, 50+ dentists, ...'."""

    def __init__(self, services: pd.DataFrame, *, listed: int = 4):
        if services.empty:
            raise MissingData("the counted services")
        self.services = services.sort_values("value", ascending=False, kind="stable")
        self.listed = listed

    @property
    def largest(self) -> str:
        top = self.services.head(self.listed)
        return join_words([f"{row['value_text']} {row['title']}" for _, row in top.iterrows()])

    @property
    def how_many(self) -> str:
        return number_word(len(self.services))

    @property
    def life_area(self) -> str:
        return str(self.services["breakdown"].iloc[0]).capitalize()
