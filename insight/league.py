"""Where the home area stands among the other authorities: its rank in a group of authorities (its statistical
neighbours, its part of the region, its region, its country), with ties and missing figures counted, the group's
average or published figure beside the region's and the country's, and the authorities an analyst compares it with.

The groups come from data, never from codes: the statistical neighbours from the DfE's model (the
`statistical_neighbours` table), the others from the areas table (each area's type and parent). The region's
authorities are every authority whose chain of parents reaches the area with the role "region" (London's
boroughs, inner and outer), the country's those that reach the area with the role "country", the home area's
part of the region those with its parent (Outer London's boroughs for Bromley).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from insight.areas import Areas
from insight.compare import PERCENTAGES, Rank, Significance, against_england, rank
from insight.facts import in_time_order, join_words, judge
from insight.format import format_observation, format_value, ordinal

AUTHORITY_TYPES = ("Local authority", "London borough")  # the areas table's words for a local authority
NEIGHBOURS = "neighbours"  # the key of the home area's statistical neighbours (the link's `?group=neighbours`)
SIDED = ("higher_is_better", "lower_is_better")  # the polarities with a better side: only these give a verdict


@dataclass(frozen=True)
class Family:
    """The areas as a tree: each area's parent, type and name."""

    parent: dict[str, str | None]
    kind: dict[str, str]
    name: dict[str, str]

    @classmethod
    def from_table(cls, areas: pd.DataFrame) -> Family:
        parents = areas["parent_code"].astype(object).where(areas["parent_code"].notna(), None)
        return cls(
            dict(zip(areas["area_code"], parents, strict=True)),
            dict(zip(areas["area_code"], areas["area_type"], strict=True)),
            dict(zip(areas["area_code"], areas["area_name"], strict=True)),
        )

    def ancestors(self, code: str) -> list[str]:
        """The area's parent, its parent's parent ... (a loop in the table stops the walk)."""
        walked: list[str] = []
        parent = self.parent.get(code)
        while parent and parent not in walked and parent != code:
            walked.append(parent)
            parent = self.parent.get(parent)
        return walked

    def authorities(self) -> list[str]:
        return sorted(code for code, kind in self.kind.items() if kind in AUTHORITY_TYPES)

    def authorities_in(self, area: str) -> list[str]:
        """Every authority the area contains (at any depth), in name order."""
        inside = [code for code in self.authorities() if area in self.ancestors(code)]
        return sorted(inside, key=lambda code: self.name.get(code, code))

    def siblings(self, code: str) -> list[str]:
        """The other authorities with the same parent, in name order."""
        parent = self.parent.get(code)
        if not parent:
            return []
        same = [c for c in self.authorities() if c != code and self.parent.get(c) == parent]
        return sorted(same, key=lambda c: self.name.get(c, c))


@dataclass(frozen=True)
class Group:
    """Authorities the home area is ranked among: its statistical neighbours, or every authority of an area."""

    key: str  # its name in a link: "neighbours", or the area's name in lower case ("outer_london", "london")
    name: str  # as offered and drawn: "Statistical neighbours", "Outer London", "London"
    label: str  # after "5th of 11": "authorities in Bromley's statistical neighbour group", "authorities in London"
    members: tuple[str, ...]  # its authorities, the home area included
    area: str | None  # the area it is every authority of (its published figure stands beside); None for neighbours


def key_of(name: str) -> str:
    """A group's name in a link, from the area's name: "Outer London" -> "outer_london"."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def comparator_groups(family: Family, areas: Areas, neighbours: list[str]) -> list[Group]:
    """The groups the home area can be compared within, nearest first: its statistical neighbours (`neighbours`,
    nearest first, from the DfE's model), then the authorities of its parent area (its siblings), of its region
    and of its country (from the areas tree), each once; a group the home area is not in is left out."""
    home = areas.home
    groups = []
    near = [code for code in dict.fromkeys(neighbours) if code in family.kind and code != home]
    if near:
        label = f"authorities in {areas.home_name}'s statistical neighbour group"
        groups.append(Group(NEIGHBOURS, "Statistical neighbours", label, (home, *near), None))
    for code in (family.parent.get(home), areas.code_by_role.get("region"), areas.code_by_role.get("country")):
        if not code or any(group.area == code for group in groups):
            continue
        inside = family.authorities_in(code)
        if home in inside:
            name = family.name.get(code, code)
            groups.append(Group(key_of(name), name, f"authorities in {name}", tuple(inside), code))
    return groups


def latest_period(frame: pd.DataFrame, indicator: str, area: str) -> str | None:
    """The newest period of `indicator` with a headline figure for `area`."""
    rows = frame[
        (frame["indicator_id"] == indicator)
        & (frame["area_code"] == area)
        & (frame["breakdown"] == "all")
        & frame["value"].notna()
    ]
    return None if rows.empty else str(in_time_order(rows)["period"].iloc[-1])


# A group is ranked only where the release covers at least this share of its authorities: "16th of 32" among
# England's 153 authorities would read as a national rank when it is London's.
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Standing:
    """The home area's rank in one group of authorities, or why it is not ranked there."""

    group: str  # "authorities in London"
    members: list[str]  # the group's authorities the release covers in the period (codes), suppressed included
    rank: Rank | None  # None when the release covers too few of the group's authorities
    words: str  # "16th of 32 authorities in London (tied with 2 others)"


def standings(
    values: dict[str, float | None], family: Family, home: str, groups: list[Group], polarity: str
) -> list[Standing]:
    """The home area's rank among the authorities of each group.

    `values` holds every authority the release covers in the period, a suppressed figure as None: those count
    as "without a figure"; an authority the release does not cover at all (one since merged, or outside its
    scope) is not a member. A group the release covers less than MIN_COVERAGE of is not ranked, and says so."""
    group_standings = []
    for group in groups:
        inside, label = group.members, group.label
        if home not in inside:
            continue
        members = [code for code in inside if code in values]
        if len(members) < MIN_COVERAGE * len(inside):
            words = f"not ranked among {label}: the release covers {len(members)} of their {len(inside)}"
            group_standings.append(Standing(label, members, None, words))
            continue
        place = rank({code: values[code] for code in members}, home, polarity)
        without = [family.name.get(c, c) for c in members if values[c] is None]
        group_standings.append(Standing(label, members, place, standing_words(place, label, without, polarity)))
    return group_standings


NAMED_MISSING = 3  # up to this many authorities without a figure are named; more are counted


def place_words(place: Rank, polarity: str | None) -> str:
    """'5th of 11' by polarity; where no side is better, where the figure stands: 'the highest of 11', '4th highest
    of 11', 'the lowest of 11' (position 1 is the highest: insight.compare.rank)."""
    if polarity in SIDED:
        return f"{ordinal(place.position)} of {place.of}"
    if place.position == 1:
        return f"the highest of {place.of}"
    if place.position + place.tied - 1 == place.of:
        return f"the lowest of {place.of}"
    return f"{ordinal(place.position)} highest of {place.of}"


def standing_words(place: Rank, label: str, without: list[str], polarity: str | None = SIDED[0]) -> str:
    """'16th of 32 authorities in London (tied with 2 others; City of London has no figure)'."""
    if place.position is None:
        return f"no figure among {label} ({place.of} of them have one)" if label else "no figure"
    notes = []
    if place.tied > 1:
        notes.append(f"tied with {place.tied - 1} other{'s' if place.tied > 2 else ''}")
    if without:
        named = len(without) <= NAMED_MISSING
        who = join_words(without) if named else f"{len(without)} more"
        notes.append(f"{who} {'have' if len(without) > 1 else 'has'} no figure")
    group = f" {label}" if label else ""
    return f"{place_words(place, polarity)}{group}" + (f" ({'; '.join(notes)})" if notes else "")


def order_words(polarity: str | None) -> str:
    """What position 1 means."""
    return {
        "lower_is_better": "1st is the lowest, which is better",
        "higher_is_better": "1st is the highest, which is better",
        "neutral": "1st is the highest; neither higher nor lower is better",
    }.get(polarity, "1st is the highest; no polarity is declared, so neither higher nor lower is called better")


@dataclass(frozen=True)
class Beside:
    """A figure the home area's is set beside: a group's average, or an area's published figure."""

    label: str  # "Average of the statistical neighbours", "London", "England"
    value: float | None  # as compared (an average to one decimal, as shown)
    shown: str  # "45.3 per 10,000 children"
    difference: str  # the home area's figure against it: "5.3 per 10,000 lower", "the same", "" without a figure
    verdict: str  # "better", "worse", "neither better nor worse"; "" where no polarity is declared
    note: str  # how it was made or tested: "mean of 9 of the 10 neighbours' figures (unweighted)"


def average(values: dict[str, float | None], group: Group, home: str) -> tuple[float | None, int, int]:
    """The unweighted mean of the figures of the group's other authorities, to one decimal, how many have one and
    how many there are; None when fewer than MIN_COVERAGE of them have a figure (an average of a few is not the
    group's)."""
    others = [code for code in group.members if code != home]
    known = [values[code] for code in others if values.get(code) is not None]
    if not others or len(known) < MIN_COVERAGE * len(others):
        return None, len(known), len(others)
    return round(sum(known) / len(known), 1), len(known), len(others)


def difference_words(mine: float, theirs: float, row: pd.Series, polarity: str | None) -> tuple[str, str]:
    """The home area's figure against another: ('5.3 per 10,000 lower', 'better'), percentages in percentage
    points; the verdict by polarity, none where no polarity is declared."""
    gap = round(mine - theirs, 6)
    verdict = judge(gap, polarity) if polarity in (*SIDED, "neutral") else ""
    if gap == 0:
        return "the same", verdict
    unit = "percentage_points" if row["unit"] in PERCENTAGES else row["unit"]
    whole = float(gap).is_integer()  # two whole published rates differ by a whole number: "1 per 10,000", not "1.0"
    size = format_value(abs(gap), unit, row.get("unit_label"), rate_decimals=0 if whole else 1)
    return f"{size} {'higher' if gap > 0 else 'lower'}", verdict


@dataclass(frozen=True)
class League:
    """One indicator in one period: every authority's headline figure, the home area's standings, and the home
    area against England by the publisher's confidence interval."""

    indicator_id: str
    title: str
    polarity: str
    period: str
    home: str
    rows: pd.DataFrame  # the period's headline rows, one per area the release covers (enriched)
    standings: list[Standing]
    england: pd.Series | None  # the country's row
    significance: Significance
    beside: list[Beside] = ()  # the first group's average or figure, the region's and the country's

    @property
    def home_row(self) -> pd.Series:
        return self.rows[self.rows["area_code"] == self.home].iloc[0]


def league(
    frame: pd.DataFrame,
    family: Family,
    areas: Areas,
    indicator: str,
    period: str | None = None,
    groups: list[Group] | None = None,
) -> League | None:
    """`indicator` in `period` (by default the newest with a figure for the home area) from `frame`, its enriched
    observations for every area, ranked in each of `groups` (by default the region's and the country's
    authorities); None when the home area has no headline figure. Beside the home area's figure: the first
    group's own published figure, or the average of its other authorities where it has none, then the region's
    and the country's."""
    home, region, country = areas.home, areas.code_by_role.get("region"), areas.code_by_role.get("country")
    period = period or latest_period(frame, indicator, home)
    rows = frame[(frame["indicator_id"] == indicator) & (frame["period"] == period) & (frame["breakdown"] == "all")]
    rows = rows.drop_duplicates("area_code")
    if period is None or home not in set(rows["area_code"]):
        return None
    first = rows.iloc[0]
    polarity = first["polarity"] if isinstance(first["polarity"], str) else ""
    authorities = set(family.authorities())
    values = {
        code: (None if pd.isna(value) else float(value))
        for code, value in zip(rows["area_code"], rows["value"], strict=True)
        if code in authorities
    }
    if groups is None:
        groups = [g for g in comparator_groups(family, areas, []) if g.area in (region, country)]
    home_row = rows[rows["area_code"] == home].iloc[0]
    england = rows[rows["area_code"] == country].iloc[0] if country in set(rows["area_code"]) else None
    significance = against_england(
        _number(home_row.get("value")),
        _number(home_row.get("lower_ci95")),
        _number(home_row.get("upper_ci95")),
        None if england is None else _number(england["value"]),
        polarity,
    )
    return League(
        indicator,
        first["title"],
        polarity,
        period,
        home,
        rows,
        standings(values, family, home, groups, polarity),
        england,
        significance,
        _beside(rows, values, groups[:1], [region, country], areas, polarity, significance),
    )


def _beside(
    rows: pd.DataFrame,
    values: dict[str, float | None],
    groups: list[Group],
    comparators: list[str | None],
    areas: Areas,
    polarity: str,
    significance: Significance,
) -> list[Beside]:
    """The first group's published figure (or its authorities' average), then the region's and the country's."""
    by_code = rows.set_index("area_code")
    home = areas.home
    mine = _number(by_code.loc[home, "value"])
    home_row = by_code.loc[home]
    beside: list[Beside] = []
    wanted = [g.area for g in groups if g.area] + [code for code in comparators if code]
    for group in groups:
        if group.area and group.area in by_code.index:
            continue  # the area's own figure stands beside, below
        mean, known, of = average(values, group, home)
        others = "neighbours'" if group.key == NEIGHBOURS else "other authorities'"
        label = f"Average of the {group.name.lower()}" if group.key == NEIGHBOURS else f"Average of {group.label}"
        how = f"unweighted mean of {known} of the {of} {others} figures"
        if mean is None:
            beside.append(Beside(label, None, "not averaged", "", "", f"only {known} of the {of} have a figure"))
            continue
        words, verdict = ("", "") if mine is None else difference_words(mine, mean, home_row, polarity)
        average_words = format_value(mean, home_row["unit"], home_row.get("unit_label"))
        beside.append(Beside(label, mean, average_words, words, verdict, how))
    for code in dict.fromkeys(wanted):
        if code not in by_code.index or code == home:
            continue
        row = by_code.loc[code]
        theirs = _number(row["value"])
        words, verdict = ("", "") if None in (mine, theirs) else difference_words(mine, theirs, home_row, polarity)
        note = "its published figure"
        if code == areas.code_by_role.get("country"):
            note = (
                f"{significance.position} by {areas.home_name}'s 95% confidence interval"
                if significance.position != "not compared"
                else "no 95% confidence interval is published, so not tested"
            )
        figure_words = "not published" if theirs is None else format_observation(row)
        beside.append(Beside(areas.name_by_code.get(code, code), theirs, figure_words, words, verdict, note))
    return beside


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def league_sentences(ranking: League, names: dict[str, str]) -> list[str]:
    """The league in words: the home area's figure, its rank in each group, then how it compares with England
    (a difference is called higher or lower only where the publisher's interval says so)."""
    home = names.get(ranking.home, ranking.home)
    sentences = [f"In {ranking.period}, {home}'s figure was {format_observation(ranking.home_row)}."]
    ranked = [s for s in ranking.standings if s.rank is not None and s.rank.position is not None]
    sentences += [f"{s.words[0].upper()}{s.words[1:]}." for s in ranking.standings]
    if ranked:
        sentences.append(f"Ranked so that {order_words(ranking.polarity)}.")
    for other in ranking.beside[:1]:
        if other.label.startswith("Average") and other.value is not None:
            against = f"; {home}'s is {other.difference}" if other.difference else ""
            judged = f", which is {other.verdict}" if other.verdict and other.difference != "the same" else ""
            sentences.append(f"The {other.label[0].lower()}{other.label[1:]} was {other.shown}{against}{judged}.")
    if ranking.england is None:
        sentences.append("The release gives no figure for England in this period, so it is not compared with England.")
        return sentences
    england = f"England's figure was {format_observation(ranking.england)}"
    verdict = ranking.significance
    if verdict.position == "not compared":
        sentences.append(f"{england}; not compared, as no confidence interval is published for {home}'s figure.")
    elif verdict.position == "similar":
        sentences.append(f"{england}; {home}'s is similar, by its 95% confidence interval.")
    else:
        judged = "" if verdict.verdict == "not compared" else f", which is {verdict.verdict}"
        sentences.append(f"{england}; {home}'s is {verdict.position}{judged}, by its 95% confidence interval.")
    return sentences


def positions(ranking: League, codes: list[str], names: dict[str, str]) -> pd.DataFrame:
    """The chosen authorities (the home area first) with their figure and position in each group."""
    values = dict(zip(ranking.rows["area_code"], ranking.rows["value"], strict=True))
    by_code = ranking.rows.set_index("area_code")
    table = []
    for code in [ranking.home, *[c for c in codes if c != ranking.home]]:
        row = {"Authority": names.get(code, code), "Code": code}
        row["Figure"] = (
            format_observation(by_code.loc[code])
            if code in by_code.index and pd.notna(values.get(code))
            else "no figure"
        )
        for standing in ranking.standings:
            if standing.rank is None:
                continue
            place = rank({c: _number(values.get(c)) for c in standing.members}, code, ranking.polarity)
            position_words = (
                standing_words(place, "", [], ranking.polarity) if code in standing.members else "not in this group"
            )
            row[f"Position among {standing.group}"] = position_words
        table.append(row)
    return pd.DataFrame(table)


def beside_table(ranking: League, names: dict[str, str]) -> pd.DataFrame:
    """The home area's figure, then each figure it is set beside, with the difference and verdict in words."""
    home = names.get(ranking.home, ranking.home)
    mine = {"Figure": format_observation(ranking.home_row), f"{home}'s figure is": "", "Better or worse": "", "How": ""}
    table = [{"Compared with": home} | mine]
    for other in ranking.beside:
        verdict = other.verdict or ("no polarity declared" if other.difference else "")
        table.append(
            {
                "Compared with": other.label,
                "Figure": other.shown,
                f"{home}'s figure is": other.difference or "not compared",
                "Better or worse": verdict,
                "How": other.note,
            }
        )
    return pd.DataFrame(table)


def rankable(indicators: pd.DataFrame, home_figures: pd.DataFrame) -> list[str]:
    """The public indicators an authority can be ranked on: those with a headline figure for the home area in
    `home_figures`, those with a declared better side first (the page opens on the first), then the most figures
    first. A count is left out: it ranks boroughs by their size, not by how their children fare (the rate beside it
    is ranked instead)."""
    headline = set(
        home_figures.loc[(home_figures["breakdown"] == "all") & home_figures["value"].notna(), "indicator_id"]
    )
    public = indicators[
        (indicators["source_kind"] == "release")
        & (indicators["unit"] != "count")
        & indicators["indicator_id"].isin(headline)
    ]
    sided = public["polarity"].isin(SIDED) if "polarity" in public else False
    public = public.assign(_sided=sided).sort_values(["_sided", "observations"], ascending=False, kind="stable")
    return list(public["indicator_id"])


DIRECTION = {"higher": "▲", "lower": "▼", "similar": "●"}


def compared_words(position: str, verdict: str) -> str:
    """A comparison with England as the table shows it: the arrow points the way the figure differs and the words
    say both ("▼ lower, better": a fall is never drawn as an up arrow, and a shape says it without colour)."""
    if position not in DIRECTION:
        return "– not compared"
    if position == "similar" or verdict not in ("better", "worse"):
        return f"{DIRECTION[position]} {position}"
    return f"{DIRECTION[position]} {position}, {verdict}"


def against_england_table(frame: pd.DataFrame, areas: Areas) -> pd.DataFrame:
    """Each indicator of `frame` (enriched headline figures of the home area and England) in its newest period for
    the home area: both figures, the home area's 95% interval, and the comparison by the Fingertips method."""
    home, country = areas.home, areas.code_by_role.get("country")
    home_name, country_name = areas.home_name, areas.name_by_code.get(country, "England")
    table = []
    for indicator, rows in frame[frame["breakdown"] == "all"].groupby("indicator_id", sort=False):
        period = latest_period(rows, indicator, home)
        if period is None:
            continue
        mine = rows[(rows["area_code"] == home) & (rows["period"] == period)].iloc[0]
        theirs = rows[(rows["area_code"] == country) & (rows["period"] == period)]
        england = None if theirs.empty else theirs.iloc[0]
        lower, upper = _number(mine.get("lower_ci95")), _number(mine.get("upper_ci95"))
        compared = against_england(
            _number(mine["value"]),
            lower,
            upper,
            None if england is None else _number(england["value"]),
            mine["polarity"],
        )
        interval = "not published" if lower is None or upper is None else f"{lower:,.1f} to {upper:,.1f}"
        why = compared.method if compared.position != "not compared" else compared.method.removeprefix("not compared: ")
        table.append(
            {
                "Indicator": mine["title"],
                # The verdict next to the indicator's name: the table is wider than a laptop's page, and the column
                # people read first was the one cut off at its right.
                "Compared with England": compared_words(compared.position, compared.verdict),
                "Period": period,
                home_name: format_observation(mine),
                country_name: "not in the release" if england is None else format_observation(england),
                "95% interval": interval,
                "Position": compared.position,
                "How": why if england is not None else "England's figure for the period is not in the release",
            }
        )
    return pd.DataFrame(table).sort_values("Indicator", kind="stable") if table else pd.DataFrame(table)
