"""Since the strategy: each figure the strategy gives that a newer public release also covers, and what changed."""

import streamlit as st

from components.blocks import page_header
from components.since import since_table

page_header(
    "Since the strategy",
    "The strategy was written with the figures of its day. Where a newer public release measures the same thing, "
    "this page sets the strategy's figure beside the newest published one: the change in the unit that reads "
    "right (percentage points for shares), and whether that is **better** or **worse** for children. Where the "
    "two are defined differently, count another population, or one is a bound rather than a figure, it says so "
    "instead of comparing.",
)
since_table()
st.caption(
    "Which public series continues which strategy figure, and why, is declared once, as data "
    "(data/metadata/indicator_links.csv). A strategy figure the same measure supersedes is labelled "
    "**Superseded by** wherever it is shown."
)
