"""End-to-end tests of the scrape stage against the fixture web site on 127.0.0.1 (``fixture_site.py``)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fixture_site import NEWS, FixtureSite, run_scrape

from pipeline.parse import parse_file
from pipeline.parse.decode import decode_bytes
from pipeline.rawstore import MANIFEST_KEYS, iter_jsonl, read_manifests

# --------------------------------------------------------------------------- the crawl

SOURCES = """
[[source]]
id = "testkommun"
name = "Testkommun, nyheter (Sitevision)"
kind = "sitevision"
start_urls = ["{base}/kommun/nyheter.html"]
allowed_domains = ["127.0.0.1"]
publisher = "Testkommuns kommun"
region_code = "9901"

[[source]]
id = "testrum"
name = "Testrummets kommun (Mynewsdesk)"
kind = "mynewsdesk"
start_urls = ["{base}/se/testrum/pressreleases"]
allowed_domains = ["127.0.0.1"]
publisher = "Testrummets kommun"
region_code = "9902"

[[source]]
id = "testlan"
name = "Länsstyrelsen i Testlän"
kind = "lansstyrelsen"
start_urls = ["{base}/testlan/om-oss/nyheter-och-press.html"]
allowed_domains = ["127.0.0.1"]
publisher = "Länsstyrelsen i Testläns län"
region_code = "99"
topic_filter = true

[[source]]
id = "testfeed"
name = "Testkommun, RSS"
kind = "feed"
start_urls = ["{base}/rss/nyheter.xml"]
allowed_domains = ["127.0.0.1"]
publisher = "Testkommuns kommun"
region_code = "9901"

[[source]]
id = "testsitemap"
name = "Testkommun, sitemap"
kind = "sitemap"
start_urls = ["{base}/sitemap.xml"]
allowed_domains = ["127.0.0.1"]
publisher = "Testkommuns kommun"
region_code = "9901"
"""

EXPECTED = {  # source -> article paths stored by the first run
    "testkommun": {
        f"{NEWS}/2024-03-01-nytt-integrationsprojekt.html",
        f"{NEWS}/2024-02-20-sfi-startar.html",  # 500 first, then 200
        f"{NEWS}/2024-02-15-bidrag-till-foreningar.html",  # 429 + Retry-After first
        f"{NEWS}/2024-02-10-gammal-adress.html",  # 301 to ...-ny-adress.html
        f"{NEWS}/2024-02-01-sprakcafe.html",  # Windows-1252
        f"{NEWS}/2024-01-15-arkiv-nyhet.html",  # on page 2
    },
    "testrum": {
        "/se/testrum/pressreleases/kommunen-faar-3-miljoner-till-integrationsinsatser-3012345",
        "/se/testrum/pressreleases/nytt-bostadsomraade-planeras-3012299",
        "/se/testrum/pressreleases/ensamkommande-barn-faar-egna-kontaktpersoner-3011001",  # page 2
    },
    "testlan": {
        "/testlan/om-oss/nyheter-och-press/nyheter---testlan/2024-04-02-statsbidrag-till-integrationsinsatser.html",
        "/testlan/om-oss/nyheter-och-press/arkiv-nyheter-2023/2023-11-20-ensamkommande-unga.html",  # year archive
    },
    "testfeed": {"/feed-nyheter/2024-05-02-motesplats-oppnar.html", "/feed-nyheter/2024-05-01-sommarjobb.html"},
    "testsitemap": {"/sitemap-nyheter/2024-06-03-integrationsstrategi.html", "/sitemap-nyheter/2024-06-01-simskola.html"},
}


def path_of(url: str, site: FixtureSite) -> str:
    assert url.startswith(site.base), url
    return url[len(site.base):]


def rows_by_source(raw: Path) -> dict[str, list[dict]]:
    return {d.name: list(iter_jsonl(d / "manifest.jsonl")) for d in raw.iterdir() if (d / "manifest.jsonl").exists()}


@pytest.fixture(scope="module")
def site():
    with FixtureSite() as server:
        yield server


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory):
    """Two runs over the same raw folder; the server's request log split per run."""
    root = tmp_path_factory.mktemp("scrape")
    sources = root / "sources.toml"
    sources.write_text(SOURCES.replace("{base}", site.base), encoding="utf-8")
    raw = root / "raw"
    first = run_scrape(sources, raw)
    n_first = len(site.requests)
    rows_after_first = rows_by_source(raw)
    second = run_scrape(sources, raw)
    return {
        "root": root,
        "sources": sources,
        "raw": raw,
        "first": first,
        "second": second,
        "first_requests": site.requests[:n_first],
        "second_requests": site.requests[n_first:],
        "rows": rows_after_first,
    }


# --------------------------------------------------------------------------- first run


def test_stores_exactly_the_article_pages(crawl, site):
    stored = {sid: {path_of(r["url"], site) for r in rows} for sid, rows in crawl["rows"].items()}
    assert stored == EXPECTED
    for sid, rows in crawl["rows"].items():  # one row per article, no duplicates
        assert len(rows) == len(EXPECTED[sid]), sid


def test_follows_listing_pagination_and_archives(crawl):
    paths = [r["path"] for r in crawl["first_requests"]]
    for listing in ("/kommun/nyheter.html", "/kommun/nyheter.html?page=2", "/se/testrum/pressreleases?page=2",
                    "/testlan/om-oss/nyheter-och-press/arkiv-nyheter-2023.html", "/rss/nyheter.xml", "/sitemap-nyheter.xml"):
        assert listing in paths
    assert paths.count("/kommun/nyheter.html") == 1  # the "Föregående" link back to page 1 is not followed again


def test_obeys_robots_txt(crawl):
    paths = [r["path"] for r in crawl["first_requests"]]
    assert "/robots.txt" in paths
    assert not [p for p in paths if p.startswith("/privat/")]  # linked from a listing and the sitemap


def test_never_leaves_the_allowed_domains(crawl, site):
    hosts = {r["host"].split(":")[0] for r in crawl["first_requests"] + crawl["second_requests"]}
    assert hosts == {"127.0.0.1"}  # no off-site link, off-site redirect or off-site feed entry followed
    for rows in crawl["rows"].values():
        assert all(r["final_url"].startswith(site.base) for r in rows)


def test_non_article_links_not_fetched(crawl):
    paths = {r["path"] for r in crawl["first_requests"]}
    assert "/om-kommunen.html" not in paths  # in the sitemap, but not a dated news page
    assert "/kommun/kontakt.html" not in paths and "/testlan/om-oss/nyheter-och-press/presskontakt.html" not in paths
    assert not [p for p in paths if p.startswith("/sok")]


def test_identifies_itself(crawl):
    agents = {r["user_agent"] for r in crawl["first_requests"]}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("pressmine/") and "contact:" in agent


def test_retries_500_and_honours_retry_after(crawl):
    requests = crawl["first_requests"]
    times = [r["time"] for r in requests if r["path"] == f"{NEWS}/2024-02-15-bidrag-till-foreningar.html"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95  # 429 with Retry-After: 1, then success
    assert [r["path"] for r in requests].count(f"{NEWS}/2024-02-20-sfi-startar.html") == 2  # 500, then success
    rows = {r["url"]: r for r in crawl["rows"]["testkommun"]}
    assert all(r["status"] == 200 for r in rows.values())


def test_404_is_not_stored_and_not_asked_again(crawl):
    gone = f"{NEWS}/2024-02-05-borttagen.html"
    assert [r["path"] for r in crawl["first_requests"]].count(gone) == 1
    assert not any(r["url"].endswith(gone) for r in crawl["rows"]["testkommun"])
    skipped = list(iter_jsonl(crawl["raw"] / "testkommun" / "skipped.jsonl"))
    assert [(s["url"].endswith(gone), s["reason"]) for s in skipped] == [(True, "http_404")]
    summary = [line for line in crawl["first"].stdout.splitlines() if line.startswith("testkommun")]
    assert summary and summary[0].split()[-2] == "1"  # one error: the 404


def test_redirect_keeps_requested_and_final_url(crawl, site):
    row = next(r for r in crawl["rows"]["testkommun"] if "gammal-adress" in r["url"])
    assert path_of(row["final_url"], site) == f"{NEWS}/2024-02-10-ny-adress.html"


def test_windows_1252_page_stored_unchanged(crawl, site):
    row = next(r for r in crawl["rows"]["testkommun"] if "sprakcafe" in r["url"])
    data = (crawl["raw"] / row["file"]).read_bytes()
    assert data == site.served_bytes("kommun/nyheter/2024/2024-02-01-sprakcafe.html")
    assert row["encoding"] == "windows-1252" and "windows-1252" in row["content_type"]
    text, _encoding = decode_bytes(data, row["encoding"])
    assert "Språkcafé" in text and "Örjan Åberg" in text and "Öva svenska" in text


def test_manifest_rows_are_complete_and_true(crawl):
    raw = crawl["raw"]
    for sid, rows in crawl["rows"].items():
        for row in rows:
            assert set(MANIFEST_KEYS) <= set(row), row
            path = raw / row["file"]
            assert row["file"] == f"{sid}/{path.name}" and path.suffix == ".html"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]
            assert row["source_id"] == sid and row["status"] == 200
            assert row["fetched_at"].endswith("Z") and row["etag"] and row["last_modified"]
    assert {r["publisher"] for r in crawl["rows"]["testlan"]} == {"Länsstyrelsen i Testläns län"}
    assert {r["region_code"] for r in crawl["rows"]["testrum"]} == {"9902"}


def test_topic_filter_drops_off_topic_articles(crawl):
    skipped = list(iter_jsonl(crawl["raw"] / "testlan" / "skipped.jsonl"))
    assert [s["reason"] for s in skipped] == ["off_topic"]
    assert "algjakten" in skipped[0]["url"]
    # sources without the filter keep off-topic news (the housing release, the swimming school)
    assert any("bostadsomraade" in r["url"] for r in crawl["rows"]["testrum"])


def test_no_temporary_or_job_files_left(crawl):
    raw = crawl["raw"]
    assert not list(raw.rglob(".tmp-*"))
    assert not (raw / ".scrapy").exists() or not any((raw / ".scrapy").iterdir())  # finished runs drop their job


# --------------------------------------------------------------------------- second run


def test_second_run_fetches_nothing_known(crawl):
    second = [r["path"] for r in crawl["second_requests"]]
    stored = {p for paths in EXPECTED.values() for p in paths}
    assert not stored & set(second)
    assert f"{NEWS}/2024-02-05-borttagen.html" not in second
    assert "/testlan/om-oss/nyheter-och-press/nyheter---testlan/2024-04-01-algjakten-startar.html" not in second
    assert rows_by_source(crawl["raw"]) == crawl["rows"]  # nothing new stored


def test_second_run_uses_conditional_requests(crawl):
    listings = [r for r in crawl["second_requests"] if r["path"] in
                ("/kommun/nyheter.html", "/se/testrum/pressreleases", "/rss/nyheter.xml")]
    assert len(listings) == 3 and all(r["if_none_match"] for r in listings)
    # unchanged first pages (304) mean their later pages are not fetched again
    assert "/kommun/nyheter.html?page=2" not in [r["path"] for r in crawl["second_requests"]]


def test_read_manifests_maps_files_to_rows(crawl):
    mapping = read_manifests(crawl["raw"])
    assert len(mapping) == sum(len(v) for v in EXPECTED.values())
    for rel, row in mapping.items():
        assert row["file"] == rel and (crawl["raw"] / rel).is_file()


def test_parse_stage_reads_scraped_files_with_their_manifest_row(crawl, site):
    raw = crawl["raw"]
    for rel, row in read_manifests(raw).items():
        document = parse_file(raw / rel, raw, meta=row)
        assert document.url in (row["url"], row["final_url"]) and document.publisher == row["publisher"]
        assert document.source_id == row["source_id"] and document.title
    sprakcafe = next(rel for rel, row in read_manifests(raw).items() if "sprakcafe" in row["url"])
    document = parse_file(raw / sprakcafe, raw, meta=read_manifests(raw)[sprakcafe])
    assert document.title == "Språkcafé på biblioteket" and "språkvänner" in document.text


def test_build_makes_documents_with_url_and_publisher(crawl):
    import pandas as pd

    from pipeline.build import build_dataset
    from pipeline.config import BuildConfig

    out = crawl["root"] / "processed"
    build_dataset(BuildConfig(raw_dir=crawl["raw"], out_dir=out, model="rules", show_progress=False))
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == sum(len(v) for v in EXPECTED.values())
    assert docs.url.notna().all() and docs.publisher.notna().all()
    by_source = docs.groupby("source_id").publisher.unique().to_dict()
    assert list(by_source["testlan"]) == ["Länsstyrelsen i Testläns län"]
    assert list(by_source["testrum"]) == ["Testrummets kommun"]


# --------------------------------------------------------------------------- interrupted runs


def test_capped_run_resumes_where_it_stopped(crawl, site, tmp_path):
    """A run stopped by its page cap keeps its queue (JOBDIR); the next run continues it."""
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES.replace("{base}", site.base).replace('id = "testkommun"', 'id = "resumed"'), encoding="utf-8")
    raw = tmp_path / "raw"
    start = len(site.requests)
    first = run_scrape(sources, raw, "--source", "resumed", "--max-pages", "4")
    assert "closespider_pagecount" in first.stdout
    assert (raw / ".scrapy" / "resumed" / "job").is_dir()
    early = {r["url"] for r in iter_jsonl(raw / "resumed" / "manifest.jsonl")}
    assert len(early) < len(EXPECTED["testkommun"])
    middle = len(site.requests)
    second = run_scrape(sources, raw, "--source", "resumed")
    assert "finished" in second.stdout
    rows = list(iter_jsonl(raw / "resumed" / "manifest.jsonl"))
    assert {path_of(r["url"], site) for r in rows} == EXPECTED["testkommun"]
    assert len(rows) == len(EXPECTED["testkommun"])  # nothing stored twice
    resumed_paths = [r["path"] for r in site.requests[middle:]]
    assert "/kommun/nyheter.html" not in resumed_paths  # continued the saved queue, did not start over
    assert not {path_of(u, site) for u in early} & set(resumed_paths)
    assert not (raw / ".scrapy" / "resumed").exists()
    assert all(r["host"].startswith("127.0.0.1") for r in site.requests[start:])
