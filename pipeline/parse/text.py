"""Plain-text press releases: headline, publication date and clean body.

Most input is a release copied from a web page as text, so it carries page remnants
(menus, notices, logos, markdown, empty labels, media-player times). The layout of a
Swedish release page is stable: optional site chrome, then the headline as a short
stand-alone line, a dateline just above or below it, then lead and body, and often a
contact block at the end. We clean line by line with precompiled patterns from
``pipeline/resources/parse_*.txt`` and read the structure of the top of the page to
find headline and date. Everything is regex; no date parser runs over the body.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline import resources

from .dateline import LABELS, parse_dateline
from .tables import unglue_table_rows



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
    return LinePatterns(resources.read_word_list(name), name)


BOILERPLATE = _load_patterns("parse_boilerplate.txt")
HEADER_NOISE = _load_patterns("parse_header_noise.txt")
_ALL_LABELS = LABELS["published"] + LABELS["updated"] + LABELS["other_empty"]
EMPTY_LABEL = re.compile(
    r"\(?(?:%s)\)?\s*:?\s*" % "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_ALL_LABELS, key=len, reverse=True)),
    re.I,
)

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

# Structure of the top of the page.
_CAPTION = re.compile(r"(?:\b(?:foto|bild|fotograf|photo)\s*:|^(?:foto|bild)\b|\bfoto\s*/)")  # on lower-cased text
_LETTERS_3 = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}")  # three letters
_KICKER = re.compile(r"^(?:press)?meddelande\b(?!.*\d{4})", re.I)
_ORG_LINE = re.compile(
    r"^(?:[A-ZÅÄÖ][\w\-]+(?:\s[A-ZÅÄÖ][\w\-]+)?\s(?:kommun|stad|län|landsting|region)|"
    r"Region\s[A-ZÅÄÖ][\w\-]+(?:\s[A-ZÅÄÖ][\w\-]+)?|Länsstyrelsen(?:\si)?\s[A-ZÅÄÖ][\w\-]+(?:\s\w+){0,2})$"
)
# On lower-cased text; every alternative contains "stäng", which _drop_popup tests first.
_CLOSE_BOX = re.compile(r"\bstäng rutan\b|\bstäng\b\s*$")
_CONTACTISH = re.compile(r"@|https?://|www\.|\b0\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b|\+46")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"”’)]*)(?:\s|$)")
_QUOTE_START = re.compile(r"^[-–—•·*]\s|^[-–—]\S")
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")
_UI_MAX_CHARS = 240
_BODY_MIN_WORDS = 12
_HEADER_MAX_LINES = 40
_TITLE_MAX_WORDS = 25
_DATELINE_WINDOW = 18  # non-empty lines from the top that may hold the dateline


@dataclass(frozen=True)
class TextArticle:
    title: str | None
    published: dt.date | None
    text: str  # clean body WITHOUT the title


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
    if len(line) > _UI_MAX_CHARS:  # running prose; skipping it keeps the scan cheap
        return False
    return BOILERPLATE.fullmatch(line) or bool(EMPTY_LABEL.fullmatch(line))


def _blocks(raw: str) -> list[list[str]]:
    """Clean lines grouped into paragraphs (blank-line separated); UI lines removed."""
    blocks: list[list[str]] = []
    cur: list[str] = []
    for raw_line in normalise_spaces(raw).split("\n"):
        line = tidy_line(raw_line)
        if not line:
            if cur:
                blocks.append(cur)
                cur = []
            continue
        if is_boilerplate(line):
            continue
        if cur and line == cur[-1]:  # image alt text followed by the same caption
            continue
        cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def _n_words(s: str) -> int:
    return len(_WORDS.findall(s))


def is_caption(text: str) -> bool:
    """A photo credit or caption ("Foto: Anna Berg"). The substring test first: it rules
    out almost every line at a fraction of the cost of the regular expression."""
    low = text.lower()
    return ("foto" in low or "bild" in low or "photo" in low) and bool(_CAPTION.search(low))


def is_body_paragraph(text: str) -> bool:
    """Running prose: long enough and with a sentence end, or a quote line."""
    if is_caption(text):
        return False
    if _QUOTE_START.match(text) and _n_words(text) >= 6:
        return True
    return _n_words(text) >= _BODY_MIN_WORDS and bool(_SENTENCE_END.search(text))


def title_shape(line: str) -> bool:
    """Could this stand-alone line be a headline?"""
    n = _n_words(line)
    if n == 0 or n > _TITLE_MAX_WORDS or len(line) > 220:
        return False
    if line[-1] in ".:;,":
        return False
    if _QUOTE_START.match(line) or is_caption(line) or _CONTACTISH.search(line):
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"”“'«§"):
        return False
    if parse_dateline(line) or EMPTY_LABEL.fullmatch(line):
        return False
    if re.match(r"^[\w ]{1,30}:\s", line) and n > 1 and line.split(":")[0].lower() in _ALL_LABELS:
        return False
    return bool(_LETTERS_3.search(line))


def _find_published(blocks: list[list[str]]) -> tuple[dt.date | None, tuple[int, int] | None]:
    seen = 0
    for bi, block in enumerate(blocks):
        for li, line in enumerate(block):
            seen += 1
            if seen > _DATELINE_WINDOW:
                return None, None
            got = parse_dateline(line)
            if got and got[0] == "published":
                return got[1], (bi, li)
    return None, None


def _drop_popup(blocks: list[list[str]]) -> list[list[str]]:
    """A "Stäng rutan" (close box) near the top ends a dialog: drop everything above it."""
    last = None
    n = 0
    for bi, block in enumerate(blocks):
        for line in block:
            n += 1
            low = line.lower()
            if "stäng" in low and _CLOSE_BOX.search(low):  # a literal every _CLOSE_BOX match has
                last = bi
        if n > 15:
            break
    return blocks[last + 1 :] if last is not None else blocks


def parse_plain_text(raw: str) -> TextArticle:
    """Headline, stated publication date and clean body of a release given as text."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [unglue_table_rows(block) for block in _drop_popup(_blocks(raw))]
    published, date_pos = _find_published(blocks)

    drop, header_end = _header_noise(blocks, date_pos)
    title_pos = _find_title(blocks, drop, header_end)
    title = blocks[title_pos[0]][title_pos[1]] if title_pos else None

    # Body: everything else; org-name lines and duplicates of the title above it go.
    out: list[str] = []
    for bi, block in enumerate(blocks):
        keep = []
        for li, line in enumerate(block):
            if (bi, li) in drop or (bi, li) == title_pos:
                continue
            if title_pos and bi <= title_pos[0] and (_ORG_LINE.match(line) or line == title):
                continue
            keep.append(line)
        para = "\n".join(keep)
        if para and not (out and para == out[-1]):  # caption repeated as its own paragraph
            out.append(para)
    return TextArticle(title=title, published=published, text="\n\n".join(out))


def _header_noise(blocks: list[list[str]], date_pos: tuple[int, int] | None) -> tuple[set[tuple[int, int]], int]:
    """Lines to drop above the body, and the index of the first body block."""
    drop: set[tuple[int, int]] = set()
    seen = 0
    for bi, block in enumerate(blocks):
        if seen > _HEADER_MAX_LINES:
            return drop, bi
        seen += len(block)
        for li, line in enumerate(block):
            # Notices and breadcrumbs are short; a longer line is the lead, even when it
            # names SMHI or a fire risk (and skipping it spares the costliest scan).
            if len(line) <= _UI_MAX_CHARS and HEADER_NOISE.fullmatch(line):
                drop.add((bi, li))
        if date_pos and date_pos[0] == bi:  # category/breadcrumb line glued under the dateline
            for li in range(date_pos[1] + 1, len(block)):
                if not _SENTENCE_END.search(block[li]) and not is_caption(block[li]):
                    drop.add((bi, li))
        live = " ".join(ln for li, ln in enumerate(block) if (bi, li) not in drop)
        if live and is_body_paragraph(live):
            return drop, bi
    return drop, len(blocks)


def _find_title(blocks: list[list[str]], drop: set[tuple[int, int]], header_end: int) -> tuple[int, int] | None:
    """The headline: the first stand-alone, headline-shaped line above the body.

    A kicker ("Pressmeddelande från X") announces the headline, so candidates above it
    do not count. One-word lines (a section name above the headline) are a fallback.
    """
    start = 0
    for bi in range(header_end):
        if any(_KICKER.match(ln) for ln in blocks[bi]):
            start = bi + 1
    fallback = None
    for bi in range(start, min(header_end + 1, len(blocks))):
        live = [(li, ln) for li, ln in enumerate(blocks[bi]) if (bi, li) not in drop]
        if not live:
            continue
        li, line = live[0]
        if bi == header_end:  # the first body block may open with the headline line
            if len(live) > 1 and title_shape(line) and not _ORG_LINE.match(line) and _n_words(line) >= 2:
                return bi, li
            break
        if len(live) > 1:
            nxt = live[1][1]
            if not (parse_dateline(nxt) or is_body_paragraph(nxt)):
                continue
        if not title_shape(line) or _ORG_LINE.match(line) or _KICKER.match(line):
            continue
        if _n_words(line) >= 2:
            return bi, li
        if fallback is None:
            fallback = (bi, li)
    return fallback
