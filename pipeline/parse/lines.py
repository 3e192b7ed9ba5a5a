"""Line-level clean-up of a release copied from a web page as text.

Each line loses markdown, link notes and odd spacing; a line that is pure page
furniture (a menu, a share button, a cookie button, a label with no value) is known
by the whole-line patterns of ``pipeline/resources/parse_boilerplate.txt``. The
patterns of ``parse_header_noise.txt`` (notices and breadcrumbs above the headline)
are loaded here too and applied by :mod:`pipeline.parse.headline`, which knows where
the headline is.
"""
from __future__ import annotations

import re
from importlib import resources

from .dateline import LABELS

_RES = resources.files("pipeline.resources")

class LinePatterns:
    """Whole-line patterns from a data file, matched case-insensitively.

    Lines are lower-cased once and matched without ``re.I``, which is several times
    faster in Python's ``re``; so the patterns must be written in lower case. A
    pattern of the form ``.*X.*`` is searched for ``X`` instead of full-matched: the
    same lines, without backtracking over each of them once per such pattern.
    """

    def __init__(self, patterns: list[str], origin: str) -> None:
        whole, inner = [], []
        for pattern in patterns:
            literal = re.sub(r"\\.", "", pattern)  # escapes (\d, \S, ...) may be capitals
            if literal != literal.lower():
                raise ValueError(f"{origin}: write the pattern {pattern!r} in lower case (lines are lower-cased)")
            if pattern.startswith(".*") and not _top_level_alternation(pattern):
                rest = pattern[2:]
                rest = rest[:-2] if rest.endswith(".*") and not rest.endswith("\\.*") else rf"(?:{rest})\Z"
                # A leading \b is checked in Python: without it the pattern starts with
                # letters, and re skips ahead to them instead of trying every position.
                bounded = rest.startswith("\\b")
                inner.append((re.compile(rest[2:] if bounded else rest), bounded))
            else:
                whole.append(pattern)
        self.whole = re.compile("|".join(f"(?:{p})" for p in whole)) if whole else None
        self.inner = inner

    def fullmatch(self, line: str) -> bool:
        low = line.lower()
        if self.whole and self.whole.fullmatch(low):
            return True
        return any(_search_at_word_start(pattern, low) if bounded else pattern.search(low)
                   for pattern, bounded in self.inner)


def _search_at_word_start(pattern: re.Pattern, text: str) -> bool:
    r"""``re.search(r"\b" + pattern)``, for a pattern that starts with a word character."""
    pos = 0
    while m := pattern.search(text, pos):
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return True
        pos = start + 1
    return False


def _top_level_alternation(pattern: str) -> bool:
    """Does ``pattern`` have a ``|`` outside any group or character class?"""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _load_patterns(name: str) -> LinePatterns:
    lines = [
        ln.strip() for ln in _RES.joinpath(name).read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    return LinePatterns(lines, name)


BOILERPLATE = _load_patterns("parse_boilerplate.txt")
HEADER_NOISE = _load_patterns("parse_header_noise.txt")
ALL_LABELS = LABELS["published"] + LABELS["updated"] + LABELS["other_empty"]


def label_alternation(words: list[str]) -> str:
    """Words as a regex alternation, longest first, any run of spaces between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


EMPTY_LABEL = re.compile(r"\(?(?:%s)\)?\s*:?\s*" % label_alternation(ALL_LABELS), re.I)
# A line of date labels with no date ("Publicerad:", "Nyhet Publicerad Ändrad"): it marks
# where the page put its dates, so the headline beside it can be known by it.
DATE_LABELS = re.compile(r"(?:\(?(?:%s)\)?\s*:?\s*)+" % label_alternation(LABELS["published"] + LABELS["updated"]), re.I)

# Markdown and inline remnants.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_MD_LEAD = frozenset("#>-*_")
_LINK_NOTE = re.compile(r"\s*(?:länk till annan webbplats|extern länk|öppnas i (?:nytt|ett nytt) fönster)[,.]?", re.I)
_SPACE_CHARS = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"
_ZERO_WIDTH_CHARS = "\u200b-\u200d\u2060\ufeff\u00ad"
_SPACES = re.compile(rf"[{_SPACE_CHARS}][ {_SPACE_CHARS}]*| [ {_SPACE_CHARS}]+")  # only runs that are not one space
_ZERO_WIDTH = re.compile(rf"[{_ZERO_WIDTH_CHARS}]")
_ODD_SPACE = re.compile(rf"[{_SPACE_CHARS}{_ZERO_WIDTH_CHARS}]")  # anything normalise_spaces changes but "  "

_CAPTION = re.compile(r"(?:\b(?:foto|bild|fotograf|photo)\s*:|^(?:foto|bild)\b|\bfoto\s*/)")  # on lower-cased text
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")
UI_MAX_CHARS = 240


def clean_line(line: str) -> str:
    """Inline clean-up of one line: markdown, link notes, spacing."""
    return tidy_line(normalise_spaces(line))


def normalise_spaces(text: str) -> str:
    """Zero-width characters out, every other run of spaces one plain space (newlines kept).
    Done once over a whole text where possible: one pass instead of one per line. Most
    texts need no change, which two fast scans tell."""
    if "  " not in text and not _ODD_SPACE.search(text):
        return text
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text))


def tidy_line(line: str) -> str:
    """Markdown and link notes out of one line whose spaces are already normalised."""
    tidy = line
    if line.lstrip()[:1] in _MD_LEAD:
        if _MD_RULE.match(tidy):
            return ""
        tidy = _MD_QUOTE.sub("", _MD_HEADING.sub("", tidy))
    if "](" in tidy:
        tidy = _MD_IMAGE.sub(r"\1", tidy)
        tidy = _MD_LINK.sub(lambda m: m.group(1) or m.group(2).removeprefix("mailto:"), tidy)
    if "**" in tidy or "__" in tidy:
        tidy = _MD_BOLD.sub(r"\2", tidy)
    if "nster" in tidy or "nk" in tidy:
        tidy = _LINK_NOTE.sub("", tidy)
    if tidy is not line:  # a removal may leave two spaces side by side
        tidy = _SPACES.sub(" ", tidy)
    return tidy.strip()


def is_boilerplate(line: str) -> bool:
    """Pure UI line (anywhere in the page) or a label with no value."""
    if len(line) > UI_MAX_CHARS:  # running prose; skipping it keeps the scan cheap
        return False
    return BOILERPLATE.fullmatch(line) or bool(EMPTY_LABEL.fullmatch(line))


def is_date_label(line: str) -> bool:
    """Only date labels, no date: "Publicerad:", "Publicerad Senast uppdaterad"."""
    return len(line) <= 80 and bool(DATE_LABELS.fullmatch(line))


def n_words(s: str) -> int:
    return len(_WORDS.findall(s))


def is_caption(text: str) -> bool:
    """A photo credit or caption ("Foto: Anna Berg"). The substring test first: it rules
    out almost every line at a fraction of the cost of the regular expression."""
    low = text.lower()
    return ("foto" in low or "bild" in low or "photo" in low) and bool(_CAPTION.search(low))
