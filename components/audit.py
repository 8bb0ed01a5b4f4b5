"""The audit record on the Load data page: who loaded, removed or put back which release, when, and its effect.

Reading is `loaders.intake.audit`'s; this module only words and shows it, newest first.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from loaders.intake import audit
from loaders.paths import DEFAULT, DataPaths

ACTION_WORDS = {"upload": "Loaded", "remove": "Removed", "restore": "Put back"}
COUNTS = {  # the record's counts, as the table heads them
    "added": "Figures added",
    "replaced": "Figures replaced",
    "superseded": "Superseded",
    "removed": "Figures removed",
    "returned": "Older figures back",
}


def audit_frame(entries: list[dict]) -> pd.DataFrame:
    """The entries as a table people read: the time in words (UTC), the action in words, counts with separators."""
    rows = [
        {
            "When (UTC)": entry["when"].replace("T", " ").removesuffix("Z"),
            "Who": entry["who"],
            "Action": ACTION_WORDS.get(entry["action"], entry["action"]),
            "File": entry["file"],
            "Kept as": entry["stored"],
            **{heading: f"{entry[count]:,}" for count, heading in COUNTS.items()},
            "SHA-256": entry["sha256"][:12],
        }
        for entry in entries
    ]
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "Action", "File", "Kept as", *COUNTS.values(), "SHA-256"])


def show_audit(paths: DataPaths = DEFAULT) -> None:
    """The record, newest first, or a line saying nothing was loaded or removed from the dashboard yet."""
    st.subheader("Loaded and removed from the dashboard")
    entries = audit.read(paths)
    if not entries:
        st.caption("No release has been loaded or removed from the dashboard yet.")
        return
    st.dataframe(audit_frame(entries), hide_index=True, width="stretch")
    st.caption(
        "Every release loaded, removed or put back from this page, newest first, with the counts of figures each "
        "changed. SHA-256: the start of the file's fingerprint. The record is kept beside the data, in "
        "data/audit/releases.jsonl, and only ever added to."
    )
