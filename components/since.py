"""The "since the strategy" table: each strategy figure a release covers, the newest published figure, the change
and its verdict in words, an icon and a colour (never colour alone); the quotes and reasons a click away."""

from __future__ import annotations

import streamlit as st

from components import data
from insight.since import ABOVE, ABOVE_PATH, BELOW, BELOW_PATH, NOT_COMPARED, NOT_JUDGED, WITHIN, Since, summary
from insight.text import md

BADGES = {
    "better": ":blue-badge[:material/thumb_up: Better]",
    "worse": ":orange-badge[:material/thumb_down: Worse]",
    "neither better nor worse": ":gray-badge[Neither better nor worse]",
    NOT_JUDGED: ":gray-badge[Changed: better or worse not declared]",
    WITHIN: ":gray-badge[:material/check: Within the strategy's bound]",
    ABOVE: ":gray-badge[:material/arrow_upward: Above the strategy's figure]",
    BELOW: ":gray-badge[:material/arrow_downward: Below the strategy's bound]",
    ABOVE_PATH: ":gray-badge[:material/trending_up: Above the strategy's projection]",
    BELOW_PATH: ":gray-badge[:material/trending_down: Below the strategy's projection]",
    NOT_COMPARED: ":gray-badge[:material/block: Not compared]",
}


def since_table(*, details: bool = True) -> None:
    """The table for the home area, with a sentence that counts the verdicts; `details` adds each row's quote,
    release and reason underneath."""
    sources = data.sources()
    rows = sources.since
    st.markdown(md(summary(rows, sources.areas.home_name)))
    if not rows:
        return
    lines = [
        "| Strategy's figure | Newest published | Change | Verdict |",
        "| --- | --- | --- | --- |",
        *[_row(row) for row in rows],
    ]
    st.markdown("\n".join(lines))
    if details:
        with st.expander("Data: the quotes, releases and reasons behind each row"):
            for row in rows:
                st.markdown(_detail(row))


def _row(row: Since) -> str:
    stated = f"**{md(row.strategy_title)}**: {md(row.stated)} · {md(row.stated_period)}"
    newest = f"**{md(row.newest)}** · {md(row.newest_period)}"
    if row.superseded:
        newest += " :gray-badge[:material/update: supersedes it]"
    change = md(row.change) if row.change else "–"
    return f"| {stated} | {newest} ({md(row.public_title)}) | {change} | {BADGES.get(row.verdict, md(row.verdict))} {md(row.why)} |"


def _detail(row: Since) -> str:
    where = f"{row.release_file}, line {row.release_line}" if row.release_line else row.release_file
    return (
        f"**{md(row.strategy_title)}** ({md(row.stated_period)}, {md(row.section)}): “{md(row.quote)}”  \n"
        f"Newest: {md(row.newest)} ({md(row.newest_period)}), {md(row.publisher)}, {md(row.dataset)}; "
        f"`{md(where)}`.  \n"
        f"{md(row.reason)}"
    )
