"""Reading a build for people: executed notebooks, the one-page summary, and the
helpers they share (``tables`` reads ``data/processed/``, ``figures`` draws, ``pages``
writes HTML tables)."""
