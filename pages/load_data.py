"""Load data: add a newer published release to the tables from the browser, after seeing what it would change."""

import streamlit as st

from components.blocks import page_header
from components.upload import load_data

page_header(
    "Load data",
    "Add a newer release from a publisher (an OHID Fingertips data export, a DfE Explore Education Statistics "
    "file or an ONS census custom dataset) without waiting for whoever runs the server. The file is read and "
    "checked by the same rules as one copied into `data/incoming/`; you see what it would add or replace before "
    "anything changes, and a file that cannot be read is refused with the line and column of each problem.",
)
load_data()
st.caption(
    "Loading rebuilds every table at once: a page open elsewhere shows the new figures the next time it is used. "
    "Each loaded file stays in the data/incoming folder, listed with its publisher and dates under Data and sources."
)
st.page_link(
    "pages/data_sources.py", label="See the releases loaded now, under Data and sources", icon=":material/dataset:"
)
