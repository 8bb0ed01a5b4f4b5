"""Pure chart builders: a tidy frame in, a plotly Figure out. No Streamlit here."""
