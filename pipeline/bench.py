"""``make bench``: throughput and memory of whole build processes on a synthetic corpus.

The corpus is made by recombining paragraphs of the bundled sample releases, so
every document is distinct but reads like the real thing. Each measurement is a
separate ``python -m pipeline build`` process, start-up included, repeated; the
median is reported. Peak memory is the largest sum of resident memory over the
build process and its workers, sampled from /proc.

Each run also times the floor: one process that imports spaCy, reads the same files
and runs ``spacy.blank("sv")`` over them. The speed of a shared or virtual machine
drifts by tens of percent over a day; the build's time as a multiple of the floor,
measured alongside, is comparable across machines and hours where docs/s is not.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pipeline.document import RejectedInput
from pipeline.parse import parse_file
from pipeline.rawstore import iter_raw_files


def sample_documents(sample_dir: Path) -> list:
    """The sample's releases as the build parses them (a bad file is skipped, not fatal)."""
    documents = []
    for path in iter_raw_files(sample_dir):
        try:
            documents.append(parse_file(path, sample_dir))
        except RejectedInput as error:
            print(f"sample file skipped: {path.name}: {error}", file=sys.stderr)
    return documents


def make_corpus(sample_dir: Path, out_dir: Path, n_docs: int, seed: int = 13) -> int:
    """Write ``n_docs`` distinct releases (title + 3-6 paragraphs drawn from the sample); return the word count."""
    titles, paragraphs = [], []
    for document in sample_documents(sample_dir):
        titles.append(document.title or "Pressmeddelande")
        body = document.text[len(document.title or ""):]
        paragraphs += [p.strip() for p in body.split("\n\n") if len(p.split()) >= 8]
    if not paragraphs:
        raise SystemExit(f"no paragraphs found in {sample_dir}")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(n_docs):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(3, 6)))
        day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"{rng.choice(titles)} ({i + 1})\n\n{day}\n\n" + "\n\n".join(chosen) + "\n"
        words += len(text.split())
        (out_dir / f"release_{i:06d}.txt").write_text(text, encoding="utf-8")
    return words


def _tree_rss(root_pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc).

    The tree is walked through /proc/<pid>/task/<tid>/children, which costs far less
    than scanning every process: the sampler must not slow down what it measures."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
            for task in os.scandir(f"/proc/{pid}/task"):
                with open(f"{task.path}/children", "rb") as handle:
                    stack += [int(child) for child in handle.read().split()]
        except OSError:  # the process ended meanwhile
            continue
    return total


FLOOR_SCRIPT = """
import sys
from pathlib import Path
import spacy
nlp = spacy.blank("sv")
texts = (path.read_text(encoding="utf-8") for path in sorted(Path(sys.argv[1]).iterdir()))
print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=256)))
"""


def timed_floor(raw: Path) -> float:
    """Seconds for a process that only imports spaCy, reads the files and tokenises them."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, str(raw)], check=True, capture_output=True)
    return time.perf_counter() - started


def timed_build(args: list[str]) -> tuple[float, int, str]:
    """Run one build process; return (seconds, peak tree RSS in bytes, its output)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--quiet", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{output}")
    return seconds, peak, output


def dedupe_bench(sample_dir: Path, n_docs: int, copies_every: int = 100, seed: int = 7) -> str:
    """Near-duplicate detection on ``n_docs`` synthetic texts of 250 words drawn from
    the sample's vocabulary, every ``copies_every``-th one republished with other page
    furniture: seconds to sign them (done by the build's workers, per document) and to
    group them (done once at the end of a build), and the copies found."""
    import numpy as np

    from pipeline.dataset.duplicates import Signed, find_duplicates, signature

    vocabulary = sorted({w for document in sample_documents(sample_dir) for w in document.text.split()})
    rng = np.random.RandomState(seed)
    texts = [" ".join(rng.choice(vocabulary, 250)) for _ in range(n_docs)]
    planted = {}
    for i in range(0, n_docs - 1, copies_every):
        texts[i + 1] = "Publicerad av lokaltidningen\n\n" + texts[i] + "\n\nLäs mer på vår webbplats."
        planted[f"d{i + 1}"] = f"d{i}"
    started = time.perf_counter()
    signed = [Signed(f"d{i}", None, **signature(text)) for i, text in enumerate(texts)]
    signing = time.perf_counter() - started
    started = time.perf_counter()
    found = find_duplicates(signed)
    grouping = time.perf_counter() - started
    right = sum(found.get(copy) == original for copy, original in planted.items())
    return (f"near-duplicates: {n_docs} documents: signing {signing:.1f} s ({n_docs / signing:.0f} docs/s, in the workers), "
            f"grouping {grouping:.1f} s; {right} of {len(planted)} planted copies found, "
            f"{len(found) - right} other pairs called copies")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000, help="documents in the synthetic corpus (default 5000)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each measurement (default 3)")
    parser.add_argument("--sample", type=Path, default=Path("data/raw/sample"), help="releases to recombine")
    parser.add_argument("--model", default="rules", help="NLP base, as for build --model (default: rules)")
    parser.add_argument("--processes", type=int, default=0, help="as for build --processes (default: auto)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the corpus and output in this folder")
    parser.add_argument("--dedupe-docs", type=int, default=100_000,
                        help="synthetic documents for the near-duplicate measurement (default 100000; 0 skips it)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="pressmine-bench-"))
    raw, out = work / "raw", work / "processed"
    if raw.exists():
        shutil.rmtree(raw)
    words = make_corpus(args.sample, raw, args.docs)
    print(f"corpus: {args.docs} documents, {words} words ({words / args.docs:.0f} per document) in {raw}")
    common = ["--raw", str(raw), "--out", str(out), "--model", args.model, "--processes", str(args.processes)]
    cold, peaks, warm, floor = [], [], [], []
    for _ in range(args.runs):  # interleaved, so that drift in the host's speed touches all alike
        floor.append(timed_floor(raw))
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak, output = timed_build(common)
        cold.append(seconds)
        peaks.append(peak)
        seconds, _, _ = timed_build(common)
        warm.append(seconds)
    print(output.strip().splitlines()[0])
    c, w, f = statistics.median(cold), statistics.median(warm), statistics.median(floor)
    print(f"cold build:      {c:6.2f} s  {args.docs / c:7.0f} docs/s  {words / c:9.0f} words/s  "
          f"(runs: {', '.join(f'{x:.2f}' for x in cold)})")
    print(f"peak memory:     {max(peaks) / 2**20:6.0f} MiB (build process and its workers)")
    print(f"no-change build: {w:6.2f} s  ({1000 * w / args.docs:.3f} s per 1000 documents; "
          f"runs: {', '.join(f'{x:.2f}' for x in warm)})")
    print(f"floor:           {f:6.2f} s  {args.docs / f:7.0f} docs/s  (spaCy blank over the same files, one process; "
          f"runs: {', '.join(f'{x:.2f}' for x in floor)})")
    print(f"cold build / floor: {c / f:.2f}x")
    if args.dedupe_docs:
        print(dedupe_bench(args.sample, args.dedupe_docs))
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
