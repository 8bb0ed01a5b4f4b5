"""Reusable Streamlit pieces every page uses: cached data access, headline cards, chart blocks."""
