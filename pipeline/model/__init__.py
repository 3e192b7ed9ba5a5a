"""Train the project's Swedish NER model (``make model`` / ``python -m pipeline model``).

``corpus`` reads the IO-tagged Swedish NER corpus and finds or downloads it,
``train`` runs spaCy's training with a wall-clock cap and writes
``models/sv_pressmine_ner`` with ``metrics.json``, ``cli`` wires the options.
Nothing here imports spaCy at import time, so the CLI stays fast to start.
"""
