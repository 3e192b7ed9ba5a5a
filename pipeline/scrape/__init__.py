"""The scrape stage: public news pages -> ``data/raw/<source id>/`` + ``manifest.jsonl``.

Built on Scrapy, in its own separation of concerns: ``sources.py`` (the registry),
``spiders/`` (finding article URLs, by the listing rules of ``pipeline.platforms``),
``middlewares.py`` (retries with Retry-After), ``store.py`` (the item pipeline that
writes to the raw store, ``pipeline.rawstore``), ``state.py`` (what earlier runs
stored), ``settings.py`` (every knob), ``cli.py`` (``python -m pipeline scrape``).
"""
from .sources import Source, SourceError, load_sources

__all__ = ["Source", "SourceError", "load_sources"]
