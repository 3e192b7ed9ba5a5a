"""Rebuild ``first_names.txt`` from the curated list plus a NER corpus.

Usage::

    python -m pipeline.resources.build_first_names CORPUS [CORPUS ...] [--out PATH]

``CORPUS`` is a file in the format of klintan/swedish-ner-corpus (CC BY 4.0; built
from Språkbanken's *Webbnyheter 2012*): one ``TOKEN<TAB>TAG`` per line, blank lines
between sentences, tags ``PER``/``ORG``/``LOC``/``MISC``/``0`` with IO tagging
(consecutive tokens with the same tag form one entity).

Derivation: take the first token of every person entity that has at least two
tokens (so the first token is very probably a given name), keep it if it is
alphabetic (hyphen allowed), capitalised, at least three letters long, not in the
small stop list below and not used as an ordinary lower-case word in the corpus
itself; then merge with ``first_names_base.txt`` and write the sorted union.
The result is committed, so the package never needs the corpus at run time.
"""
from __future__ import annotations

import argparse
import re
import unicodedata
from collections import Counter
from pathlib import Path

from pipeline.resources import resource_dir

HERE = resource_dir()
BASE = HERE / "first_names_base.txt"
OUT = HERE / "first_names.txt"

# Capitalised tokens that start multi-token PER spans but are not given names.
STOP = {
    "von", "van", "der", "den", "de", "af", "la", "le", "el", "al", "di", "da", "du",
    "Herr", "Fru", "Kung", "Kungen", "Drottning", "Drottningen", "Prins", "Prinsessan",
    "Prinsen", "Kronprinsessan", "President", "Presidenten", "Statsminister",
    "Minister", "Doktor", "Professor", "Sankt", "Saint", "Sir", "Lord", "Lady", "Mr",
    "Mrs", "Dr", "Miss", "Mister", "Don", "Fader", "Pappa", "Mamma", "Onkel", "Moster",
    "Farbror", "Kapten", "General", "Påve", "Påven",
    # seen in the corpus: fragments, surnames and place words tagged as the first
    # token of a PER span
    "Abd", "Jur", "Cam", "Rio", "Lindell", "Vidia", "Mamie", "Marton", "Madonna",
}
NAME_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)?$")


def read_corpus(path: Path):
    """Yield sentences as lists of (token, tag)."""
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rstrip("\n").split("\t")
        if len(parts) != 2:
            if sent:
                yield sent
            sent = []
            continue
        sent.append((unicodedata.normalize("NFC", parts[0]), parts[1]))
    if sent:
        yield sent


def person_entities(sentences):
    """IO tagging: maximal runs of PER tokens."""
    for sent in sentences:
        run: list[str] = []
        for tok, tag in sent + [("", "0")]:
            if tag == "PER":
                run.append(tok)
            else:
                if run:
                    yield run
                run = []


def derive(paths: list[Path]) -> set[str]:
    lower_words: Counter[str] = Counter()
    candidates: Counter[str] = Counter()
    for path in paths:
        sents = list(read_corpus(path))
        for sent in sents:
            for tok, _tag in sent:
                if tok.islower():
                    lower_words[tok] += 1
        for ent in person_entities(sents):
            if len(ent) >= 2:
                candidates[ent[0]] += 1
    out = set()
    for tok in candidates:
        if tok in STOP or len(tok) < 3 or not NAME_RE.match(tok):
            continue
        if not tok[0].isupper() or tok.isupper():
            continue
        if tok.endswith("sson"):  # a surname (Pettersson) tagged as first token
            continue
        if lower_words[tok.lower()] > 0:  # also an ordinary word ("Mo", "Bland", ...)
            continue
        out.add(tok)
    return out


def read_base(path: Path = BASE) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.update(unicodedata.normalize("NFC", t) for t in line.split())
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    base = read_base()
    derived = derive(args.corpus)
    names = sorted(base | derived)
    args.out.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(base)} curated + {len(derived - base)} new from corpus = {len(names)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
