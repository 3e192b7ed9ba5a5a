"""Every Scrapy setting the scrape stage uses, with its default and the reason for it.

The defaults are for crawling public-sector sites politely: one request at a time per
host, adaptive delays, robots.txt obeyed, bounded sizes and depths. Tests and
operators change them through :func:`crawler_settings`' ``overrides`` (the CLI's
``--set KEY=VALUE``), never by editing spiders.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pipeline import __version__

from .sources import Source

PROJECT_URL = "https://github.com/pressmine/pressmine"
DEFAULT_CONTACT = "pressmine@users.noreply.github.com"
USER_AGENT_ENV = "PRESSMINE_USER_AGENT"  # the whole User-Agent string
CONTACT_ENV = "PRESSMINE_CONTACT"  # only the contact part (an e-mail address or URL)


def user_agent(explicit: str | None = None) -> str:
    """``--user-agent``, else $PRESSMINE_USER_AGENT, else one naming the project and $PRESSMINE_CONTACT."""
    if explicit:
        return explicit
    if os.environ.get(USER_AGENT_ENV):
        return os.environ[USER_AGENT_ENV]
    contact = os.environ.get(CONTACT_ENV) or DEFAULT_CONTACT
    return f"pressmine/{__version__} (+{PROJECT_URL}; contact: {contact})"


BASE_SETTINGS: dict[str, Any] = {
    # --- who we are and what we obey
    "BOT_NAME": "pressmine",
    "USER_AGENT": user_agent(),  # replaced per run by crawler_settings()
    "ROBOTSTXT_OBEY": True,  # robots.txt is fetched per host and obeyed for our product token
    "COOKIES_ENABLED": False,  # news pages need no session; cookies only make runs differ
    "TELNETCONSOLE_ENABLED": False,  # opens a local port otherwise
    "REMOTE_CONTROL_ENABLED": False,  # same (Scrapy >= 2.19's remote control HTTP server)
    # --- politeness: one request at a time per host, delay adapted to the server's latency
    # One request at a time per crawler (a crawler is one source, normally one host):
    # pending requests then wait in the scheduler, which JOBDIR persists, instead of in
    # the downloader's memory, so page caps are exact and an interruption loses nothing.
    "CONCURRENT_REQUESTS": 1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": 1.0,  # seconds; AutoThrottle never goes below this
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 2.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_TIMEOUT": 30,
    # --- retries: 5xx and 429 with exponential back-off, honouring Retry-After
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 3,  # attempts after the first
    "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
    "PRESSMINE_RETRY_BACKOFF_BASE": 2.0,  # seconds before the 1st retry; doubled each time
    "PRESSMINE_RETRY_BACKOFF_MAX": 120.0,  # longest back-off we compute ourselves
    "PRESSMINE_RETRY_AFTER_MAX": 600.0,  # a longer Retry-After means: give up on this URL for now
    # --- safety caps
    "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,  # a press release is never 10 MiB; refuse bigger bodies
    "DOWNLOAD_WARNSIZE": 2 * 1024 * 1024,
    "REDIRECT_MAX_TIMES": 5,
    "METAREFRESH_MAXDELAY": 5,  # follow only instant meta refreshes (moved pages), not timed ones
    "DEPTH_LIMIT": 60,  # listing pagination depth; article pages sit one level below
    "CLOSESPIDER_PAGECOUNT": 0,  # pages per source per run; set from max_pages / --max-pages
    "PRESSMINE_DEFAULT_MAX_PAGES": 2000,  # when neither the source nor the CLI gives one
    # --- optional HTTP cache (development: re-run parsers without hitting the sites)
    "HTTPCACHE_ENABLED": False,
    "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
    "HTTPCACHE_IGNORE_HTTP_CODES": [429, 500, 502, 503, 504],
    # --- components
    "DOWNLOADER_MIDDLEWARES": {
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "pipeline.scrape.middlewares.RetryAfterMiddleware": 550,
    },
    "DUPEFILTER_CLASS": "pipeline.scrape.middlewares.ArticleDupeFilter",
    "ITEM_PIPELINES": {"pipeline.scrape.store.RawStorePipeline": 300},
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",  # silences a warning on Scrapy < 2.12
    "LOG_LEVEL": "INFO",
    "LOG_FORMAT": "%(asctime)s %(levelname)s %(name)s: %(message)s",
}


def crawler_settings(
    source: Source,
    raw_dir: Path,
    *,
    agent: str | None = None,
    max_pages: int | None = None,
    topic_filter: bool | None = None,
    http_cache: bool = False,
    log_level: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The settings of one source's crawler: base settings, the source's caps, the run's options.

    ``JOBDIR`` lives under ``raw_dir/.scrapy/<source id>/job`` so that an interrupted run
    resumes its queue; the CLI deletes it after a run that finished.
    """
    raw_dir = Path(raw_dir)
    settings = dict(BASE_SETTINGS)
    pages = max_pages or source.max_pages or settings["PRESSMINE_DEFAULT_MAX_PAGES"]
    if max_pages and source.max_pages:
        pages = min(max_pages, source.max_pages)
    settings.update(
        {
            "USER_AGENT": user_agent(agent),
            "CLOSESPIDER_PAGECOUNT": pages,
            "JOBDIR": str(job_dir(raw_dir, source.id)),
            "PRESSMINE_RAW_DIR": str(raw_dir),
            "PRESSMINE_TOPIC_FILTER": source.topic_filter if topic_filter is None else topic_filter,
            "HTTPCACHE_ENABLED": http_cache,
            "HTTPCACHE_DIR": str((raw_dir / ".scrapy" / "httpcache").resolve()),
        }
    )
    if log_level:
        settings["LOG_LEVEL"] = log_level.upper()
    for key, value in (overrides or {}).items():
        settings[key] = value
    return settings


def job_dir(raw_dir: Path, source_id: str) -> Path:
    return Path(raw_dir) / ".scrapy" / source_id / "job"


def parse_override(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` from the command line; VALUE as JSON when it parses (numbers, lists), else a string."""
    import json

    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key.strip(), json.loads(value)
    except json.JSONDecodeError:
        return key.strip(), value
