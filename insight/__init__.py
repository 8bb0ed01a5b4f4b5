"""Pure, Streamlit-free logic that turns tidy rows into what people read: formatted numbers, direction of
travel, headline cards, captions, alt text and self-describing downloads."""
