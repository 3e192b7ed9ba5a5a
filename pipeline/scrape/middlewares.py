"""Transport concerns the stock Scrapy components leave out: back-off, and resumable dedupe.

Scrapy's RetryMiddleware retries 5xx and 429 at once (it re-schedules the request
with no delay) and ignores ``Retry-After``. A crawler of public-sector sites must back
off instead: :class:`RetryAfterMiddleware` waits for the server's ``Retry-After``
(seconds or an HTTP date) or an exponential back-off before the retry, slows the
whole host down after a 429/503, and gives up when a server asks for an
unreasonably long pause.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from w3lib.url import canonicalize_url

log = logging.getLogger(__name__)

OVERLOAD_CODES = {429, 503}  # the server says "slow down", not "I broke"


def parse_retry_after(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header value; None if absent or unreadable."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retry with back-off; honour Retry-After; replaces Scrapy's RetryMiddleware at 550."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("PRESSMINE_RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("PRESSMINE_RETRY_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("PRESSMINE_RETRY_AFTER_MAX", 600.0)
        self.max_delay = settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 60.0)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RetryAfterMiddleware":
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    def backoff(self, request: Any) -> float:
        """Exponential back-off: base, 2*base, 4*base ... capped."""
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff_max, self.backoff_base * (2**attempt))

    async def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        stats = self.crawler.stats
        retry_after = parse_retry_after(response.headers.get(b"Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            stats.inc_value("pressmine/retry_after_too_long")
            log.warning("Not retrying %s: Retry-After %.0f s exceeds %.0f s", request.url, retry_after, self.retry_after_max)
            return response
        retry = self._retry_request(request, response_status_message(response.status))
        if retry is None:
            return response
        wait = retry_after if retry_after is not None else self.backoff(request)
        if response.status in OVERLOAD_CODES:
            self._slow_down_host(request, wait)
        if retry_after is not None:
            stats.inc_value("pressmine/retry_after_honoured")
        await self._sleep(wait)
        return retry

    async def process_exception(self, request: Any, exception: Exception, spider: Any = None) -> Any:
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry_request(request, exception)
        if retry is not None:
            await self._sleep(self.backoff(request))
        return retry

    def _retry_request(self, request: Any, reason: Any) -> Any:
        return get_retry_request(
            request,
            reason=reason,
            spider=self.crawler.spider,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
        )

    def _slow_down_host(self, request: Any, wait: float) -> None:
        """Raise the host's download delay (AutoThrottle lowers it again as responses come)."""
        downloader = getattr(getattr(self.crawler, "engine", None), "downloader", None)
        slots = getattr(downloader, "slots", None)
        get_key = getattr(downloader, "get_slot_key", None)
        if not slots or get_key is None:
            return
        try:
            slot = slots.get(get_key(request))
        except TypeError:  # older Scrapy signatures
            return
        if slot is not None:
            slot.delay = max(slot.delay, min(wait, self.max_delay))

    @staticmethod
    async def _sleep(seconds: float) -> None:
        if seconds <= 0:
            return
        from twisted.internet import (  # imported late: Scrapy installs the reactor first
            reactor,
            task,
        )

        await maybe_deferred_to_future(task.deferLater(reactor, seconds, lambda: None))


class ArticleDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, except that article URLs are remembered in memory only.

    With a JOBDIR, Scrapy persists every request it has seen; an article request that
    was in flight when a run was interrupted would then never be made again. The
    manifest is the durable record of fetched articles, so only listing pages (whose
    pagination the resumed queue continues) are persisted here.
    """

    def request_seen(self, request: Any) -> bool:
        if request.meta.get("pressmine_role") != "article":
            return super().request_seen(request)
        seen = self.__dict__.setdefault("_article_urls", set())
        key = canonicalize_url(request.url)
        if key in seen:
            if request.meta.get("redirect_urls"):
                chain = " -> ".join([*request.meta["redirect_urls"], request.url])
                log.warning("Gave up %s: its redirects (%s) lead to an address already requested (a redirect loop, "
                            "or a second address of one page)", request.meta["redirect_urls"][0], chain)
            return True
        seen.add(key)
        return False
