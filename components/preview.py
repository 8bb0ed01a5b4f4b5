"""What loading or removing a release would change, shown before anything does: its counts, the figures it
touches and why a file is refused or would change nothing. Shared by the upload (components.upload) and the
removal (components.removal), which ask and confirm."""

from __future__ import annotations

import streamlit as st

from insight.text import md
from loaders.intake import upload

STALE_WORDS = (
    "**The tables changed since your preview** (another session loaded or removed a release), so nothing was done. "
    "This is what it would do now; confirm again if it is still what you want."
)
PROBLEMS_NAMED = 20  # refusals listed one by one; the rest are counted
NAMES_LISTED = 12  # areas or indicators named in the preview; the rest are counted


def show_refusals(name: str, refusals: list) -> None:
    """Why the file cannot be loaded: each problem with its file, line and column, in the build's words."""
    listed = [f"- {md(problem)}" for problem in refusals[:PROBLEMS_NAMED]]
    if len(refusals) > PROBLEMS_NAMED:
        listed.append(f"- and {len(refusals) - PROBLEMS_NAMED:,} more problems")
    st.error(
        f"**{md(name)} cannot be loaded**, so nothing was changed:\n\n" + "\n".join(listed),
        icon=":material/block:",
    )


def show_nothing(name: str, why: str, *, after_confirming: bool = False) -> None:
    """Why the file would change nothing, so it is not offered for loading (or, found only once confirmed, was not
    added)."""
    outcome = (
        "it was not added and the tables are as they were" if after_confirming else "it is not offered for loading"
    )
    st.info(f"**{md(name)} changes nothing**, so {outcome}: {md(why)}.", icon=":material/block:")


def show_counts(counts: list[tuple[str, int, str]]) -> None:
    """A preview's counts side by side: (label, count, what it means), each number with thousands separators."""
    for column, (label, count, help) in zip(st.columns(len(counts)), counts, strict=True):
        column.metric(label, f"{count:,}", help=help)


def show_preview(preview: upload.Preview) -> None:
    """The counts, what they touch, and every figure that would change, before anything does."""
    st.markdown(f"**{md(preview.name)}** is {md(preview.format)}: {md(preview.dataset)}.")
    counts = [
        ("Figures added", preview.added, "Not in the tables yet."),
        ("Figures replaced", preview.replaced, "In the tables with another value: the file's value replaces it."),
        (
            "Unchanged",
            preview.unchanged,
            "Already in the tables with the same value, or given twice in the file itself (a Fingertips export "
            "repeats England's figure under each region).",
        ),
        ("Superseded", preview.superseded, "A newer release in the tables already gives them: not used."),
    ]
    show_counts(counts)
    if preview.removed:
        st.warning(f"Loading it would take {preview.removed:,} figures out of the tables; they are listed below.")
    if not (preview.added or preview.replaced or preview.removed or preview.nothing):
        tables = ", ".join(f"`{name}`" for name in preview.tables_changed) or "none but the list of releases"
        st.info(f"Loading it would change no figure; the tables it would change: {tables}.")
    if preview.indicators:
        st.markdown(f"**Indicators**: {_listed(preview.indicators)}  \n**Areas**: {_listed(preview.areas)}")
        st.markdown(f"**Periods**: {_periods(preview.periods)}")
    if preview.undeclared:
        st.caption(
            f"{preview.undeclared:,} of its {preview.indicators_read:,} indicators have no declared title, unit or "
            "polarity: they are loaded under the publisher's names, units inferred, never called better or worse."
        )
    if preview.skipped:
        st.caption(f"Left out: {md(preview.skipped)}.")
    if len(preview.changes):
        st.dataframe(preview.changes.drop(columns="key"), hide_index=True, width="stretch")


def _listed(names: list[str]) -> str:
    listed = ", ".join(md(name) for name in names[:NAMES_LISTED])
    return listed + (f" and {len(names) - NAMES_LISTED:,} more" if len(names) > NAMES_LISTED else "")


def _periods(periods: list[str]) -> str:
    """Periods in time order: each one, or the first and last and how many when there are many."""
    if len(periods) <= NAMES_LISTED:
        return ", ".join(md(period) for period in periods)
    return f"{md(periods[0])} to {md(periods[-1])} ({len(periods):,} periods)"
