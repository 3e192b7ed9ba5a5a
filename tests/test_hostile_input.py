"""Hostile input to the scraper and the parser, served by the fixture site on 127.0.0.1.

One crawl meets all of it: XML entity expansion ("billion laughs") and external
entities in feeds and a sitemap, a gzip bomb as ``sitemap.xml.gz`` and as a
gzip-encoded page, bodies far over the size cap (with a Content-Length that lies, and
with none), a redirect loop, a server that sends a byte a second, links whose paths
would escape the raw folder if they named files, and HTML nested 100,000 levels deep.
Each must cost bounded time and memory, say what happened in one log line, and write
nothing outside the raw store.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from fixture_site import FAST, REPO, FixtureSite

from pipeline.document import RejectedInput
from pipeline.parse import parse_file
from pipeline.rawstore import read_manifests

MAX_BYTES = 1024 * 1024  # the crawl's size cap here (10 MiB by default)
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads the crawl's peak memory from /proc")
H = "/h/nyheter"
TEXT = ("Tomtebo kommun får 250 000 kronor från Länsstyrelsen för språkcaféer och samhällsorientering för "
        "nyanlända. – Vi är glada för beskedet, säger Vera Nyqvist, integrationssamordnare i Tomtebo kommun.")
ARTICLE = f"<html><head><title>Språkcafé</title></head><body><main><h1>Språkcafé i Tomtebo</h1><p>{TEXT}</p></main></body></html>"
LAUGHS = '<!ENTITY lol "lol">' + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1 or "") + ";") * 10}">' for i in range(1, 10))
ESCAPES = ["../../../../../../etc/2024-01-08-passwd.html", f"{H}/%2e%2e/%2e%2e/%2e%2e/2024-01-09-kodad.html",
           f"{H}/2024-01-10-..%2f..%2f..%2fsnedstreck.html", f"{H}/2024-01-11-\uff0e\uff0e\uff0fbred.html",
           f"{H}/2024-01-12-\u202ebaklanges.html", "file:///etc/2024-01-13-fil.html"]


def send(req, status: int, body: bytes, headers: dict[str, str], length: int | None = None) -> None:
    req.send_response(status)
    for name, value in headers.items():
        req.send_header(name, value)
    if length is not None:
        req.send_header("Content-Length", str(length))
    req.end_headers()
    req.wfile.write(body)


def stream(req, headers: dict[str, str], total: int, chunk: bytes, delay: float = 0.0, length: int | None = None) -> None:
    """Send up to ``total`` bytes of ``chunk`` after the headers, until the client hangs up."""
    req.close_connection = True
    try:
        send(req, 200, b"", {**headers, "Connection": "close"}, length)
        sent = 0
        while sent < total:
            req.wfile.write(chunk)
            req.wfile.flush()
            sent += len(chunk)
            time.sleep(delay)
    except OSError:  # the crawler gave up on us, as it should
        pass


def html(body: str) -> bytes:
    return f"<html><head><title>Nyheter</title></head><body><main>{body}</main></body></html>".encode()


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """256 MiB of zeros, gzip-compressed to a quarter of a megabyte."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    block = bytes(2**20)
    return b"".join([*(compressor.compress(block) for _ in range(256)), compressor.flush()])


def hostile_routes(site: FixtureSite, gzip_bomb: bytes, secret: Path) -> dict:
    xml = {"Content-Type": "application/xml; charset=utf-8"}
    page = {"Content-Type": "text/html; charset=utf-8"}
    xxe = (f'<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY net SYSTEM "{site.base}/h/xxe-probe">'
           '<!ENTITY % remote SYSTEM "' + site.base + '/h/xxe-dtd"> %remote;')
    item = f"<item><title>&lol9;&xxe;&net;</title><link>{site.base}{H}/2024-01-01-vanlig.html</link></item>"
    feed = f'<?xml version="1.0"?><!DOCTYPE rss [{LAUGHS}{xxe}]><rss version="2.0"><channel><title>&lol9;</title>{item}</channel></rss>'
    sitemap = (f'<?xml version="1.0"?><!DOCTYPE urlset [{LAUGHS}{xxe}]><urlset><url><loc>{site.base}{H}/2024-01-01-vanlig.html</loc>'
               '</url><url><loc>&lol9;&xxe;</loc></url></urlset>')
    links = ["2024-01-01-vanlig", "2024-01-02-ljuger", "2024-01-03-utan-langd", "2024-01-04-gzip-bomb", "2024-01-05-slinga",
             "2024-01-06-droppande", "2024-01-07-djup"]
    listing = "".join(f'<li><a href="{H}/{name}.html">{name}</a></li>' for name in links)
    listing += "".join(f'<li><a href="{href}">flykt</a></li>' for href in ESCAPES)
    deep = "<div>" * 100_000 + f'<a href="{H}/2024-01-14-djupt-lankad.html">djupt</a>'  # unclosed: as deep, half the bytes
    big = b"<html><body>" + b"<p>flyktingmottagande</p>" * 40
    return {
        "/h/feed.xml": lambda req: send(req, 200, feed.encode(), xml, len(feed.encode())),
        "/h/sitemap.xml": lambda req: send(req, 200, sitemap.encode(), xml, len(sitemap.encode())),
        "/h/sitemap.xml.gz": lambda req: send(req, 200, gzip_bomb, {"Content-Type": "application/x-gzip"}, len(gzip_bomb)),
        "/h/nyheter.html": lambda req: send(req, 200, html(f"<ul>{listing}</ul>"), page, len(html(f"<ul>{listing}</ul>"))),
        "/h/djup-lista.html": lambda req: send(req, 200, html(deep), page, len(html(deep))),
        f"{H}/2024-01-02-ljuger.html": lambda req: stream(req, page, 30 * MAX_BYTES, big, length=2000),
        f"{H}/2024-01-03-utan-langd.html": lambda req: stream(req, page, 30 * MAX_BYTES, big),
        f"{H}/2024-01-04-gzip-bomb.html": lambda req: send(req, 200, gzip_bomb, {**page, "Content-Encoding": "gzip"}, len(gzip_bomb)),
        f"{H}/2024-01-05-slinga.html": lambda req: send(req, 302, b"", {"Location": f"{H}/2024-01-05-slinga-2.html"}, 0),
        f"{H}/2024-01-05-slinga-2.html": lambda req: send(req, 302, b"", {"Location": f"{H}/2024-01-05-slinga.html"}, 0),
        f"{H}/2024-01-06-droppande.html": lambda req: stream(req, page, 60, b"x", delay=1.0, length=60),
        f"{H}/2024-01-07-djup.html": lambda req: send(req, 200, f"<html><body>{'<div>' * 100_000}<p>{TEXT}</p>".encode(), page),
    }


SOURCES = """
[[source]]
id = "fientligt-flode"
name = "Flöde med entiteter"
kind = "feed"
start_urls = ["{base}/h/feed.xml"]
allowed_domains = ["127.0.0.1"]
publisher = "Tomtebo kommun"
region_code = "9901"

[[source]]
id = "fientlig-sitemap"
name = "Sitemap med entiteter och gzip-bomb"
kind = "sitemap"
start_urls = ["{base}/h/sitemap.xml", "{base}/h/sitemap.xml.gz"]
allowed_domains = ["127.0.0.1"]
publisher = "Tomtebo kommun"
region_code = "9901"

[[source]]
id = "fientlig-webbplats"
name = "Webbplats som fuskar"
kind = "sitevision"
start_urls = ["{base}/h/nyheter.html", "{base}/h/djup-lista.html"]
allowed_domains = ["127.0.0.1"]
publisher = "Tomtebo kommun"
region_code = "9901"
"""

# Runs the scrape and reports its own peak memory on the last line of stderr: VmHWM, the
# peak resident size of this program (ru_maxrss would include the forking test process's).
MEASURED = ("import re, sys; from pipeline.scrape.cli import main; code = main(sys.argv[1:]); "
            "status = open('/proc/self/status').read(); "
            "print('maxrss_kib', re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr); sys.exit(code)")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, gzip_bomb):
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.txt"
    secret.write_text("HEMLIGT-9f3a", encoding="utf-8")
    with FixtureSite() as site:
        site.routes.update(hostile_routes(site, gzip_bomb, secret))
        site.fallback = lambda req: send(req, 200, ARTICLE.encode(), {"Content-Type": "text/html; charset=utf-8"},
                                         len(ARTICLE.encode()))  # every other page is a release
        (root / "sources.toml").write_text(SOURCES.replace("{base}", site.base), encoding="utf-8")
        args = [sys.executable, "-c", MEASURED, "--sources", str(root / "sources.toml"), "--raw", str(root / "raw"),
                "--log-level", "INFO"]
        for key, value in {**FAST, "DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "1", "DOWNLOAD_MAXSIZE": str(MAX_BYTES),
                           "DOWNLOAD_WARNSIZE": str(MAX_BYTES // 2)}.items():
            args += ["-s", f"{key}={value}"]
        started = time.monotonic()
        result = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=180)
        seconds = time.monotonic() - started
        paths = [r["path"] for r in site.requests]
    assert result.returncode == 0, result.stderr[-4000:]
    return {"root": root, "raw": root / "raw", "log": result.stderr, "seconds": seconds, "paths": paths,
            "maxrss_mib": int(result.stderr.rsplit("maxrss_kib", 1)[1].split()[0]) / 1024}


def test_the_crawl_ends_in_bounded_time_and_memory(hostile):
    assert hostile["seconds"] < 60  # the byte-a-second page alone would take a minute, the loop for ever
    assert hostile["maxrss_mib"] < 250  # the crawl needs about 90; the gzip bomb unpacks to 256, the entities to 3000


def test_xml_entities_are_neither_expanded_nor_fetched(hostile):
    log = hostile["log"]
    assert re.search(r"/h/feed\.xml declares XML entities", log) and re.search(r"/h/sitemap\.xml declares XML entities", log)
    assert "/h/xxe-probe" not in hostile["paths"] and "/h/xxe-dtd" not in hostile["paths"]
    stored = b"".join(p.read_bytes() for p in hostile["raw"].rglob("*") if p.is_file())
    assert b"HEMLIGT" not in stored and b"lollollol" not in stored
    urls = {row["url"].rsplit("/", 1)[1] for row in read_manifests(hostile["raw"]).values()}
    assert "2024-01-01-vanlig.html" in urls  # the real entry of the feed and the sitemap is fetched


def test_a_gzip_bomb_is_not_unpacked_past_the_size_cap(hostile):
    log = hostile["log"]
    assert re.search(r"sitemap\.xml\.gz.*unpacks to more than", log)
    assert re.search(r"2024-01-04-gzip-bomb.*exceeded DOWNLOAD_MAXSIZE", log)
    assert not any("gzip-bomb" in row["url"] for row in read_manifests(hostile["raw"]).values())


def test_bodies_over_the_size_cap_are_cut_off(hostile):
    log = hostile["log"]
    assert re.search(r"larger than download max size.*2024-01-03-utan-langd", log)
    rows = {row["url"].rsplit("/", 1)[1]: row for row in read_manifests(hostile["raw"]).values()}
    assert "2024-01-03-utan-langd.html" not in rows
    lying = rows.get("2024-01-02-ljuger.html")  # only the 2000 bytes it announced are read
    assert lying is None or (hostile["raw"] / lying["file"]).stat().st_size <= 2000


def test_a_redirect_loop_is_given_up(hostile):
    loop = [p for p in hostile["paths"] if "slinga" in p]
    assert 2 <= len(loop) <= 8
    assert re.search(r"Gave up .*slinga.html: its redirects .* lead to an address already requested", hostile["log"])


def test_a_server_that_sends_a_byte_a_second_times_out(hostile):
    assert re.search(r"2024-01-06-droppande.*took longer than 2\.0 seconds", hostile["log"])
    assert not any("droppande" in row["url"] for row in read_manifests(hostile["raw"]).values())


def test_nothing_is_written_outside_the_raw_store(hostile):
    root, raw = hostile["root"], hostile["raw"].resolve()
    assert sorted(p.name for p in root.iterdir()) == ["raw", "secret.txt", "sources.toml"]
    for path in raw.rglob("*"):
        inside = path.resolve().relative_to(raw).parts
        assert inside[0] in ("fientligt-flode", "fientlig-sitemap", "fientlig-webbplats", ".scrapy"), path
        if path.is_file() and inside[0] != ".scrapy" and path.suffix == ".html":
            assert re.fullmatch(r"[0-9a-f]{20}(-[0-9a-f]{12})?\.html", path.name), path
    urls = [row["url"] for row in read_manifests(hostile["raw"]).values()]
    assert any("passwd" in u or "kodad" in u or "snedstreck" in u for u in urls)  # fetched, stored under a hash


def test_html_nested_100000_levels_deep_is_set_aside_quickly_with_its_reason(hostile):
    rows = {row["url"].rsplit("/", 1)[1]: row for row in read_manifests(hostile["raw"]).values()}
    deep = hostile["raw"] / rows["2024-01-07-djup.html"]["file"]
    started = time.monotonic()
    with pytest.raises(RejectedInput) as rejected:
        parse_file(deep, hostile["raw"])
    assert time.monotonic() - started < 10
    assert rejected.value.reason == "unparseable" and "levels deep" in rejected.value.detail
