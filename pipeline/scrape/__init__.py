"""The scrape stage: public news pages -> ``data/raw/<source id>/`` + ``manifest.jsonl``.

Built on Scrapy, in its own separation of concerns: ``sources.py`` (the registry),
``adapters.py`` (where each platform keeps its article links), ``spiders/`` (finding
article URLs), ``middlewares.py`` (retries with Retry-After), ``store.py`` (the raw
store item pipeline), ``manifest.py`` (reading what was stored), ``settings.py``
(every knob), ``cli.py`` (``python -m pipeline scrape``).
"""
from .manifest import read_manifests
from .sources import Source, SourceError, load_sources

__all__ = ["Source", "SourceError", "load_sources", "read_manifests"]
