"""The top of a release page: which line is the headline, which lines are furniture.

A Swedish release copied from the web opens with site chrome (skip links, the site's
name, cookie and alert banners, breadcrumbs), then the headline, a dateline just above
or below it, and the lead that the rest of the text expands on. The headline is the
first headline-shaped line above the body unless later lines have better evidence of
being it; evidence is what holds on any site, not phrases of particular sites:

- a dateline or a publication label ("Publicerad", "Nyhet") sits right above or below it;
- its text appears twice on the page (a breadcrumb's last crumb, a repeated heading);
- the body that follows uses its words, names aside (a site's name recurs in the body
  too, so names are no evidence).

A first line without evidence gives way to a later line with strong evidence (a date
beside it, a repeat, two or more of its words in the body). The page-noise patterns
(``parse_header_noise.txt``) remove notices and breadcrumbs above the body, but never a
line with strong evidence of being the headline; a close box ("Stäng rutan") ends a
dialog whose lines are furniture on the same terms.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from pipeline.normalize.organisations import lookup_org

from .dateline import parse_dateline
from .language import function_words
from .lines import (
    ALL_LABELS,
    EMPTY_LABEL,
    HEADER_NOISE,
    UI_MAX_CHARS,
    is_caption,
    is_date_label,
    n_words,
)

Pos = tuple[int, int]  # (block, line in block)

_LETTERS_3 = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}")  # three letters
_KICKER = re.compile(r"^(?:press)?meddelande\b(?!.*\d{4})", re.I)
ORG_LINE = re.compile(
    r"^(?:[A-ZÅÄÖ][\w\-]+(?:\s[A-ZÅÄÖ][\w\-]+)?\s(?:kommun|stad|län|landsting|region)|"
    r"Region\s[A-ZÅÄÖ][\w\-]+(?:\s[A-ZÅÄÖ][\w\-]+)?|Länsstyrelsen(?:\si)?\s[A-ZÅÄÖ][\w\-]+(?:\s\w+){0,2})$"
)
# On lower-cased text; every alternative contains "stäng", which _dialog_end tests first.
_CLOSE_BOX = re.compile(r"\bstäng rutan\b|\bstäng\b\s*$")
_CONTACTISH = re.compile(r"@|https?://|www\.|\b0\d{1,3}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}\b|\+46")
SENTENCE_END = re.compile(r"[.!?…](?:[\"”’)]*)(?:\s|$)")
_QUOTE_START = re.compile(r"^[-–—]\s|^[-–—]\S")  # a quote opens with a dash in Swedish
_LIST_OR_QUOTE_START = re.compile(r"^[-–—•·*]\s|^[-–—]\S")  # a bullet opens a list item
_CRUMB_SEPARATOR = re.compile(r"\s[>›»/|•]\s")
_LEADING_MARKS = re.compile(r"^[\s\-–—•·*>›»/|]+")
_SITE_TAIL = re.compile(r"^(?P<head>.*\S)\s+[|–—-]\s+(?P<tail>[^|–—-]+)$")  # "Rubrik | Storby kommun"
_GLUED_FIRST_WORD = re.compile(r"^([A-ZÅÄÖ][a-zåäöé]+)(?=[A-ZÅÄÖ0-9][\wåäöÅÄÖ])")  # "NyheterNorrby får ..."
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_BODY_MIN_WORDS = 12
_HEADER_MAX_LINES = 40
_TITLE_MAX_WORDS = 25
_DIALOG_WINDOW = 15  # lines from the top where a close box ends a dialog
_FOLLOWING_WORDS = 200  # how much of the text after a line is read for its words
_STRONG_SHARED_WORDS = 2


def title_shape(line: str) -> bool:
    """Could this stand-alone line be a headline?"""
    n = n_words(line)
    if n == 0 or n > _TITLE_MAX_WORDS or len(line) > 220:
        return False
    if line[-1] in ".:;,":
        return False
    if _LIST_OR_QUOTE_START.match(line) or is_caption(line) or _CONTACTISH.search(line):
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in "\"”“'«§"):
        return False
    if parse_dateline(line) or EMPTY_LABEL.fullmatch(line) or is_date_label(line):
        return False
    if re.match(r"^[\w ]{1,30}:\s", line) and n > 1 and line.split(":")[0].lower() in ALL_LABELS:
        return False
    return bool(_LETTERS_3.search(line))


def is_body_paragraph(text: str) -> bool:
    """Running prose: long enough and with a sentence end, or a quote line. A line that
    opens with a bullet is a list item, which a lead never is."""
    if is_caption(text):
        return False
    if _QUOTE_START.match(text) and n_words(text) >= 6:
        return True
    if _LIST_OR_QUOTE_START.match(text):
        return False
    return n_words(text) >= _BODY_MIN_WORDS and bool(SENTENCE_END.search(text))


@dataclass(frozen=True)
class PageTop:
    title: str | None
    title_pos: Pos | None  # the line the headline was read from
    drop: frozenset[Pos]  # furniture above the body, left out of the text


def read_top(blocks: list[list[str]], date_pos: Pos | None) -> PageTop:
    """Headline and furniture of the top of a page given as blank-line separated blocks."""
    return _Page(blocks).top(date_pos)


def content_words(line: str) -> list[tuple[int, str]]:
    """(offset, lower-cased word) of the words that say what a line is about: four
    letters or more, not function words, and not names (a capitalised word that does
    not open the line; a line in capitals has none)."""
    words = []
    stop = function_words("sv")
    shouting = line.isupper()
    for m in _CONTENT_WORD.finditer(line):
        word = m.group()
        if word.lower() in stop or (m.start() and not shouting and word[0].isupper()):
            continue
        words.append((m.start(), word.lower()))
    return words


class _WordIndex:
    """The words of a stretch of text, matched allowing inflection and compounding:
    a word of six letters or more by its first six, a shorter one by itself with an
    ending of up to three letters ("stöd", "stödet"; not "följ", "följande")."""

    def __init__(self, words: set[str]):
        self.six = {w[:6] for w in words if len(w) >= 6}
        self.short = {w[:n] for w in words for n in (4, 5) if len(w) <= n + 3}

    def __contains__(self, word: str) -> bool:
        return word[:6] in self.six if len(word) >= 6 else word in self.short


class _Page:
    """The lines of a page in order (flat), with what is known about each near the top."""

    def __init__(self, blocks: list[list[str]]):
        self.blocks = blocks
        self.pos: list[Pos] = [(bi, li) for bi, block in enumerate(blocks) for li in range(len(block))]
        self.lines: list[str] = [blocks[bi][li] for bi, li in self.pos]
        self.window = min(len(self.lines), _HEADER_MAX_LINES)
        self._noise: dict[int, bool] = {}
        self._words: dict[int, list[str]] = {}

    # -- what each line is -----------------------------------------------------------
    def noise(self, k: int) -> bool:
        """Does line k match a page-noise pattern (near the top; each line matched once)?"""
        if k not in self._noise:
            line = self.lines[k]
            self._noise[k] = (k < self.window and len(line) <= UI_MAX_CHARS
                              and HEADER_NOISE.fullmatch(_LEADING_MARKS.sub("", line)))
        return self._noise[k]

    @cached_property
    def dialog_end(self) -> int:
        """The last close box near the top ("Stäng rutan"), which ends a dialog; -1 if
        there is none."""
        last = -1
        for k in range(min(self.window, _DIALOG_WINDOW)):
            low = self.lines[k].lower()
            if "stäng" in low and _CLOSE_BOX.search(low):  # a literal every _CLOSE_BOX match has
                last = k
        return last

    def is_date(self, k: int) -> bool:
        return bool(parse_dateline(self.lines[k]) or is_date_label(self.lines[k]))

    def furniture(self, k: int) -> bool:
        """Noise, dialog or a bare date label: never the lead, and dropped unless the
        headline is found in it."""
        return self.noise(k) or k <= self.dialog_end or is_date_label(self.lines[k])

    # -- evidence ---------------------------------------------------------------------
    def _neighbour(self, k: int, step: int) -> int | None:
        k += step
        while 0 <= k < len(self.lines) and (self.noise(k) or k <= self.dialog_end) and not is_date_label(self.lines[k]):
            k += step
        return k if 0 <= k < len(self.lines) else None

    def dated(self, k: int) -> bool:
        return any(n is not None and self.is_date(n) for n in (self._neighbour(k, -1), self._neighbour(k, 1)))

    @cached_property
    def _seen(self) -> Counter:
        """How often each short line's text occurs on the page, breadcrumb ends included."""
        seen: Counter = Counter()
        for k, line in enumerate(self.lines):
            if len(line) <= 220:
                seen[fold(line)] += 1
                if k < self.window and _CRUMB_SEPARATOR.search(line):
                    seen[fold(_last_crumb(line))] += 1
                if k < self.window and (tail := _SITE_TAIL.match(line)):
                    seen[fold(tail["head"])] += 1
        return seen

    def repeated(self, text: str) -> bool:
        return self._seen[fold(text)] >= 2

    def shared_words(self, k: int, text: str) -> int:
        """How many of the line's content words the following text uses, its first word
        aside (a link's verb: "Följ", "Läs")."""
        following: set[str] = set()
        n = 0
        for j in range(k + 1, len(self.lines)):
            if self.noise(j):
                continue
            if j not in self._words:
                self._words[j] = [w.lower() for w in _CONTENT_WORD.findall(self.lines[j])]
            following.update(self._words[j])
            n += self.lines[j].count(" ") + 1
            if n >= _FOLLOWING_WORDS:
                break
        index = _WordIndex(following)
        return sum(1 for start, word in content_words(text) if start and word in index)

    def evidence(self, k: int, text: str) -> int:
        """0 none, 1 weak (one word of it in the body), 2 strong."""
        if self.dated(k) or self.repeated(text):
            return 2
        shared = self.shared_words(k, text)
        return 2 if shared >= _STRONG_SHARED_WORDS else int(shared > 0)

    # -- structure ----------------------------------------------------------------------
    def body_start(self) -> int:
        """The first line of the body: in the first block whose lines, furniture aside,
        read as running prose, its first line that does by itself (else its second)."""
        k = 0
        for block in self.blocks:
            lines = range(k, k + len(block))
            k += len(block)
            if lines.start >= self.window:
                return lines.start
            live = [j for j in lines if not self.furniture(j)]
            if live and is_body_paragraph(" ".join(self.lines[j] for j in live)):
                own = next((j for j in live if is_body_paragraph(self.lines[j])), None)
                return own if own is not None else live[min(1, len(live) - 1)]
        return len(self.lines)

    def candidate(self, k: int) -> str | None:
        """The headline-shaped text line k offers: the line, the last crumb of a
        breadcrumb, or what follows a section name glued to it ("NyheterNorrby får ...")."""
        line = self.lines[k]
        if self.noise(k) and _CRUMB_SEPARATOR.search(line):
            line = _last_crumb(line)
            if n_words(line) < 3:
                return None
        glued = _GLUED_FIRST_WORD.match(line)
        if glued and HEADER_NOISE.fullmatch(glued.group(1)):
            line = line[glued.end():]
        tail = _SITE_TAIL.match(line)  # a page title: the headline and the site's name
        if tail and (self.repeated(tail["head"]) or lookup_org(tail["tail"])):
            line = tail["head"]
        if not title_shape(line) or ORG_LINE.match(line) or _KICKER.match(line):
            return None
        return line

    def standalone(self, k: int) -> bool:
        """First line of its block, and alone there or followed by a date or the lead."""
        bi, li = self.pos[k]
        block_start = k - li
        if any(not self.furniture(j) for j in range(block_start, k)):
            return False
        nxt = self._neighbour(k, 1)
        return nxt is None or self.pos[nxt][0] != bi or self.is_date(nxt) or is_body_paragraph(self.lines[nxt])

    def top(self, date_pos: Pos | None) -> PageTop:
        body = self.body_start()
        start = max((k + 1 for k in range(body) if _KICKER.match(self.lines[k])), default=0)
        found: list[tuple[int, str, int]] = []  # (line, text, evidence) of the headline candidates
        for k in range(start, body):
            text = self.candidate(k)
            if text is None:
                continue
            ev = self.evidence(k, text)
            if (self.furniture(k) and ev < 2) or not (ev or self.standalone(k)):
                continue  # furniture is a headline only on strong evidence, a line inside a block on some
            found.append((k, text, ev))
        pick = _choose(found)
        drop = {self.pos[k] for k in range(body) if self.furniture(k) and (pick is None or k != pick[0])}
        if pick is not None:  # chrome passed over for lack of evidence, and the headline's repeats
            drop.update(self.pos[k] for k, _, ev in found if k < pick[0] and not ev)
            drop.update(self.pos[k] for k, text, _ in found if k != pick[0] and fold(text) == fold(pick[1]))
        if date_pos is not None:  # a category or breadcrumb line glued under the dateline, above the body
            k = self.pos.index(date_pos) + 1
            while k < body and self.pos[k][0] == date_pos[0]:
                if not SENTENCE_END.search(self.lines[k]) and not is_caption(self.lines[k]):
                    drop.add(self.pos[k])
                k += 1
        drop.update(p for k, p in enumerate(self.pos) if k >= body and is_date_label(self.lines[k]))
        if pick is None:
            return PageTop(None, None, frozenset(drop))
        return PageTop(pick[1], self.pos[pick[0]], frozenset(drop - {self.pos[pick[0]]}))


def _choose(found: list[tuple[int, str, int]]) -> tuple[int, str] | None:
    """The first candidate of two words or more, unless it has no evidence and a later
    one has strong evidence; a one-word line only when there is nothing else."""
    several = [c for c in found if n_words(c[1]) >= 2]
    for i, (k, text, ev) in enumerate(several):
        if ev or not any(later[2] == 2 for later in several[i + 1:]):
            return k, text
    return (found[0][0], found[0][1]) if found else None


def fold(text: str) -> str:
    """A line as compared with its repeats: case and leading list marks aside."""
    return _LEADING_MARKS.sub("", text).casefold()


def _last_crumb(line: str) -> str:
    return _CRUMB_SEPARATOR.split(line)[-1].strip()
