"""What every source spider shares: the source, its history, article requests and article pages.

Spiders only *find* article URLs and hand article responses on as :class:`RawPage`
items; storing is the item pipeline's job (``store.py``), transport the middlewares'.
Known article URLs (from earlier runs' manifests) are never requested again.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError

from pipeline.platforms import ListingAdapter, adapter_for
from pipeline.rawstore import RawPage, SkippedPage, declared_encoding

from ..sources import Source
from ..state import SourceState, load_state, save_validators

HTML_TYPES = ("text/html", "application/xhtml+xml")
GONE = (404, 410)  # article statuses not worth asking for again


class SourceSpiderMixin:
    """Mixed into a Scrapy spider class; ``__init__`` takes the :class:`Source`."""

    source: Source
    adapter: ListingAdapter
    history: SourceState  # not "state": Scrapy's SpiderState extension owns that name
    crawler: Any
    logger: Any

    def _setup_source(self, source: Source) -> None:
        self.source = source
        self.adapter = adapter_for(source)
        self.allowed_domains = list(source.allowed_domains)  # enforced by Scrapy's OffsiteMiddleware
        self._deny = [re.compile(p) for p in self.adapter.deny_patterns]
        self.history = SourceState()
        self.new_validators: dict[str, dict] = {}

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)  # type: ignore[misc]
        spider.raw_dir = Path(crawler.settings.get("PRESSMINE_RAW_DIR", "data/raw"))
        spider.topic_filter = crawler.settings.getbool("PRESSMINE_TOPIC_FILTER", False)
        spider.history = load_state(spider.raw_dir, spider.source.id, topic_filter=spider.topic_filter)
        return spider

    # --- requests

    def resuming(self) -> bool:
        """True when this run continues an interrupted one (its queue was restored from JOBDIR).

        A resumed run does not start over from its start URLs: the restored queue
        already holds what the interrupted run had still to fetch.
        """
        state = getattr(self, "state", None)  # Scrapy's SpiderState, persisted in JOBDIR
        if not isinstance(state, dict):
            return False
        resumed = bool(state.get("pressmine_in_progress"))
        state["pressmine_in_progress"] = True
        return resumed

    def denied(self, url: str) -> bool:
        return any(p.search(url) for p in self._deny)

    def article_request(self, url: str) -> scrapy.Request | None:
        """A request for an article page, or None when the URL is known or denied."""
        stats = self.crawler.stats
        if self.history.is_known(url):
            stats.inc_value("pressmine/skipped_known")
            return None
        if self.denied(url):
            stats.inc_value("pressmine/skipped_denied")
            return None
        stats.inc_value("pressmine/article_requests")
        return scrapy.Request(url, callback=self.parse_article, errback=self.on_error, meta={"pressmine_role": "article"})

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since from the last finished run, for listing pages and feeds."""
        known = self.history.validators.get(url) or {}
        headers = {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return headers

    def remember_validators(self, response: Response) -> None:
        etag = _header(response, "ETag")
        last_modified = _header(response, "Last-Modified")
        if etag or last_modified:
            self.new_validators[response.request.url] = {"etag": etag, "last_modified": last_modified}

    # --- responses

    def parse_article(self, response: Response) -> Iterator[Any]:
        """Hand the article page on unchanged, unless it is not HTML or (filter on) off-topic."""
        stats = self.crawler.stats
        url = response.meta.get("redirect_urls", [response.url])[0]
        self.history.known_urls.update({url, response.url})
        content_type = _header(response, "Content-Type") or ""
        if content_type and not content_type.split(";")[0].strip().lower() in HTML_TYPES:
            stats.inc_value("pressmine/skipped_not_html")
            return
        if self.topic_filter and not self._on_topic(response, url, content_type):
            yield SkippedPage(self.source.id, url, response.url, "off_topic")
            return
        yield RawPage(
            source_id=self.source.id,
            url=url,
            final_url=response.url,
            status=response.status,
            headers=_headers(response),
            body=response.body,
        )

    def _on_topic(self, response: Response, url: str, content_type: str) -> bool:
        from ..topic import is_on_topic

        return is_on_topic(response.body, response.url, declared_encoding(content_type, response.body))

    def on_error(self, failure: Any) -> Iterator[SkippedPage]:
        """Count failed requests: HTTP errors and network failures are errors; robots/offsite are not.

        An article that is gone (404/410) is remembered as skipped, so later runs do not
        ask for it again.
        """
        stats = self.crawler.stats
        request = getattr(failure, "request", None)
        is_article = request is not None and request.meta.get("pressmine_role") == "article"
        first_url = request.meta.get("redirect_urls", [request.url])[0] if request is not None else ""
        if failure.check(HttpError):
            response = failure.value.response
            stats.inc_value("pressmine/errors")
            stats.inc_value(f"pressmine/http_error/{response.status}")
            self.logger.warning("HTTP %s for %s", response.status, response.url)
            if is_article and response.status in GONE:
                yield SkippedPage(self.source.id, first_url, response.url, f"http_{response.status}")
        elif failure.check(IgnoreRequest):
            stats.inc_value("pressmine/ignored")
        else:
            stats.inc_value("pressmine/errors")
            self.logger.warning("Failed %s: %s", request.url if request is not None else "?",
                                failure.getErrorMessage() or failure.type.__name__)

    def closed(self, reason: str) -> None:
        """After a finished run, keep the listing validators for the next run's conditional GETs."""
        if reason == "finished" and self.new_validators:
            merged = {**self.history.validators, **self.new_validators}
            save_validators(self.raw_dir, self.source.id, merged)



def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _headers(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1").lower(): ", ".join(v.decode("latin-1") for v in values)
        for key, values in response.headers.items()
    }
