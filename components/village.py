"""The village page's words from the tables, worked out once per build: the sentence of who the 100 children
would be, the circumstances to choose from with what each means, and how the classroom was rounded. A rerun only
draws them (filtering the village table and rounding the classroom on every rerun was a fifth of the page's
rerun)."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa
import streamlit as st

import definitions
from components import data
from insight.text import md
from insight.village import apportion, audit_table


@dataclass(frozen=True)
class Village:
    sentence: str  # Markdown: "**62** would be White British · ..."
    circumstances: dict[str, str]  # each circumstance a child may live in, and what it means
    classroom: pa.Table | None  # how the classroom was rounded (None: no ethnic groups in the tables)


@st.cache_resource(max_entries=4, show_spinner=False)
def _village(build: str) -> Village:
    village = data.table("village")
    ethnic = village[village["group_type"] == "ethnicity"]
    circumstances = village[village["group_type"] == "characteristic"]
    size = definitions.get("village.classroom").options["size"]
    shares = dict(zip(ethnic["group"], ethnic["count"], strict=True))
    return Village(
        " · ".join(f"**{row.count}** would be {md(row.group)}" for row in ethnic.itertuples()),
        dict(zip(circumstances["group"], circumstances["meaning"], strict=True)),
        pa.Table.from_pandas(audit_table(apportion(shares, size)), preserve_index=False) if shares else None,
    )


def village() -> Village:
    return _village(data.build_id())
