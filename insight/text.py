"""Text from the data, made safe to show as Markdown: a quote or a label never becomes a link, a heading,
emphasis, a colour directive, a formula or HTML on a page; it shows as written."""

from __future__ import annotations

import re

# Markdown's own characters, and Streamlit's: ":" opens directives (:red[...]), "$" LaTeX.
_SPECIAL = re.compile(r"([\\`*_\[\]{}()#|~$:!+\-.])")


def md(text: object) -> str:
    """`text` with every character Markdown or Streamlit would act on escaped, so it shows as written.

    Angle brackets become entities rather than backslash escapes, so a web address written "<https://...>"
    neither becomes a link nor shows a stray backslash."""
    escaped = _SPECIAL.sub(r"\\\1", str(text)).replace("&", "&amp;")  # "&LT;" is an entity too, so shows "<"
    return escaped.replace("<", "&lt;").replace(">", "&gt;")
