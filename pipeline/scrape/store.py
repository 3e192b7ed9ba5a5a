"""The raw store as a Scrapy item pipeline: article pages go into ``pipeline.rawstore``.

Spiders only hand on what they fetched; this pipeline stores it (unchanged, with its
manifest row) and counts what it did in the crawl stats.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.rawstore import RawPage, RawStore, SkippedPage


class RawStorePipeline:
    """Scrapy item pipeline around :class:`RawStore`; counts what it did in the crawl stats."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.raw_root = Path(crawler.settings.get("PRESSMINE_RAW_DIR", "data/raw"))
        self.store: RawStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RawStorePipeline":
        return cls(crawler)

    def _store_for(self, spider: Any) -> RawStore:
        if self.store is None:
            source = spider.source
            extra = {"article_selector": source.article_selector} if source.article_selector else {}
            self.store = RawStore(self.raw_root, source.id, source.publisher, source.region_code, extra)
        return self.store

    def process_item(self, item: Any, spider: Any = None) -> Any:
        spider = spider or self.crawler.spider
        store = self._store_for(spider)
        stats = self.crawler.stats
        if isinstance(item, RawPage):
            outcome, _row = store.store(item)
            stats.inc_value(f"pressmine/{outcome}")
        elif isinstance(item, SkippedPage):
            store.skip(item)
            stats.inc_value(f"pressmine/skipped_{item.reason}")
        return item
