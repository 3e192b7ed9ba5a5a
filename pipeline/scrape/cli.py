"""``python -m pipeline scrape``: crawl the registry's sources into the raw folder.

All crawlers run in one Scrapy CrawlerProcess. Sources whose start URLs share a host
run one after the other (so a host never sees two of our requests at once, even
across sources); different hosts run side by side. A source whose run finished has
its job folder removed; one that was interrupted or stopped by its page cap keeps it,
and the next run resumes its queue.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import shutil
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .settings import crawler_settings, job_dir, parse_override
from .sources import Source, SourceError, load_sources, select_sources

log = logging.getLogger(__name__)


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the scrape stage's options to ``parser``."""
    parser.add_argument("--sources", type=Path, default=Path("sources.toml"), help="source registry (TOML, [[source]] tables)")
    parser.add_argument("--source", action="append", dest="source", metavar="ID", help="crawl only this source (repeatable)")
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="raw folder; pages go to RAW/<source id>/")
    parser.add_argument("--max-pages", type=int, default=None, help="cap on pages fetched per source in this run")
    parser.add_argument("--user-agent", default=None, help="User-Agent (default: $PRESSMINE_USER_AGENT or one naming pressmine and $PRESSMINE_CONTACT)")
    parser.add_argument(
        "--topic-filter",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="keep only articles matching topic keywords (default: each source's topic_filter)",
    )
    parser.add_argument("--http-cache", action="store_true", help="enable Scrapy's HTTP cache under RAW/.scrapy/httpcache")
    parser.add_argument("--log-level", default="INFO", help="Scrapy log level (DEBUG, INFO, WARNING, ...)")
    parser.add_argument("-s", "--set", action="append", dest="settings", default=[], metavar="KEY=VALUE", help="override a Scrapy setting")


def run(args: argparse.Namespace) -> int:
    """Crawl the selected sources; print a per-source summary. 0 on success, 2 on bad input."""
    try:
        sources = select_sources(load_sources(args.sources), getattr(args, "source", None))
        overrides = dict(parse_override(item) for item in (getattr(args, "settings", None) or []))
    except (SourceError, ValueError) as exc:
        print(f"scrape: {exc}", file=sys.stderr)
        return 2
    options = {
        "agent": getattr(args, "user_agent", None),
        "max_pages": getattr(args, "max_pages", None),
        "topic_filter": getattr(args, "topic_filter", None),
        "http_cache": getattr(args, "http_cache", False),
        "log_level": getattr(args, "log_level", None),
        "overrides": overrides,
    }
    results = crawl(sources, Path(args.raw), **options)
    print(format_summary(results))
    return 1 if any(r.get("finish_reason") is None for r in results.values()) else 0


def host_groups(sources: list[Source]) -> list[list[Source]]:
    """Sources grouped by the host of their first start URL, registry order kept."""
    groups: OrderedDict[str, list[Source]] = OrderedDict()
    for source in sources:
        host = (urlsplit(source.start_urls[0]).hostname or "").lower()
        groups.setdefault(host, []).append(source)
    return list(groups.values())


def crawl(sources: list[Source], raw_dir: Path, **options: Any) -> dict[str, dict]:
    """Run every source's crawler in one process; return a summary per source id."""
    from scrapy.crawler import CrawlerProcess
    from twisted.internet import defer

    from .spiders import spider_for

    raw_dir.mkdir(parents=True, exist_ok=True)
    base = crawler_settings(sources[0], raw_dir, **options) if sources else {}
    process_settings = {k: base[k] for k in ("BOT_NAME", "LOG_LEVEL", "LOG_FORMAT", "TELNETCONSOLE_ENABLED", "REMOTE_CONTROL_ENABLED") if k in base}
    # Under `python -m pipeline`, logging is already set up: log through its handler, not a second one.
    has_handler = bool(logging.getLogger().handlers)
    process = CrawlerProcess(settings=process_settings, install_root_handler=not has_handler)
    if has_handler and "LOG_LEVEL" in base:
        for name in ("scrapy", "pipeline.scrape"):
            logging.getLogger(name).setLevel(base["LOG_LEVEL"])
    results: dict[str, dict] = {s.id: {"finish_reason": None} for s in sources}
    interrupted = False

    @defer.inlineCallbacks
    def run_group(group: list[Source]):  # type: ignore[no-untyped-def]
        nonlocal interrupted
        for source in group:
            if interrupted:
                return
            settings = crawler_settings(source, raw_dir, **options)
            spidercls = type(f"{spider_for(source).__name__}_{source.id}", (spider_for(source),), {"custom_settings": settings})
            crawler = process.create_crawler(spidercls)
            try:
                yield process.crawl(crawler, source=source)
            except Exception:  # a crawler that could not start: report it, go on with the others
                log.exception("Source %s failed to run", source.id)
                continue
            stats = dict(crawler.stats.get_stats() or {})
            results[source.id] = summarize(stats)
            reason = stats.get("finish_reason")
            if reason == "finished":
                shutil.rmtree(job_dir(raw_dir, source.id), ignore_errors=True)
                with contextlib.suppress(OSError):
                    job_dir(raw_dir, source.id).parent.rmdir()  # only if empty
            elif reason == "shutdown":
                interrupted = True

    def stop(_: Any) -> None:
        from twisted.internet import reactor

        if reactor.running:
            reactor.stop()

    if sources:
        groups = [run_group(group) for group in host_groups(sources)]
        defer.DeferredList(groups).addBoth(stop)
        process.start(stop_after_crawl=False)
    return results


def summarize(stats: dict[str, Any]) -> dict[str, Any]:
    """The few numbers a person wants after a run, from Scrapy's crawl stats."""
    return {
        "finish_reason": stats.get("finish_reason"),
        "pages": stats.get("downloader/response_count", 0),
        "listings": stats.get("pressmine/listing_pages", 0),
        "not_modified": stats.get("pressmine/listing_not_modified", 0),
        "stored": stats.get("pressmine/stored", 0),
        "unchanged": stats.get("pressmine/unchanged", 0),
        "known": stats.get("pressmine/skipped_known", 0),
        "off_topic": stats.get("pressmine/skipped_off_topic", 0),
        "robots": stats.get("robotstxt/forbidden", 0),
        "offsite": stats.get("offsite/filtered", 0),
        "retries": stats.get("retry/count", 0),
        "errors": stats.get("pressmine/errors", 0),
    }


def format_summary(results: dict[str, dict]) -> str:
    columns = ["pages", "stored", "known", "unchanged", "off_topic", "robots", "offsite", "retries", "errors"]
    width = max([len("source")] + [len(k) for k in results])
    lines = ["  ".join(["source".ljust(width)] + [c.rjust(9) for c in columns] + ["finish"])]
    for source_id, result in results.items():
        cells = [str(result.get(c, "-")).rjust(9) for c in columns]
        lines.append("  ".join([source_id.ljust(width)] + cells + [str(result.get("finish_reason") or "did not run")]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.scrape", description=__doc__.splitlines()[0])
    configure_parser(parser)
    return run(parser.parse_args(argv))
