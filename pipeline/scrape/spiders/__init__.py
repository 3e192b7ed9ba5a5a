"""Spiders per kind of source. They find article URLs; the platform modules say where (``pipeline/platforms``)."""
from __future__ import annotations

from scrapy import Spider

from ..sources import Source
from .listing import ListingSpider
from .sitemap import SourceSitemapSpider

SPIDERS: dict[str, type[Spider]] = {
    "sitevision": ListingSpider,
    "mynewsdesk": ListingSpider,
    "lansstyrelsen": ListingSpider,
    "generic": ListingSpider,
    "feed": ListingSpider,
    "sitemap": SourceSitemapSpider,
}


def spider_for(source: Source) -> type[Spider]:
    """The spider class that crawls sources of this kind."""
    return SPIDERS[source.kind]


__all__ = ["ListingSpider", "SourceSitemapSpider", "SPIDERS", "spider_for"]
