"""Since the strategy: each strategy figure that a loaded release also covers, beside the newest published
figure, with the change in the unit that reads right and a verdict by polarity, or the reason they cannot be
compared (another definition, population or measure; a bound, not a figure; the same year from another source).

The links between strategy and public indicators are data (`indicator_links`), never code.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from insight.compare import change
from insight.facts import in_time_order, is_missing, join_words, judge, number_word
from insight.format import format_observation, format_value
from insight.labels import breakdown_words, label

RELATION_WORDS = {
    "same": "the same measure",
    "narrower": "part of the same measure",
    "different_definition": "defined differently",
    "different_population": "of another population",
    "different_measure": "another measure",
}
LIKE_FOR_LIKE = ("same", "narrower")  # relations whose figures are compared
NOT_COMPARED = "not compared"
WITHIN = "within the strategy's bound"  # a figure inside the bound or range the strategy gave
ABOVE, BELOW = "above the strategy's bound", "below the strategy's bound"  # where no polarity says better
ABOVE_PATH, BELOW_PATH = "above the strategy's projection", "below the strategy's projection"
NOT_JUDGED = "changed; whether for the better is not declared"
BOUNDS = ("upper_bound", "lower_bound", "range")
POLARITIES = ("higher_is_better", "lower_is_better", "neutral")


@dataclass(frozen=True)
class Since:
    """One strategy figure and the newest published figure of the indicator linked to it."""

    strategy_id: str
    strategy_title: str
    stated: str  # as the strategy states it: "under 350", "21%"
    stated_period: str
    quote: str
    section: str
    public_id: str
    public_title: str
    newest: str  # the newest published figure (for the headline, or each breakdown where there is none)
    newest_period: str
    publisher: str
    dataset: str
    release_file: str
    release_line: int | None
    relation: str
    reason: str  # why the link holds, or why the two are not compared (indicator_links)
    change: str | None  # "up 2.5 percentage points", "above the bound"; None when not compared
    verdict: str  # better, worse, neither, not judged, within/above/below a bound or a projection, or not compared
    why: str  # the verdict in a sentence
    superseded: bool  # the newer figure of the same measure: the strategy's figure is superseded by it

    @property
    def compared(self) -> bool:
        """A like-for-like pair whose verdict was worked out."""
        return self.verdict != NOT_COMPARED

    @property
    def superseded_by(self) -> str:
        """'Superseded by Department for Education, 2024/25: 343': the label a superseded figure carries."""
        # The publisher's own name only ("Department for Education", not its service and release): the label
        # sits in a table cell; the release is named on the Since the strategy page and in each chart's notes.
        publisher = self.publisher.split(":")[0]
        return f"Superseded by {publisher}, {self.newest_period}: {self.newest}" if self.superseded else ""


def since_strategy(links: pd.DataFrame, strategy: pd.DataFrame, published: pd.DataFrame, home: str) -> list[Since]:
    """Every linked strategy indicator with a figure for `home` (its latest stated, not projected) beside the
    newest published figure for `home` of the public indicator. `strategy` (every strategy figure: its newest
    dated one says when it was written) and `published` are enriched observations (title, unit, polarity ...)."""
    # When it was written: the end of its newest stated year (a span such as "2021 to 2041" is a projection's).
    years = ~strategy["status"].isin(["projected", "target"]) & ~strategy["period_type"].isin(["span", "since"])
    stated_ends = pd.to_datetime(strategy.loc[years, "period_end"])
    written = stated_ends.max() if stated_ends.notna().any() else None
    comparisons = []
    for link in links.itertuples(index=False):
        stated = _latest(strategy, link.strategy_indicator_id, home, stated=True)
        headline = _latest(published, link.public_indicator_id, home, stated=False)
        if stated is None or headline is None:
            continue
        newest = _newest_rows(published, link.public_indicator_id, home, headline)
        path = _projected_path(strategy, link.strategy_indicator_id, home, stated, headline)
        comparisons.append(_compare(link, stated, headline, newest, written, path))
    return comparisons


def _latest(frame: pd.DataFrame, indicator: str, home: str, *, stated: bool) -> pd.Series | None:
    """The latest figure of `indicator` for `home`: a strategy figure as stated (not a projection or target), or
    the newest published one (the headline where there is one)."""
    rows = frame[(frame["indicator_id"] == indicator) & (frame["area_code"] == home)]
    if stated:
        rows = rows[~rows["status"].isin(["projected", "target"]) & (rows["breakdown"] == "all")]
    else:
        rows = rows[rows["status"] != "suppressed"]
        headline = rows[rows["breakdown"] == "all"]
        rows = headline if len(headline) else rows
    if rows.empty:
        return None
    return in_time_order(rows).iloc[-1]


def _newest_rows(frame: pd.DataFrame, indicator: str, home: str, headline: pd.Series) -> pd.DataFrame:
    """The newest period's published rows: the headline, or every breakdown where the release has no headline."""
    rows = frame[
        (frame["indicator_id"] == indicator)
        & (frame["area_code"] == home)
        & (frame["period"] == headline["period"])
        & (frame["status"] != "suppressed")
    ]
    return rows[rows["breakdown"] == "all"] if headline["breakdown"] == "all" else rows


def _projected_path(strategy: pd.DataFrame, indicator: str, home: str, stated: pd.Series, newest: pd.Series):
    """The strategy's projected figure the newest published one falls short of, when that one lies between the
    strategy's latest stated figure and a projection: (projected row, the straight line's value at the newest
    figure's period). None otherwise."""
    rows = strategy[
        (strategy["indicator_id"] == indicator)
        & (strategy["area_code"] == home)
        & (strategy["breakdown"] == "all")
        & (strategy["status"] == "projected")
    ]
    starts = [stated.get("period_start"), newest.get("period_start")]
    if rows.empty or any(is_missing(start) for start in starts) or stated["status"] in BOUNDS:
        return None
    begin, at = (pd.Timestamp(start) for start in starts)
    later = rows[pd.to_datetime(rows["period_start"]) > at].sort_values("period_start")
    if later.empty or at <= begin:
        return None
    target = later.iloc[0]
    end = pd.Timestamp(target["period_start"])
    share = (at - begin) / (end - begin)
    return target, float(stated["value"]) + share * (float(target["value"]) - float(stated["value"]))


def _compare(link, stated: pd.Series, headline: pd.Series, newest: pd.DataFrame, written, path=None) -> Since:
    newest_words = (
        format_observation(headline)
        if headline["breakdown"] == "all"
        else "; ".join(f"{breakdown_words(r['breakdown'])}: {format_observation(r)}" for _, r in newest.iterrows())
    )
    difference, verdict, why = _verdict(link, stated, headline, path)
    return Since(
        strategy_id=link.strategy_indicator_id,
        strategy_title=str(stated["title"]),
        stated=format_observation(stated),
        stated_period=str(stated["period"]),
        quote=str(stated["quote"]),
        section=str(stated["section"]),
        public_id=link.public_indicator_id,
        public_title=str(headline["title"]),
        newest=newest_words,
        newest_period=str(headline["period"]),
        publisher=str(headline["publisher"]),
        dataset=str(headline["release_dataset"]),
        release_file=str(headline["release_file"]),
        release_line=None if is_missing(headline["release_line"]) else int(headline["release_line"]),
        relation=link.relation,
        reason=link.reason,
        change=difference,
        verdict=verdict,
        why=why,
        superseded=link.relation == "same"
        and stated["unit"] == headline["unit"]
        and not _same_period(stated, headline)
        and _not_older(headline, stated, written),
    )


def _verdict(link, stated: pd.Series, newest: pd.Series, path=None) -> tuple[str | None, str, str]:
    """The change and its verdict, or why there is none."""
    if link.relation not in LIKE_FOR_LIKE:
        words = RELATION_WORDS.get(link.relation, link.relation)
        return None, NOT_COMPARED, f"{words[:1].upper()}{words[1:]}: {link.reason.split('. ')[0].rstrip('.')}."
    if stated["unit"] != newest["unit"]:
        units = label("unit", stated["unit"]).lower(), label("unit", newest["unit"]).lower()
        return None, NOT_COMPARED, f"The strategy's figure is a {units[0]}, the release's a {units[1]}."
    narrower = link.relation == "narrower"
    if path is not None:
        return _against_path(stated, newest, path, narrower)
    if stated["status"] in BOUNDS:
        return _against_bound(stated, newest, narrower)
    if _same_period(stated, newest):
        # Two sources' figures for one period: neither is newer, so neither supersedes the other and there is no
        # change over time to judge; both are named, and where they differ a data-quality note says so.
        agree = newest["value"] == stated["value"]
        return (
            None,
            NOT_COMPARED,
            (
                f"Two sources for the same period ({newest['period']}): the strategy gives "
                f"{format_observation(stated)}, the release {format_observation(newest)}. "
                + (
                    "They agree."
                    if agree
                    else "Neither is newer, so neither replaces the other and no change is worked out; a data-quality "
                    "note names both."
                )
            ),
        )
    polarity = _polarity(newest)
    moved = change(float(stated["value"]), float(newest["value"]), str(newest["unit"]), polarity or "neutral")
    span = f"from {stated['period']} to {newest['period']}"
    if narrower:
        if moved.difference <= 0:
            return None, NOT_COMPARED, (
                f"The release counts part of what the strategy's figure counts, so a lower figure ({moved.words} "
                f"{span}) says nothing about the strategy's measure."
            )  # fmt: skip
        return moved.words, ABOVE, (
            f"{moved.words.capitalize()} {span}: the release counts part of what the strategy's figure counts, so the "
            "strategy's measure is higher than its figure too."
        )  # fmt: skip
    if polarity is None and moved.difference:
        return (
            moved.words,
            NOT_JUDGED,
            f"{moved.words.capitalize()} {span}; no one has declared whether higher is better.",
        )
    return moved.words, moved.verdict, f"{moved.words.capitalize()} {span}."


def _polarity(row: pd.Series) -> str | None:
    """The indicator's declared polarity, or None where nobody declared it."""
    polarity = row.get("polarity")
    return polarity if polarity in POLARITIES else None


def _against_path(stated: pd.Series, newest: pd.Series, path, narrower: bool) -> tuple[str | None, str, str]:
    """The newest figure against the straight line from the strategy's figure to its projection: above or below
    it (better or worse where a polarity says so); a narrower count below the line says nothing."""
    target, expected = path
    value = float(newest["value"])
    places = min(_rounded_to(stated), _rounded_to(target))  # as finely as the finer of the two is written
    line = (
        f"The strategy projected a straight line from {format_observation(stated)} ({stated['period']}) to "
        f"{format_observation(target)} ({target['period']}): about {format_value(round(expected, -places), str(newest['unit']))} "
        f"in {newest['period']}"
    )
    above = value > expected
    if narrower and not above:
        return None, NOT_COMPARED, (
            f"{line}. The release counts part of what the strategy's figure counts, so its {format_observation(newest)} "
            "below the line says nothing about the strategy's measure."
        )  # fmt: skip
    where = "above" if above else "below"
    extra = (
        " It counts part of what the strategy's figure counts, so the strategy's measure is above its projection too."
        if narrower
        else ""
    )
    sentence = f"{line}; the release gives {format_observation(newest)}, {where} it.{extra}"
    polarity = _polarity(newest)
    if polarity in ("higher_is_better", "lower_is_better"):
        return f"{where} the projection", judge(1 if above else -1, polarity), sentence
    return f"{where} the projection", ABOVE_PATH if above else BELOW_PATH, sentence


def _rounded_to(row: pd.Series) -> int:
    """How many trailing zeros the strategy writes a figure with ("66,800": 2), to round a figure worked out from
    it no finer."""
    whole = f"{abs(float(row['value'])):.0f}"
    return len(whole) - len(whole.rstrip("0")) if float(row["value"]).is_integer() else 0


def _against_bound(stated: pd.Series, newest: pd.Series, narrower: bool = False) -> tuple[str | None, str, str]:
    """Where the newest figure lies against the strategy's bound or range: no change can be worked out from a
    bound, but crossing it is better or worse by polarity (above or below it where no polarity is declared), and
    staying inside it is what the strategy said. A narrower count is compared only where it is above."""
    value = newest["value"]
    low, high = stated.get("lower"), stated.get("upper")
    if stated["status"] == "upper_bound":
        low, high = None, stated["value"]
    if stated["status"] == "lower_bound":
        low, high = stated["value"], None
    above = not is_missing(high) and value >= high
    below = not is_missing(low) and value <= low
    where = "above the bound" if above else "below the bound" if below else "within the bound"
    sentence = (
        f"The strategy gives a bound, not a figure ({format_observation(stated)}), so no change is worked out; the "
        f"newest figure, {format_observation(newest)}, is {where.removesuffix(' the bound')} it."
    )
    if narrower and not above:
        return None, NOT_COMPARED, sentence + " The release counts part of what the strategy's figure counts."
    if not (above or below):
        return where, WITHIN, sentence
    polarity = _polarity(newest)
    if polarity in ("higher_is_better", "lower_is_better"):
        return where, judge(1 if above else -1, polarity), sentence
    return where, ABOVE if above else BELOW, sentence


def _same_period(stated: pd.Series, newest: pd.Series) -> bool:
    """The two periods overlap (2021 and 2021; 2019/20 and 2020): a difference is between sources, not a change."""
    ends = [stated.get("period_start"), stated.get("period_end"), newest.get("period_start"), newest.get("period_end")]
    if any(is_missing(end) for end in ends):
        return False
    start_a, end_a, start_b, end_b = (pd.Timestamp(end) for end in ends)
    return start_a <= end_b and start_b <= end_a


def _not_older(newest: pd.Series, stated: pd.Series, written) -> bool:
    """The published figure is as new as the strategy's or newer. An undated strategy figure ("current") is as of
    the strategy's writing, taken as the end of its newest dated figure (`written`)."""
    reference = stated.get("period_end")
    if is_missing(reference):
        reference = written
    if is_missing(reference) or is_missing(newest.get("period_end")):
        return False
    return pd.Timestamp(newest["period_end"]) >= pd.Timestamp(reference)


def summary(rows: list[Since], home: str, *, short: bool = False) -> str:
    """'Twelve of the strategy's figures for Bromley are covered by newer public releases, in thirteen series;
    five are compared like for like: three worse, one within the strategy's bound and one above its projection;
    eight are not compared …', counted from the rows; `short`, the verdicts only."""
    if not rows:
        return f"No loaded release covers a figure the strategy gives for {home} yet."
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.verdict] = counts.get(row.verdict, 0) + 1
    compared = sum(1 for row in rows if row.compared)
    parts = [f"{number_word(counts[v])} {VERDICT_PHRASES[v]}" for v in VERDICT_PHRASES if counts.get(v)]
    stated = len({(row.strategy_id, row.stated_period) for row in rows})
    figures = f"{number_word(stated)} of the strategy's figure{'s' if stated > 1 else ''} for {home}"
    series = f", in {number_word(len(rows))} series" if len(rows) > stated else ""
    verb = "are" if stated > 1 else "is"
    opening = f"{figures[:1].upper()}{figures[1:]} {verb} covered by newer public releases{series}"
    if not compared:
        return f"{opening}; none is the same measure, so none is compared."
    judged = join_words(parts[: len([v for v in VERDICT_PHRASES if counts.get(v) and v != NOT_COMPARED])])
    tail = counts.get(NOT_COMPARED, 0)
    if short:  # for the overview: the verdicts only, the page says the rest
        return f"{number_word(compared).capitalize()} of the strategy's figures compared like for like: {judged}."
    rest = (
        f"; {number_word(tail)} not compared (another definition, population, measure, or the same year from "
        "another source)"
        if tail
        else ""
    )
    return f"{opening}. {number_word(compared).capitalize()} compared like for like: {judged}{rest}."


VERDICT_PHRASES = {
    "better": "better",
    "worse": "worse",
    "neither better nor worse": "changed, neither better nor worse",
    NOT_JUDGED: "changed, with no declared better or worse",
    WITHIN: "within the strategy's bound",
    ABOVE: "above the strategy's bound or figure",
    BELOW: "below the strategy's bound",
    ABOVE_PATH: "above the strategy's projection",
    BELOW_PATH: "below the strategy's projection",
    NOT_COMPARED: "not compared",
}
