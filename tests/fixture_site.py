"""A web site on 127.0.0.1 for the scrape tests, and a way to crawl it.

A threaded http.server serves ``tests/fixtures/site/`` (pages written to look like
Sitevision, Mynewsdesk and lansstyrelsen.se markup, an RSS feed and a sitemap) and
misbehaves on purpose on a few paths: a 500 then success, a 429 with Retry-After, a
redirect within the site and one off it, a 404, a robots.txt-disallowed path and a
Windows-1252 page. Tests add paths of their own with ``site.routes``. ``{{base}}`` in
a fixture file becomes this server's address and ``{{other}}`` the same server named
``localhost`` (another domain to the crawler), so nothing ever leaves 127.0.0.1. The
crawl runs in a subprocess, since Twisted's reactor cannot be restarted inside one
test process.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
SITE = Path(__file__).resolve().parent / "fixtures" / "site"

NEWS = "/kommun/nyheter/2024"
REDIRECTS = {  # path -> (status, location; "{other}" = off-domain)
    f"{NEWS}/2024-02-10-gammal-adress.html": (301, f"{NEWS}/2024-02-10-ny-adress.html"),
    f"{NEWS}/2024-01-22-flyttad.html": (302, "{other}" + f"{NEWS}/2024-01-22-flyttad.html"),
}
FAIL_FIRST = {  # path -> (status, extra headers) for the first request only
    f"{NEWS}/2024-02-20-sfi-startar.html": (500, {}),
    f"{NEWS}/2024-02-15-bidrag-till-foreningar.html": (429, {"Retry-After": "1"}),
}
CHARSETS = {f"{NEWS}/2024-02-01-sprakcafe.html": "windows-1252"}
TYPES = {".html": "text/html", ".xml": "application/xml", ".txt": "text/plain"}
LAST_MODIFIED = formatdate(1704067200, usegmt=True)  # 2024-01-01


def file_for(path: str, query: str) -> Path | None:
    """URL path (+ query) -> fixture file: ``/a/b?page=2`` -> ``a/b.page-2.html``; ``/a/b`` -> ``a/b.html``."""
    rel = path.lstrip("/") or "index.html"
    if rel.endswith("/"):
        rel += "index.html"
    stem, dot, ext = rel.rpartition(".")
    if not dot or "/" in ext:
        stem, ext = rel, "html"
    if query:
        stem += "." + query.replace("=", "-").replace("&", ".")
    candidate = (SITE / f"{stem}.{ext}").resolve()
    if SITE not in candidate.parents or not candidate.is_file():
        return None
    return candidate


class FixtureSite:
    """A threaded HTTP server over the fixture folder that records every request."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.hits: dict[str, int] = {}
        self.routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}  # path -> handler of its own
        self.fallback: Callable[[BaseHTTPRequestHandler], None] | None = None  # instead of a 404
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.handle(self)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.other = f"http://localhost:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FixtureSite":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def served_bytes(self, rel: str) -> bytes:
        """A fixture file's bytes as this server sends them."""
        data = (SITE / rel).read_bytes()
        return data.replace(b"{{base}}", self.base.encode()).replace(b"{{other}}", self.other.encode())

    def paths(self, since: int = 0, host: str = "127.0.0.1") -> list[str]:
        with self.lock:
            return [r["path"] for r in self.requests[since:] if r["host"].split(":")[0] == host]

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        path, _, query = req.path.partition("?")
        with self.lock:
            self.hits[req.path] = hit = self.hits.get(req.path, 0) + 1
            self.requests.append(
                {
                    "path": req.path,
                    "host": req.headers.get("Host", ""),
                    "user_agent": req.headers.get("User-Agent", ""),
                    "if_none_match": req.headers.get("If-None-Match"),
                    "if_modified_since": req.headers.get("If-Modified-Since"),
                    "time": time.monotonic(),
                }
            )
        if path in self.routes:
            return self.routes[path](req)
        if path in REDIRECTS:
            status, location = REDIRECTS[path]
            return self.send(req, status, b"", {"Location": location.replace("{other}", self.other)})
        if path in FAIL_FIRST and hit == 1:
            status, headers = FAIL_FIRST[path]
            return self.send(req, status, b"<html><body>Try again later</body></html>", {"Content-Type": "text/html", **headers})
        file = file_for(path, query)
        if file is None and self.fallback is not None:
            return self.fallback(req)
        if file is None:
            return self.send(req, 404, b"<html><body>Sidan finns inte</body></html>", {"Content-Type": "text/html"})
        body = self.served_bytes(file.relative_to(SITE).as_posix())
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {
            "Content-Type": f"{TYPES.get(file.suffix, 'application/octet-stream')}; charset={CHARSETS.get(path, 'utf-8')}",
            "ETag": etag,
            "Last-Modified": LAST_MODIFIED,
        }
        if req.headers.get("If-None-Match") == etag:
            return self.send(req, 304, b"", {"ETag": etag})
        self.send(req, 200, body, headers)

    @staticmethod
    def send(req: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        req.send_response(status)
        for name, value in headers.items():
            req.send_header(name, value)
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if body:
            req.wfile.write(body)


FAST = {  # test-speed politeness: no fixed delays, short back-off (Retry-After is still honoured)
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_START_DELAY": "0",
    "AUTOTHROTTLE_MAX_DELAY": "1",
    "PRESSMINE_RETRY_BACKOFF_BASE": "0.1",
    "DOWNLOAD_TIMEOUT": "10",
}

def run_scrape(sources: Path, raw: Path, *extra: str) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pipeline.scrape", "--sources", str(sources), "--raw", str(raw), "--log-level", "INFO"]
    for key, value in FAST.items():
        args += ["-s", f"{key}={value}"]
    result = subprocess.run(args + list(extra), cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-4000:]
    return result
