"""Rebuild ``first_names.txt`` from the curated list plus a NER corpus.

Usage::

    python -m pipeline.resources.build_first_names CORPUS [CORPUS ...] [--out PATH]

``CORPUS`` is a file in the format of klintan/swedish-ner-corpus (CC BY 4.0; built
from Språkbanken's *Webbnyheter 2012*): one ``TOKEN<TAB>TAG`` per line, blank lines
between sentences, tags ``PER``/``ORG``/``LOC``/``MISC``/``0`` with IO tagging
(consecutive tokens with the same tag form one entity).

Given names come from three sources: the curated ``first_names_base.txt``; the given
names registered in the Nordic countries as the Faker package (MIT) ships them
(Sweden: the Institute for Language and Folklore's 500 most common names of each
sex; Denmark, Norway, Finland likewise), since every release quotes people with
common Nordic names; and the NER corpus, for the names of the people Swedish news
writes about, immigrants' names included.

Derivation from the corpus: take the first token of every person entity that has at least two
tokens (so the first token is very probably a given name), keep it if it is
alphabetic (hyphen allowed), capitalised, at least three letters long, not in the
small stop list below and not used as an ordinary lower-case word in the corpus
itself; then merge with ``first_names_base.txt`` and write the sorted union. A
registered name passes the same tests, and must not be the name of a place or a body
in the gazetteer ("Mora", "Ale").
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


def read_corpora(paths: list[Path]) -> tuple[Counter[str], set[str]]:
    """One pass over the corpus files: the first tokens of multi-token PER spans (with
    their counts), and the words the corpus writes in lower case."""
    candidates: Counter[str] = Counter()
    lower_words: set[str] = set()
    for path in paths:
        sents = list(read_corpus(path))
        lower_words.update(tok for sent in sents for tok, _tag in sent if tok.islower())
        candidates.update(ent[0] for ent in person_entities(sents) if len(ent) >= 2)
    return candidates, lower_words


def corpus_names(candidates: Counter[str], lower_words: set[str]) -> set[str]:
    """The candidates shaped like a given name that are not also an ordinary word ("Mo", "Bland", ...)."""
    return {tok for tok in candidates if name_shaped(tok) and tok.lower() not in lower_words}


def derive(paths: list[Path]) -> set[str]:
    return corpus_names(*read_corpora(paths))


# Locales whose registered given names are taken (Faker's person providers).
NAME_LOCALES = ("sv_SE", "da_DK", "no_NO", "fi_FI")


def registered_names(locales: tuple[str, ...] = NAME_LOCALES) -> set[str]:
    """The given names of Faker's person providers for ``locales``."""
    import importlib

    names: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            listed = getattr(provider, attribute, None)
            if isinstance(listed, (dict, list, tuple, set, frozenset)):
                names.update(unicodedata.normalize("NFC", name) for name in listed)
    return names


def name_shaped(token: str) -> bool:
    """Shaped like a given name: capitalised letters (one hyphen allowed), three or
    more, not a title, a particle or a surname in -sson."""
    return (token not in STOP and len(token) >= 3 and NAME_RE.match(token) is not None
            and token[0].isupper() and not token.isupper() and not token.endswith("sson"))


def usable_registered(names: set[str], lower_words: set[str]) -> set[str]:
    """Registered names that cannot be read as anything else in Swedish text."""
    from pipeline.normalize.organisations import lookup_org, lookup_place

    return {name for name in names if name_shaped(name) and name.lower() not in lower_words
            and lookup_place(name) is None and lookup_org(name) is None}


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
    ap.add_argument("--locales", default=",".join(NAME_LOCALES),
                    help="Faker locales whose registered given names are added ('' for none)")
    args = ap.parse_args(argv)
    base = read_base()
    candidates, lower_words = read_corpora(args.corpus)
    derived = corpus_names(candidates, lower_words)
    locales = tuple(filter(None, args.locales.split(",")))
    registered = usable_registered(registered_names(locales), lower_words) if locales else set()
    names = sorted(base | derived | registered)
    args.out.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(base)} curated + {len(derived - base)} new from corpus + {len(registered - base - derived)} "
          f"registered = {len(names)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
