"""A figure kept per build gives Streamlit the same chart as a plain one, with its dict made once."""

from __future__ import annotations

import json

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest

from components.figures import kept


def a_figure() -> go.Figure:
    return go.Figure(
        go.Scatter(x=["2019", "2020", "2021"], y=[9.8, 10.4, 11.25], name="Bromley", mode="lines+markers"),
        layout={"title": {"text": "Rate"}, "yaxis": {"title": {"text": "per 1,000"}}},
    )


def test_a_kept_figure_makes_its_dict_once_and_it_equals_the_plain_figures():
    plain = a_figure()
    figure = kept(plain)
    first = figure.to_dict()
    assert figure.to_dict() is first  # made once, then reused
    assert first == plain.to_dict()
    plain.update_layout(title={"text": "Changed"})  # the original stays free to change; the kept copy does not
    assert figure.to_dict()["layout"]["title"]["text"] == "Rate"


def both_charts():
    import plotly.graph_objects as go
    import streamlit as st

    from components.figures import kept

    figure = go.Figure(
        go.Scatter(x=["2019", "2020", "2021"], y=[9.8, 10.4, 11.25], name="Bromley", mode="lines+markers"),
        layout={"title": {"text": "Rate"}, "yaxis": {"title": {"text": "per 1,000"}}},
    )
    st.plotly_chart(figure, theme=None, key="plain")
    shown = kept(figure)
    st.plotly_chart(shown, theme=None, key="kept-first")
    st.plotly_chart(shown, theme=None, key="kept-again")


def test_streamlit_sends_the_same_chart_for_a_kept_figure_on_every_run():
    at = AppTest.from_function(both_charts).run()
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert len(specs) == 3
    assert specs[0] == specs[1] == specs[2]
    assert specs[0]["data"][0]["name"] == "Bromley" and specs[0]["layout"]["title"]["text"] == "Rate"
    assert json.loads(at.run().get("plotly_chart")[1].proto.spec) == specs[0]
