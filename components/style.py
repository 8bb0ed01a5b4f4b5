"""The few styles Streamlit's theme cannot set: a focus ring anyone can see, and compact summary tables.

Static CSS only, written here; no data ever reaches it.
"""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
/* WCAG 2.2 (1.4.11, 2.4.7): a focus indicator of at least 3:1 against white, on every control. */
a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible, textarea:focus-visible,
[role="tab"]:focus-visible, [role="button"]:focus-visible, [role="option"]:focus-visible,
[role="radio"]:focus-visible, [role="checkbox"]:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #1A1A1A !important;
  outline-offset: 2px !important;
}
/* Less empty space above the title (Streamlit leaves 6rem): the overview fits one screen. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-bottom: 3rem; }
/* A chart's message (h3) reads as its heading without shouting over the section (h2). */
[data-testid="stMain"] h3 { font-size: 1.4rem; }
/* A link in the page (a chart's "Link to this chart: …") wraps like the buttons beside it, never cut short. */
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] span,
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMain"] [data-testid="stPageLink-NavLink"] { height: auto !important; }
/* A chart drawn twice (components.blocks: the village's five circumstances), for a phone's column and for a wide
   one: the chart's own width, not the screen's, says which shows (a sidebar narrows it), from 700 px the wide. */
[class*="st-key-chart-fits-"] { container-type: inline-size; }
@container (min-width: 700px) { [class*="st-key-chart-narrow-"] { display: none; } }
@container (max-width: 699.98px) { [class*="st-key-chart-wide-"] { display: none; } }
/* The overview's summary table: one screen for the whole picture. */
[data-testid="stMarkdownContainer"] table { font-size: 0.95rem; }
[data-testid="stMarkdownContainer"] table th, [data-testid="stMarkdownContainer"] table td {
  padding: 0.3rem 0.55rem;
  vertical-align: top;
}
/* The overview's tables, a section each, share their columns' widths, so they read as one table. */
.st-key-overview_summary table { table-layout: fixed; width: 100%; font-size: 0.9rem; }
.st-key-overview_summary table th:nth-child(1) { width: 22%; }
.st-key-overview_summary table th:nth-child(2) { width: 18%; }
.st-key-overview_summary table th:nth-child(3) { width: 21%; }
.st-key-overview_summary table th:nth-child(4) { width: 15%; }
.st-key-overview_summary table th:nth-child(5) { width: 24%; }
.st-key-overview_summary table th, .st-key-overview_summary table td { padding: 0.15rem 0.4rem; line-height: 1.45; }
.st-key-overview_summary table img { max-width: 100%; height: auto; vertical-align: middle; }
/* A section's row: its name alone, across the table. */
.st-key-overview_summary tr:has(td:first-child > strong:only-child) td { padding-top: 0.45rem; background: #F4F6F8; }
/* On a phone each row of the summary becomes a small card: the figure, then its cells, each named. */
@media (max-width: 640px) {
  [data-testid="stMarkdownContainer"] table thead { display: none; }
  [data-testid="stMarkdownContainer"] table, [data-testid="stMarkdownContainer"] table tbody,
  [data-testid="stMarkdownContainer"] table tr { display: block; width: 100%; }
  [data-testid="stMarkdownContainer"] table tr { border-bottom: 1px solid #D0D4D9; padding: 0.35rem 0; }
  [data-testid="stMarkdownContainer"] table td { display: block; border: none; padding: 0.05rem 0.4rem; }
  [data-testid="stMarkdownContainer"] table td:empty { display: none; }
  [data-testid="stMarkdownContainer"] table td:nth-child(3), [data-testid="stMarkdownContainer"] table td:nth-child(4) {
    display: inline-block;
  }
  [data-testid="stMarkdownContainer"] table td:nth-child(3)::before { content: "Change: "; color: #595959; }
  [data-testid="stMarkdownContainer"] table td:nth-child(4)::before { content: "Verdict: "; color: #595959; }
  [data-testid="stMarkdownContainer"] table td:nth-child(5)::before { content: "Compared: "; color: #595959; }
  .st-key-overview_summary table td:nth-child(4)::before { content: "Among authorities: "; }
  .st-key-overview_summary table td:nth-child(5)::before { content: "Compared with: "; }
  /* A section's row shows its name only: its other cells are empty, and say nothing. */
  [data-testid="stMarkdownContainer"] tr:has(td:first-child > strong:only-child) td:not(:first-child) { display: none; }
}
</style>
"""


def apply() -> None:
    st.html(CSS)
