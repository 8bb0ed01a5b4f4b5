"""Text from the data shows as written: rendered as Markdown (CommonMark, as Streamlit does), an escaped
string becomes a paragraph of exactly its own words, never a link, emphasis, heading, list or HTML."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from insight.text import md

RENDERER = MarkdownIt("commonmark")


def shown(markdown: str) -> str:
    """What a reader sees: the rendered HTML's text, entities decoded."""
    import html

    rendered = RENDERER.render(markdown)
    assert set(re.findall(r"</?([a-z0-9]+)", rendered)) <= {"p", "br"}, rendered
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


def test_markdown_and_html_in_data_are_inert():
    for text in (
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click me](https://example.com)",
        "**bold** _it_ `code` # heading",
        "=SUM(A1:A9)",
        "- a list item",
        "1. a numbered item",
        "$x^2$ and :red[colour] and :material/home:",
        "<https://www.bromley.gov.uk>",
    ):
        assert shown(md(text)) == text, text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")) | st.just(" "), min_size=1))
def test_any_line_of_text_shows_as_written(text):
    assert shown(md(text)) == re.sub(" +", " ", text).strip()
