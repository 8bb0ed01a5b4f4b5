"""Charts and decks from the command line, without a browser session: `python -m exports --help`.

The same definitions (definitions/) and renderer the pages use, so a board pack says exactly what the
dashboard says."""
