"""The sitemap spider: Scrapy's SitemapSpider, restricted to a source's article URLs.

Start URLs may be sitemaps, sitemap indexes (followed) or a robots.txt whose
``Sitemap:`` lines are followed. Only URLs matching the adapter's article pattern are
requested, and known ones are skipped before any request is made.
"""
from __future__ import annotations

from typing import Any, AsyncIterator, Iterable, Iterator

from scrapy import Request
from scrapy.spiders import SitemapSpider
from scrapy.utils.gz import gzip_magic_number

from ..sources import Source
from .base import SourceSpiderMixin
from .listing import warn_of_entities


class SourceSitemapSpider(SourceSpiderMixin, SitemapSpider):
    name = "pressmine-sitemap"

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        self._setup_source(source)
        self.sitemap_urls = list(source.start_urls)
        self.sitemap_rules = [(self.adapter.article_pattern or "", "parse_article")]
        super().__init__(*args, name=source.id, **kwargs)
        self._setup_source(source)  # Spider.__init__ may reset attributes

    async def start(self) -> AsyncIterator[Any]:  # Scrapy >= 2.13
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[Any]:  # Scrapy < 2.13
        if self.resuming():
            self.logger.info("Resuming an interrupted run from its saved queue")
            return
        for url in self.sitemap_urls:
            yield Request(url, callback=self._parse_sitemap, errback=self.on_error)

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        """Drop known and denied article URLs before they become requests."""
        stats = self.crawler.stats
        for entry in entries:
            loc = entry.get("loc", "")
            if self.adapter.is_article(loc):
                if self.history.is_known(loc):
                    stats.inc_value("pressmine/skipped_known")
                    continue
                if self.denied(loc):
                    stats.inc_value("pressmine/skipped_denied")
                    continue
            yield entry

    def _get_sitemap_body(self, response: Any) -> bytes | None:
        """Scrapy's, with a word for a compressed sitemap that unpacks past the size cap."""
        body = super()._get_sitemap_body(response)
        if body is None and gzip_magic_number(response):
            self.logger.warning("%s unpacks to more than DOWNLOAD_MAXSIZE (%d bytes): a gzip bomb or an oversized "
                                "sitemap; ignored", response.url, self._max_size)
        return body

    def _parse_sitemap(self, response: Any) -> Iterable[Any]:
        self.crawler.stats.inc_value("pressmine/listing_pages")
        warn_of_entities(response, self.logger)
        for request in super()._parse_sitemap(response):
            if request.callback == self.parse_article:
                self.crawler.stats.inc_value("pressmine/article_requests")
                request = request.replace(errback=self.on_error, meta={**request.meta, "pressmine_role": "article"})
            yield request
