"""The listing spider: news list pages with pagination, and RSS/Atom feeds.

Serves the ``sitevision``, ``mynewsdesk``, ``lansstyrelsen``, ``generic`` and ``feed``
kinds; what differs between them is only the adapter (selectors and URL patterns).
A start URL may be an HTML listing or a feed: the response decides, so a Mynewsdesk
room can start from its ``pressreleases.rss`` as well as from its list page.
"""
from __future__ import annotations

import logging
import re
from typing import Any, AsyncIterator, Iterator

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.selector import Selector

from ..sources import Source
from .base import SourceSpiderMixin

_FEED_ROOT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                        rb"(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)


def is_feed(response: Response) -> bool:
    """RSS 2.0, Atom or RSS 1.0 (RDF), by the document's root element (after any DOCTYPE)."""
    return bool(_FEED_ROOT.match(response.body[:8192]))


_DOCTYPE = re.compile(r"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.S)


def warn_of_entities(response: Response, logger: logging.Logger | logging.LoggerAdapter) -> None:
    """A feed or sitemap that declares XML entities may be a "billion laughs" or an
    external-entity attack. The XML parsers here expand and fetch none (lxml with
    resolve_entities=False, no network, no huge trees): say so, and go on."""
    if b"<!ENTITY" in response.body[:65536]:
        logger.warning("%s declares XML entities; they are neither expanded nor fetched", response.url)


def feed_links(response: Response) -> list[str]:
    """Entry links of an RSS, RDF or Atom feed, absolute, in feed order, without duplicates.

    A feed's DOCTYPE is dropped before parsing: no feed needs one, and libxml2 gives
    up on a whole document whose entities would expand too much, entries and all."""
    text = response.body.decode(response.encoding if isinstance(response, TextResponse) else "utf-8", "replace")
    text = _DOCTYPE.sub("", text, count=1)
    selector = Selector(text=text, type="xml", huge_tree=False)  # libxml2's limits on depth and size stay on
    selector.remove_namespaces()
    links: list[str] = []
    for item in selector.xpath("//item"):  # RSS 2.0 and RDF
        link = item.xpath("normalize-space(link)").get() or item.xpath("@about").get()
        if not link:
            link = item.xpath("normalize-space(guid[not(@isPermaLink) or @isPermaLink='true'])").get()
        if link:
            links.append(link)
    for entry in selector.xpath("//entry"):  # Atom
        link = entry.xpath("link[@rel='alternate'][1]/@href").get() or entry.xpath("link[not(@rel)][1]/@href").get()
        if link:
            links.append(link)
    return list(dict.fromkeys(response.urljoin(link.strip()) for link in links))


class ListingSpider(SourceSpiderMixin, scrapy.Spider):
    """Follows listing pages (and their pagination) or feeds of one source to its articles."""

    name = "pressmine-listing"

    def __init__(self, source: Source, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, name=source.id, **kwargs)
        self._setup_source(source)
        adapter = self.adapter
        self._article_links = LinkExtractor(
            allow=adapter.article_pattern or (), deny=adapter.deny_patterns, restrict_css=adapter.listing_selector or ()
        )
        self._article_links_anywhere = LinkExtractor(allow=adapter.article_pattern or (), deny=adapter.deny_patterns)
        self._next_links = (
            LinkExtractor(
                restrict_css=adapter.next_selector or (),
                restrict_xpaths=adapter.next_xpath or (),
                deny=adapter.deny_patterns,
                tags=("a", "area", "link"),
            )
            if adapter.next_selector or adapter.next_xpath
            else None
        )
        self._follow_links = LinkExtractor(allow=adapter.follow_pattern, deny=adapter.deny_patterns) if adapter.follow_pattern else None

    async def start(self) -> AsyncIterator[Any]:  # Scrapy >= 2.13
        for request in self.start_requests():
            yield request

    def start_requests(self) -> Iterator[scrapy.Request]:  # Scrapy < 2.13
        if self.resuming():
            self.logger.info("Resuming an interrupted run from its saved queue")
            return
        for url in self.source.start_urls:
            yield self.listing_request(url, start=True)

    def listing_request(self, url: str, start: bool = False) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            headers=self.conditional_headers(url),
            dont_filter=start,  # start URLs are fetched on every run (and on resume)
            meta={"pressmine_role": "listing", "handle_httpstatus_list": [304]},
        )

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value("pressmine/listing_not_modified")
            return
        stats.inc_value("pressmine/listing_pages")
        self.remember_validators(response)
        if is_feed(response):
            warn_of_entities(response, self.logger)
            links = [u for u in feed_links(response) if self.adapter.is_article(u)]
            pages: list[str] = []
        elif isinstance(response, TextResponse):
            links, pages = self.listing_links(response)
        else:
            self.logger.warning("Listing %s is neither HTML nor a feed; ignored", response.url)
            return
        if not links:
            self.logger.warning("No article links on %s (check the adapter for kind %r)", response.url, self.source.kind)
        for url in links:
            request = self.article_request(url)
            if request is not None:
                yield request
        for url in pages:
            yield self.listing_request(url)

    def listing_links(self, response: TextResponse) -> tuple[list[str], list[str]]:
        """Article URLs in the listing region (whole page if the region has none), and further listing pages."""
        articles = [link.url for link in self._article_links.extract_links(response)]
        if not articles and self.adapter.listing_selector:
            articles = [link.url for link in self._article_links_anywhere.extract_links(response)]
        pages: list[str] = []
        if self.adapter.pagination and self._next_links is not None:
            pages = [link.url for link in self._next_links.extract_links(response)]
        if self.adapter.pagination and self._follow_links is not None:
            pages += [link.url for link in self._follow_links.extract_links(response)]
        article_set = set(articles)
        pages = [u for u in dict.fromkeys(pages) if u not in article_set and u != response.url]
        return list(dict.fromkeys(articles)), pages
