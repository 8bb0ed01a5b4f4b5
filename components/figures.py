"""Figures kept once per build and drawn on every rerun, by every session."""

from __future__ import annotations

import plotly.graph_objects as go


class KeptFigure(go.Figure):
    """A figure whose dict is made once.

    `st.plotly_chart` turns the figure it is given into a dict on every call (a deep copy, every array encoded to
    base64): on a page of ten charts that was half of a rerun (py-spy, village page). A figure kept per build is
    never changed, so its dict can be made once and reused. Never change one in place: copy it
    (`go.Figure(kept)`) and change the copy.
    """

    def to_dict(self) -> dict:
        made = self.__dict__.get("_made")
        if made is None:
            made = self._made = super().to_dict()
        return made


def kept(figure: go.Figure) -> KeptFigure:
    """`figure` as a page keeps it (a copy: the original stays free to change)."""
    return KeptFigure(figure)
