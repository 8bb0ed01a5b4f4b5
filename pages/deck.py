"""Your deck: the charts to present, in order. Add any chart here or from its Data and export menu on any page,
move and remove slides, save the deck as a small file and load it again, then present it full screen."""

from components import deck
from components.blocks import page_header, section

page_header(
    "Your deck",
    "A deck is a list of charts to present, one a slide, in the order you choose. It starts as the default story "
    "of the strategy; add a chart below or from *Data and export* under any chart, move slides up and down, and "
    "save the deck as a file to load another day. The page's link keeps the deck too.",
)
deck.from_url()
deck.notice()
section("Slides")
deck.present_link()
deck.slide_list()
section("Add a chart")
deck.add_a_chart()
deck.start_with_default()
section("Save or load")
deck.save_and_load()
deck.keep_in_url()
