"""``make bench`` end to end on a tiny synthetic corpus: it builds, rebuilds and times
the floor, and prints the figures the closing notes quote. (The benchmark measures
speed; this test only checks that it runs and reports.)"""
import re
from pathlib import Path

from pipeline import bench

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def test_synthetic_corpus_recombines_paragraphs_into_distinct_documents(tmp_path):
    words = bench.make_corpus(FIXTURES, tmp_path / "raw", 40)
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "raw").iterdir())]
    assert len(texts) == 40 and len(set(texts)) == 40
    assert words == sum(len(t.split()) for t in texts)


def test_bench_reports_throughput_memory_rebuild_and_floor(tmp_path, capsys):
    assert bench.main(["--docs", "30", "--runs", "1", "--sample", str(FIXTURES), "--keep", str(tmp_path),
                       "--dedupe-docs", "500"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"cold build: +\d+\.\d+ s +\d+ docs/s", out)
    assert re.search(r"peak memory: +[1-9]\d* MiB", out)
    assert re.search(r"no-change build: +\d+\.\d+ s", out)
    assert re.search(r"floor: +\d+\.\d+ s", out)
    assert re.search(r"cold build / floor: \d+\.\d+x", out)
    assert re.search(r"near-duplicates: 500 documents: signing \d+\.\d+ s .* grouping \d+\.\d+ s; "
                     r"5 of 5 planted copies found, 0 other pairs called copies", out)
    assert (tmp_path / "processed" / "documents.parquet").exists()
