"""Unit tests of the scrape stage's parts that need no server: registry, adapters, store, retries."""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse

from pipeline.platforms import LISTING_ADAPTERS, adapter_for
from pipeline.rawstore import (
    MANIFEST_KEYS,
    RawPage,
    RawStore,
    SkippedPage,
    declared_encoding,
    read_manifests,
)
from pipeline.scrape import cli
from pipeline.scrape.middlewares import parse_retry_after
from pipeline.scrape.settings import crawler_settings, parse_override, user_agent
from pipeline.scrape.sources import (
    KINDS,
    SourceError,
    load_sources,
    parse_source,
    select_sources,
)
from pipeline.scrape.spiders import spider_for
from pipeline.scrape.spiders.listing import ListingSpider, feed_links, is_feed
from pipeline.scrape.state import load_state
from pipeline.scrape.topic import load_keywords, matching_keywords

REPO = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "fixtures" / "site"
RESOURCES = REPO / "pipeline" / "resources"

GOOD = {
    "id": "ok",
    "name": "OK",
    "kind": "sitevision",
    "start_urls": ["https://www.example.se/nyheter.html"],
    "allowed_domains": ["example.se"],
    "publisher": "Exempels kommun",
    "region_code": "0114",
}


def write_sources(tmp_path: Path, *entries: dict) -> Path:
    lines = []
    for entry in entries:
        lines.append("[[source]]")
        lines += [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in entry.items()]
    path = tmp_path / "sources.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- registry


def test_shipped_registry_is_valid_and_canonical():
    sources = load_sources(REPO / "sources.toml")
    assert len(sources) >= 20
    with (RESOURCES / "municipalities.csv").open(encoding="utf-8") as fh:
        municipalities = {row["code"]: row["body"] for row in csv.DictReader(fh)}
    with (RESOURCES / "counties.csv").open(encoding="utf-8") as fh:
        boards = {row["code"]: row["board"] for row in csv.DictReader(fh)}
    for source in sources:
        expected = municipalities.get(source.region_code) or boards.get(source.region_code)
        assert source.publisher == expected, source.id
        assert all(url.startswith("https://") for url in source.start_urls), source.id
    ids = {s.id for s in sources}
    assert {"karlshamn", "lysekil", "hylte", "alingsas", "lst-kronoberg"} <= ids  # the seed publishers
    assert {s.kind for s in sources} >= {"sitevision", "mynewsdesk", "lansstyrelsen", "feed", "sitemap", "generic"}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "wordpress"}, "kind 'wordpress'"),
        ({"region_code": "1"}, "region_code"),
        ({"start_urls": ["https://elsewhere.se/"]}, "outside allowed_domains"),
        ({"start_urls": ["ftp://example.se/"]}, "not an http"),
        ({"allowed_domains": ["https://example.se"]}, "host name"),
        ({"article_pattern": "("}, "bad regular expression"),
        ({"max_pages": 0}, "max_pages"),
        ({"max_pages": "10"}, "must be a int"),
        ({"topic_filter": "yes"}, "must be a bool"),
        ({"id": "Bad Id"}, "id must be"),
        ({"selector": "a"}, "unknown key(s) selector"),
        ({"publisher": " "}, "'publisher' is empty"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message(change, message):
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_source({**GOOD, **change}, "test")


def test_missing_key_duplicate_id_and_selection(tmp_path):
    broken = {k: v for k, v in GOOD.items() if k != "publisher"}
    with pytest.raises(SourceError, match="missing required key 'publisher'"):
        load_sources(write_sources(tmp_path, broken))
    with pytest.raises(SourceError, match="duplicate id 'ok'"):
        load_sources(write_sources(tmp_path, GOOD, GOOD))
    sources = load_sources(write_sources(tmp_path, GOOD, {**GOOD, "id": "two"}))
    assert [s.id for s in select_sources(sources, ["two"])] == ["two"]
    assert len(select_sources(sources, None)) == 2
    with pytest.raises(SourceError, match="unknown source id"):
        select_sources(sources, ["three"])
    with pytest.raises(SourceError, match="no such sources file"):
        load_sources(tmp_path / "missing.toml")


def test_cli_reports_a_bad_registry(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    cli.configure_parser(parser)
    path = write_sources(tmp_path, {**GOOD, "kind": "nope"})
    assert cli.run(parser.parse_args(["--sources", str(path), "--raw", str(tmp_path / "raw")])) == 2
    assert "kind 'nope'" in capsys.readouterr().err


def test_sources_on_one_host_run_one_after_the_other(tmp_path):
    a = {**GOOD, "id": "a", "start_urls": ["https://www.mynewsdesk.com/se/a/pressreleases"], "allowed_domains": ["mynewsdesk.com"]}
    b = {**a, "id": "b", "start_urls": ["https://www.mynewsdesk.com/se/b/pressreleases"]}
    c = {**GOOD, "id": "c"}
    groups = cli.host_groups(load_sources(write_sources(tmp_path, a, c, b)))
    assert [[s.id for s in g] for g in groups] == [["a", "b"], ["c"]]


# --------------------------------------------------------------------------- settings


def test_settings_are_polite_and_capped(tmp_path, monkeypatch):
    monkeypatch.delenv("PRESSMINE_USER_AGENT", raising=False)
    monkeypatch.setenv("PRESSMINE_CONTACT", "data@example.org")
    source = parse_source({**GOOD, "max_pages": 50})
    settings = crawler_settings(source, tmp_path, overrides={"DOWNLOAD_DELAY": 0})
    assert settings["ROBOTSTXT_OBEY"] and settings["AUTOTHROTTLE_ENABLED"]
    assert settings["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    assert 429 in settings["RETRY_HTTP_CODES"] and 503 in settings["RETRY_HTTP_CODES"]
    assert settings["DOWNLOAD_MAXSIZE"] <= 10 * 1024 * 1024 and settings["REDIRECT_MAX_TIMES"] <= 5
    assert settings["CLOSESPIDER_PAGECOUNT"] == 50
    assert crawler_settings(source, tmp_path, max_pages=10)["CLOSESPIDER_PAGECOUNT"] == 10
    assert settings["JOBDIR"] == str(tmp_path / ".scrapy" / "ok" / "job")
    assert settings["DOWNLOAD_DELAY"] == 0
    assert settings["USER_AGENT"].startswith("pressmine/") and "contact: data@example.org" in settings["USER_AGENT"]
    assert user_agent("custom/1.0") == "custom/1.0"
    monkeypatch.setenv("PRESSMINE_USER_AGENT", "env-agent/2")
    assert user_agent() == "env-agent/2"
    assert parse_override("RETRY_TIMES=5") == ("RETRY_TIMES", 5)
    assert parse_override("LOG_FILE=a.log") == ("LOG_FILE", "a.log")
    with pytest.raises(ValueError):
        parse_override("novalue")


def test_retry_after_values():
    now = datetime(2024, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(b"120") == 120.0
    assert parse_retry_after("Mon, 01 Jan 2024 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Mon, 01 Jan 2024 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None


# --------------------------------------------------------------------------- adapters and spiders


def response(path: str, url: str) -> HtmlResponse:
    body = (SITE / path).read_bytes().replace(b"{{base}}", b"http://127.0.0.1:8").replace(b"{{other}}", b"http://localhost:8")
    cls = XmlResponse if path.endswith(".xml") else HtmlResponse
    return cls(url=url, body=body, encoding="utf-8", request=Request(url))


def spider(kind: str, **overrides: object) -> ListingSpider:
    source = parse_source({**GOOD, "kind": kind, "start_urls": ["http://127.0.0.1:8/"], "allowed_domains": ["127.0.0.1"], **overrides})
    return ListingSpider(source)


def test_every_kind_has_a_spider_and_adapter():
    for kind in KINDS:
        assert kind in LISTING_ADAPTERS
        assert spider_for(parse_source({**GOOD, "kind": kind})) is not None


def test_sitevision_listing_links_and_pagination():
    links, pages = spider("sitevision").listing_links(response("kommun/nyheter.html", "http://127.0.0.1:8/kommun/nyheter.html"))
    paths = [u.replace("http://127.0.0.1:8", "") for u in links]
    assert "/kommun/nyheter/2024/2024-03-01-nytt-integrationsprojekt.html" in paths
    assert "/kommun/kontakt.html" not in paths and not any("sok" in p for p in paths)
    assert "http://localhost:8/kommun/nyheter/2024/2024-01-25-extern.html" in links  # left to OffsiteMiddleware
    assert pages == ["http://127.0.0.1:8/kommun/nyheter.html?page=2"]


def test_mynewsdesk_and_lansstyrelsen_listings():
    links, pages = spider("mynewsdesk").listing_links(response("se/testrum/pressreleases.html", "http://127.0.0.1:8/se/testrum/pressreleases"))
    assert len(links) == 2 and all(u.rsplit("-", 1)[1].isdigit() for u in links)
    assert pages == ["http://127.0.0.1:8/se/testrum/pressreleases?page=2"]
    url = "http://127.0.0.1:8/testlan/om-oss/nyheter-och-press.html"
    links, pages = spider("lansstyrelsen").listing_links(response("testlan/om-oss/nyheter-och-press.html", url))
    assert len(links) == 2 and not any("presskontakt" in u for u in links)
    assert pages == ["http://127.0.0.1:8/testlan/om-oss/nyheter-och-press/arkiv-nyheter-2023.html"]


def test_source_overrides_replace_adapter_defaults():
    source = parse_source({**GOOD, "article_pattern": r"/pressmeddelanden/", "listing_selector": ".news", "deny_patterns": [r"/gammalt/"]})
    adapter = adapter_for(source)
    assert adapter.article_pattern == r"/pressmeddelanden/" and adapter.listing_selector == ".news"
    assert r"/gammalt/" in adapter.deny_patterns and adapter.next_selector == LISTING_ADAPTERS["sitevision"].next_selector


def test_feed_links_rss_and_atom():
    rss = response("rss/nyheter.xml", "http://127.0.0.1:8/rss/nyheter.xml")
    assert is_feed(rss)
    assert [u.rsplit("/", 1)[1] for u in feed_links(rss)] == [
        "2024-05-02-motesplats-oppnar.html", "2024-05-01-sommarjobb.html", "2024-04-30-annan-webbplats.html"]
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
<entry><title>a</title><link rel="alternate" href="/nyheter/2024-01-02-a.html"/><link rel="enclosure" href="/a.jpg"/></entry>
<entry><title>b</title><link href="https://example.se/nyheter/2024-01-01-b.html"/></entry></feed>"""
    atom_response = XmlResponse(url="https://example.se/feed", body=atom, request=Request("https://example.se/feed"))
    assert is_feed(atom_response)
    assert feed_links(atom_response) == ["https://example.se/nyheter/2024-01-02-a.html", "https://example.se/nyheter/2024-01-01-b.html"]
    assert not is_feed(response("kommun/nyheter.html", "http://127.0.0.1:8/kommun/nyheter.html"))


# --------------------------------------------------------------------------- store and manifest


def page(url: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> RawPage:
    return RawPage(source_id="s", url=url, final_url=url, status=200, headers={"content-type": content_type, "etag": '"1"'}, body=body)


def test_store_writes_unchanged_bytes_and_never_overwrites(tmp_path):
    store = RawStore(tmp_path, "s", "Exempels kommun", "0114")
    outcome, row = store.store(page("https://example.se/a.html", b"<html>one</html>"))
    assert outcome == "stored" and set(MANIFEST_KEYS) <= set(row)
    first = tmp_path / row["file"]
    assert first.read_bytes() == b"<html>one</html>"
    assert store.store(page("https://example.se/a.html", b"<html>one</html>")) == ("unchanged", None)
    outcome, changed = store.store(page("https://example.se/a.html", b"<html>two</html>"))
    assert outcome == "stored" and changed["file"] != row["file"]
    assert first.read_bytes() == b"<html>one</html>"  # the old file is immutable
    assert changed["sha256"] == hashlib.sha256(b"<html>two</html>").hexdigest()
    latest = read_manifests(tmp_path)
    assert set(latest) == {row["file"], changed["file"]}
    assert not list(tmp_path.rglob(".tmp-*"))
    store.skip(SkippedPage("s", "https://example.se/b.html", "https://example.se/b.html", "off_topic"))
    state = load_state(tmp_path, "s")
    assert state.is_known("https://example.se/a.html") and state.is_known("https://example.se/b.html")
    assert not load_state(tmp_path, "s", topic_filter=False).is_known("https://example.se/b.html")


def test_read_manifests_tolerates_a_torn_line_and_missing_files(tmp_path):
    store = RawStore(tmp_path, "s", "P", "0114")
    _, row = store.store(page("https://example.se/a.html", b"a"))
    with (tmp_path / "s" / "manifest.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({**row, "file": "s/gone.html"}) + "\n")
        fh.write('{"file": "s/half')
    assert list(read_manifests(tmp_path)) == [row["file"]]


def test_declared_encoding_from_header_meta_or_xml():
    assert declared_encoding("text/html; charset=Windows-1252", b"") == "windows-1252"
    assert declared_encoding("text/html", b'<html><head><meta charset="ISO-8859-1">') == "iso-8859-1"
    cp1252 = (SITE / "kommun/nyheter/2024/2024-02-01-sprakcafe.html").read_bytes()
    assert declared_encoding(None, cp1252) == "windows-1252"
    assert declared_encoding("application/xml", b'<?xml version="1.0" encoding="UTF-8"?><rss/>') == "utf-8"
    assert declared_encoding("text/html", b"<html><p>nothing declared</p>") is None


# --------------------------------------------------------------------------- topic filter


def test_topic_keywords_match_stems_and_compounds():
    keywords = load_keywords()
    assert "flykting" in keywords and "nyanlända" in keywords and "asylsökande" in keywords
    assert matching_keywords("Kommunen tar emot fler kvotflyktingar", keywords) == ["flykting"]
    assert "integration" in matching_keywords("Bidrag till INTEGRATIONSPROJEKT", keywords)
    assert matching_keywords("Älgjakten startar i södra länet", keywords) == []
