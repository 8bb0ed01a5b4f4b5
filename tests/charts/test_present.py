"""Charts laid out for presentation mode: no title (the slide's heading carries the message), the height asked
for, and no text smaller than the slide's smallest size, however the builder set it; a village's drawn note can
be taken out of the figure to be shown as text under it."""

from __future__ import annotations

import plotly.graph_objects as go

from charts.present import TEXT_SIZE, for_screen, own_layout, without_note


def small_figure() -> go.Figure:
    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2], text=["one", "two"], textfont={"size": 13}))
    figure.add_trace(go.Scatter(x=["a", "b"], y=[2, 1], xaxis="x2", yaxis="y2"))
    figure.update_layout(title="The message", height=300, font={"size": 16}, legend={"font": {"size": 15}})
    figure.update_layout(xaxis2={"tickfont": {"size": 11}}, yaxis2={"anchor": "x2"})
    figure.update_layout(yaxis={"title": {"text": "number", "font": {"size": 12}}})
    figure.add_annotation(text="projected", x="b", y=2, font={"size": 14})
    return figure


def test_the_title_goes_and_every_text_is_at_least_the_slide_size():
    shown = for_screen(small_figure(), height=640)
    layout = shown.layout
    assert not layout.title.text and layout.height == 640
    sizes = [layout.font.size, layout.legend.font.size, shown.data[0].textfont.size]
    sizes += [axis.tickfont.size for axis in (layout.xaxis, layout.yaxis, layout.xaxis2, layout.yaxis2)]
    sizes += [axis.title.font.size for axis in (layout.xaxis, layout.yaxis, layout.xaxis2, layout.yaxis2)]
    sizes += [a.font.size for a in layout.annotations]
    assert min(sizes) == TEXT_SIZE


def test_larger_text_stays_larger_and_the_original_is_untouched():
    figure = small_figure().update_layout(font={"size": 30})
    assert for_screen(figure).layout.font.size == 30
    assert figure.layout.title.text == "The message" and figure.data[0].textfont.size == 13


def test_a_drawn_note_is_taken_out_and_the_rest_kept():
    figure = small_figure().update_layout(meta={"own_layout": True})
    figure.add_annotation(text="Positions are<br>illustrative.", x=0, y=0, font={"size": 16})
    kept = without_note(figure, "Positions are illustrative.")
    assert [a.text for a in kept.layout.annotations] == ["projected"] and own_layout(kept)
    assert len(figure.layout.annotations) == 2
