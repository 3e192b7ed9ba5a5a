"""The project's one change to spaCy's Swedish tokenizer: a range of small numbers
("24–26 augusti 2017", "150-300 kronor", "3-5 veckor") is split at its dash.

The date and money finders read the text and find each end of such a range as a
mention of its own ("24" and "26 augusti 2017"); spaCy's default keeps "24-26" one
token, so both mentions would have to grow to that token and the first end was lost.
Only numbers of one to three digits are split: a year range ("2019–2021"), an ISO
date ("2019-05-02") and a phone number's area code ("0707-12") stay whole.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

DASHES = "[-–—]"
# Infixes are matched within a token stripped of its prefixes and suffixes, so ^ and $
# are the number's own ends; one look-behind per width, as Python's must be fixed.
NUMBER_RANGE = "|".join(rf"(?<=^\d{{{n}}}){DASHES}(?=\d{{1,3}}$)" for n in (1, 2, 3))


def split_number_ranges(nlp: Language) -> None:
    """Give ``nlp``'s tokenizer the language's infixes and the number-range infix
    (idempotent: built from the defaults each time)."""
    nlp.tokenizer.infix_finditer = compile_infix_regex([*(nlp.Defaults.infixes or ()), NUMBER_RANGE]).finditer
