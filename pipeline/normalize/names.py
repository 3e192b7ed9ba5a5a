"""Swedish name forms: surface clean-up, case folding and the genitive.

Shared by the organisation and place normalisers: "Migrationsverkets" is the
genitive of "Migrationsverket", "Alingsås" is not the genitive of anything, and
"Länsstyrelsernas" is a definite plural genitive. Pure functions.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from pipeline import resources as R

# ---------------------------------------------------------------------------
# surface normalisation

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u00b4`"), "'")
_EDGE = " \t\n\"'«»“”„‘’()[]{}<>.,;!?*"
_WS = re.compile(r"\s+")
# tokens for scanning running text: words with inner - : ' & + (e.g. "FN:s",
# "ESF-rådet", "H&M", "Erasmus+"), and a free-standing dash or ampersand
_TOKEN = re.compile(r"\w+(?:[-:'&+]\w+)*\+?|[&-]")


def clean_surface(surface: str) -> str:
    s = unicodedata.normalize("NFC", surface).translate(_DASHES).translate(_APOSTROPHES)
    return _WS.sub(" ", s).strip(_EDGE)


def fold_case(s: str) -> str:
    return s.casefold()


def is_abbreviation(form: str) -> bool:
    """Forms that must match exactly: "SKR", "SvD", "KemI", "Brå", "SV", "IM"."""
    letters = [c for c in form if c.isalpha()]
    if not letters:
        return True
    if len(letters) <= 3:
        return True
    if " " in form:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper * 2 >= len(letters) or (upper >= 2 and len(letters) <= 6)


# ---------------------------------------------------------------------------
# genitive

# endings of nominative names that end in -s ("Alingsås", "Strängnäs", "Hagfors",
# "Fryshus", "Campus", "Paris", "Kaos"); "-as" too ("Andreas"), but not "-nas",
# the genitive of a definite plural ("Länsstyrelsernas", "föreningarnas")
_S_FINAL_ENDINGS = ("ås", "näs", "fors", "hus", "ss", "us", "is", "os")


@functools.cache
def known_forms() -> frozenset[str]:
    forms: set[str] = set()
    for m in R.municipalities():
        forms.update((m.name, m.body, *m.aliases))
    for c in R.counties():
        forms.update((c.name, c.short, c.board, c.region, *c.aliases, *c.board_aliases, *c.region_aliases))
    for o in R.organisations():
        forms.update((o.name, *o.aliases))
    for p in R.places():
        forms.update((p.name, *p.aliases))
    return frozenset(clean_surface(f) for f in forms)


@functools.cache
def _not_after_genitive() -> frozenset[str]:
    return frozenset(R.read_word_list("not_after_genitive.txt"))


def strip_genitive(name: str, next_word: str | None = None) -> str:
    """Remove a genitive ending if there is one.

    ``next_word`` is the word that follows the name in the text ("" for none: the end,
    punctuation, a line break), when the caller knows it. A genitive stands before the
    noun phrase it determines, so a bare ``-s`` is kept when nothing follows or when the
    next word could not open a noun phrase ("Vingåker Växer Tillsammans och kommunen";
    ``not_after_genitive.txt``). ``:s`` ("SKR:s") is a genitive wherever it stands.

    "Länsstyrelsens" -> "Länsstyrelsen", "Karlshamns kommuns" -> "Karlshamns kommun",
    "Röda Korsets" -> "Röda Korset", "SKR:s" -> "SKR", "Hyltes" -> "Hylte";
    unchanged: "Alingsås", "Borås", "Kalix", "Hagfors", "Jonas", "Lars", "SAS".

    Known names are decided by the gazetteers (a name that is itself known stays as
    it is; ``name[:-1]`` known means ``-s`` was a genitive); given names by
    :func:`pipeline.resources.first_names`; other words by their ending: a final
    ``-s`` after a letter other than s/x/z is taken as genitive unless the word ends
    like a nominative s-word ("-ås", "-näs", "-fors", "-hus", "-us", "-is", ...).
    Only the last word changes.
    """
    s = _WS.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if len(s) < 3:
        return s
    for suffix in (":s", "'s", "\u2019s", ":S"):
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[: -len(suffix)]
    if s[-1] != "s":
        return s
    if next_word is not None and (not next_word or next_word.lower() in _not_after_genitive()):
        return s
    known = known_forms()
    if s in known:
        return s
    cand = s[:-1]
    if cand in known:
        return cand
    last = s.rsplit(" ", 1)[-1]
    if len(last) < 3 or not last[-2].isalpha() or last[-2] in "sxzSXZ":
        return s
    if last[:-1].isupper():  # "SKRs", "ICAs": genitive of an abbreviation
        return cand
    if last.isupper():
        return s
    names = R.first_names()
    if last in names:
        return s
    if last[:-1] in names:
        return cand
    low = last.lower()
    if low.endswith(_S_FINAL_ENDINGS) or (low.endswith("as") and not low.endswith("nas")):
        return s
    return cand


def genitive_of(form: str, *, place: bool = False) -> str:
    """The genitive a writer would use for ``form``: "SKR" -> "SKR:s",
    "Region Gotland" -> "Region Gotlands", "Borås" -> "Borås"."""
    if form.endswith(("s", "x", "z", "S", "X", "Z")):
        return form
    last = form.rsplit(" ", 1)[-1]
    abbreviation = last.isupper() if place else is_abbreviation(last)
    if abbreviation or not last[-1].isalpha() or any(c.isdigit() for c in last):
        return form + ":s"
    return form + "s"


