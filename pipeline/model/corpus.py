"""Read the Swedish NER corpus (IO tags) into spaCy Docs, and find or fetch it.

The corpus is pre-tokenised, so Docs are built from its token list (one space
between tokens) instead of re-running a tokenizer: re-tokenising would misalign
entity boundaries and cost F1. The corpus is not shipped with the project, so its
location is resolved from the CLI, the environment, a cache dir, or the public
address (downloaded with urllib, never in tests).
"""
from __future__ import annotations

import hashlib
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

ENV_VAR = "PRESSMINE_NER_CORPUS"
LABELS = ("PER", "ORG", "LOC", "MISC")
OUTSIDE = {"0", "O", "o"}
TRAIN_FILE = "train_corpus.txt"
TEST_FILE = "test_corpus.txt"
BASE_URL = "https://raw.githubusercontent.com/klintan/swedish-ner-corpus/master/"
SOURCE = {
    "name": "Swedish NER corpus (klintan/swedish-ner-corpus), built from "
            "Språkbanken Webbnyheter 2012",
    "url": "https://github.com/klintan/swedish-ner-corpus",
    "license": "CC BY 4.0",
    "author": "Andreas Klintberg; source texts: Språkbanken (University of Gothenburg)",
}


class CorpusError(RuntimeError):
    """The corpus is missing, unreadable or could not be downloaded."""


@dataclass
class Sentence:
    """One corpus sentence: tokens and their IO tags (``"0"`` = outside)."""

    tokens: list[str]
    tags: list[str]

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        return io_to_spans(self.tags)


@dataclass
class ReadStats:
    """What the reader had to repair, so odd input is reported rather than hidden."""

    sentences: int = 0
    tokens: int = 0
    entities: int = 0
    untagged_lines: int = 0
    unknown_tags: dict = field(default_factory=dict)


def io_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Turn IO tags into ``(start, end, label)`` token spans, end exclusive.

    IO tagging cannot mark the border between two adjacent entities of one label,
    so a run of equal tags is one entity (the corpus's own convention).
    """
    spans: list[tuple[int, int, str]] = []
    start, label = 0, None
    for i, tag in enumerate([*tags, "0"]):
        tag = None if tag in OUTSIDE else tag
        if tag != label:
            if label is not None:
                spans.append((start, i, label))
            start, label = i, tag
    return spans


def parse_io_lines(lines: Iterable[str], stats: ReadStats | None = None) -> list[Sentence]:
    """Parse ``TOKEN<TAB>TAG`` lines; blank lines end sentences.

    The real files mix tab and space separators and hold a line without a tag, so
    the tag is whatever follows the last whitespace, a bare token counts as
    outside, and tags outside :data:`LABELS` are treated as outside (and counted).
    """
    stats = stats if stats is not None else ReadStats()
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sent = Sentence(list(tokens), list(tags))
            sentences.append(sent)
            stats.sentences += 1
            stats.tokens += len(tokens)
            stats.entities += len(sent.spans)
        tokens.clear()
        tags.clear()

    for raw in lines:
        line = raw.rstrip("\r\n").lstrip("\ufeff")
        if not line.strip():
            flush()
            continue
        parts = line.strip().rsplit(None, 1)
        if len(parts) == 1:
            token, tag = parts[0], "0"
            stats.untagged_lines += 1
        else:
            token, tag = parts
        if tag not in OUTSIDE and tag not in LABELS:
            stats.unknown_tags[tag] = stats.unknown_tags.get(tag, 0) + 1
            tag = "0"
        tokens.append(token)
        tags.append(tag)
    flush()
    return sentences


def read_io_file(path: Path, stats: ReadStats | None = None) -> list[Sentence]:
    """Read one IO-format file (UTF-8)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return parse_io_lines(fh, stats)
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read NER corpus file {path}: {exc}") from exc


def make_doc(vocab, sentence: Sentence):
    """A gold Doc for one sentence: the corpus tokens as they are, entities set."""
    from spacy.tokens import Doc, Span

    spaces = [True] * len(sentence.tokens)
    spaces[-1] = False
    doc = Doc(vocab, words=sentence.tokens, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in sentence.spans]
    return doc


def write_docbin(path: Path, vocab, sentences: Iterable[Sentence]) -> int:
    """Serialise sentences as a spaCy DocBin (the format spacy.Corpus.v1 reads)."""
    from spacy.tokens import DocBin

    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for sent in sentences:
        db.add(make_doc(vocab, sent))
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return len(db)


def split_train_dev(
    sentences: Sequence[Sentence], dev_fraction: float = 0.1, seed: int = 0
) -> tuple[list[Sentence], list[Sentence]]:
    """Carve a reproducible random dev split out of train (test stays untouched)."""
    if not 0 < dev_fraction < 1:
        raise ValueError(f"dev_fraction must be in (0, 1), got {dev_fraction}")
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    n_dev = max(1, round(len(sentences) * dev_fraction))
    dev_idx = set(order[:n_dev])
    train = [s for i, s in enumerate(sentences) if i not in dev_idx]
    dev = [s for i, s in enumerate(sentences) if i in dev_idx]
    return train, dev


def augment_mentions(
    sentences: Sequence[Sentence], copies: int = 1, seed: int = 0,
    extra_names: dict[str, list[list[str]]] | None = None,
) -> list[Sentence]:
    """Mention replacement: copies of the entity-bearing sentences in which every
    entity is swapped for a random entity of the same label, drawn from the training
    mentions and, when given, from ``extra_names`` (the project's gazetteers).

    Over half of the test entities never occur in train, and without word vectors
    the model otherwise learns to recognise the names it has seen; swapped names
    push it towards the context and the word shape (a generic augmentation, e.g.
    Dai & Adel 2020). Only the training part is augmented, never dev or test.
    """
    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {}
    for sent in sentences:
        for s, e, lab in sent.spans:
            pool.setdefault(lab, []).append(sent.tokens[s:e])
    for lab, names in (extra_names or {}).items():
        if lab in pool:  # as many gazetteer names as training mentions: half the draws each
            pool[lab] = pool[lab] + [rng.choice(names) for _ in range(len(pool[lab]))]
    out: list[Sentence] = []
    for _ in range(copies):
        for sent in sentences:
            spans = sent.spans
            if not spans:
                continue
            tokens: list[str] = []
            tags: list[str] = []
            prev = 0
            for s, e, lab in spans:
                tokens += sent.tokens[prev:s]
                tags += sent.tags[prev:s]
                name = rng.choice(pool[lab])
                tokens += name
                tags += [lab] * len(name)
                prev = e
            tokens += sent.tokens[prev:]
            tags += sent.tags[prev:]
            out.append(Sentence(tokens, tags))
    return out


def gazetteer_names(sentences: Sequence[Sentence]) -> dict[str, list[list[str]]]:
    """Names from the project's gazetteers, tokenised on spaces as the corpus is:
    places and municipalities (LOC), organisations (ORG), and given names from the
    name list joined to surnames seen in the training persons (PER)."""
    from pipeline import resources
    from pipeline.normalize.organisations import org_surface_forms, place_surface_forms

    surnames = sorted({sent.tokens[e - 1] for sent in sentences for s, e, lab in sent.spans
                       if lab == "PER" and e - s >= 2})
    rng = random.Random(0)
    first = sorted(resources.first_names())
    persons = [[name, rng.choice(surnames)] for name in first] if surnames else []
    places = sorted({form for form, _ in place_surface_forms() if form[:1].isupper()})
    orgs = sorted({form for form, _ in org_surface_forms() if form[:1].isupper()})
    out = {"PER": persons, "LOC": [p.split() for p in places], "ORG": [o.split() for o in orgs]}
    return {label: names for label, names in out.items() if names}


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/pressmine/swedish-ner-corpus`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pressmine" / "swedish-ner-corpus"


def has_corpus(directory: Path) -> bool:
    return (directory / TRAIN_FILE).is_file() and (directory / TEST_FILE).is_file()


def download_corpus(dest: Path, base_url: str = BASE_URL, timeout: float = 60.0) -> Path:
    """Fetch train and test files into ``dest``; each file appears only when complete."""
    import urllib.error  # only here: every command's start-up would otherwise load http.client
    import urllib.request

    dest.mkdir(parents=True, exist_ok=True)
    for name in (TRAIN_FILE, TEST_FILE):
        target = dest / name
        if target.is_file():
            continue
        url = base_url + name
        part = target.with_suffix(".part")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp, open(part, "wb") as fh:
                while chunk := resp.read(1 << 16):
                    fh.write(chunk)
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            part.unlink(missing_ok=True)
            raise CorpusError(
                f"could not download {url} ({exc}). This machine may be offline: copy "
                f"{TRAIN_FILE} and {TEST_FILE} into a directory and pass --corpus DIR "
                f"or set {ENV_VAR}=DIR."
            ) from exc
        part.replace(target)
    (dest / "SOURCE.txt").write_text(
        f"Downloaded from {base_url}\nLicence: CC BY 4.0; credit: {SOURCE['name']}\n",
        encoding="utf-8",
    )
    return dest


def resolve_corpus_dir(
    corpus: str | Path | None = None,
    *,
    cache_dir: Path | None = None,
    download: bool = True,
) -> tuple[Path, str]:
    """Find the corpus: explicit dir, then ``$PRESSMINE_NER_CORPUS``, then the cache,
    then (if allowed) a download into the cache. Returns ``(dir, how_found)``."""
    for value, how in ((corpus, "argument"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if value:
            path = Path(value).expanduser()
            if not has_corpus(path):
                raise CorpusError(f"{path} (from {how}) lacks {TRAIN_FILE} and/or {TEST_FILE}")
            return path, how
    cache = cache_dir or default_cache_dir()
    if has_corpus(cache):
        return cache, "cache"
    if not download:
        raise CorpusError(
            f"no NER corpus: pass --corpus DIR, set {ENV_VAR}, or allow the download "
            f"into {cache}"
        )
    return download_corpus(cache), f"downloaded from {BASE_URL}"


def file_provenance(path: Path, sentences: Sequence[Sentence]) -> dict:
    """Checksum and counts of one corpus file, for metrics.json."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    labels = {lab: 0 for lab in LABELS}
    for sent in sentences:
        for _, _, lab in sent.spans:
            labels[lab] = labels.get(lab, 0) + 1
    return {
        "file": path.name,
        "sha256": digest,
        "sentences": len(sentences),
        "tokens": sum(len(s.tokens) for s in sentences),
        "entities": sum(labels.values()),
        "entities_per_label": labels,
    }
