"""The fast paths keep the meaning of the plain definitions they replace.

Each function here was rewritten for speed (fewer passes over tokens, no
case-insensitive regex scans); the plain definition is written out in the test and
both are compared on realistic and on arbitrary text.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.strings import get_string_id

from pipeline.nlp.extensions import (
    WordTest,
    get_spans,
    remember_text,
    set_spans,
    token_strings,
)
from pipeline.parse import text as ptext
from pipeline.rawstore import raw_files, source_name
from pipeline.resources import resource_dir

LINES = [
    "Meny", "Dela sidan på Facebook", "Skip to main content", "Denna webbplats använder kakor för statistik.",
    "Startsida > Nyheter > Integration", "Nyheter › 2019 › Mars › Språkcafé", "Vädervarning: SMHI varnar för höga flöden",
    "Läs mer", "Foto: Anna Berg", "Sidan är äldre än 12 månader och kan vara inaktuell.", "Mer information",
    "Du är här: Start / Kommun och politik", "Telefon: 0470-410 00", "Pressmeddelande",
    "Hylte kommun får 2 miljoner kronor från Länsstyrelsen i Hallands län för arbete med nyanlända.",
    "Kontakta oss för mer information", "Ring till oss på 08-123 45 67", "12:30 min", "3 / 12", "* * *",
]
WORDS = st.sampled_from(["meny", "Dela", "sidan", "på", "kakor", "använder", ">", "›", "SMHI", "äldre", "än", "12",
                         "månader", "mer", "information", "Du", "är", "här", "Nyheter", "logotyp", "stäng", "Hylte", "kommun",
                         "xsmhi", "_smhi", "3smhi", "brandrisk", "inaktuell", "kanske", "inte", "längre", "aktuell",
                         "har", "entledigats", "cookies", "uses"])  # words glued to a notice word test its leading \b


def _plain(name: str) -> re.Pattern:
    lines = [ln.strip() for ln in (resource_dir() / name).read_text("utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in lines), re.I)


@pytest.mark.parametrize("name, fast", [("parse_boilerplate.txt", ptext.BOILERPLATE),
                                        ("parse_header_noise.txt", ptext.HEADER_NOISE)])
def test_line_patterns_match_the_same_lines_as_one_case_insensitive_fullmatch(name, fast):
    plain = _plain(name)
    for line in LINES:
        assert fast.fullmatch(line) == bool(plain.fullmatch(line)), line
    assert any(fast.fullmatch(line) for line in LINES) and not all(fast.fullmatch(line) for line in LINES)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=12).map(" ".join))
def test_line_patterns_agree_on_arbitrary_lines(line):
    for name, fast in [("parse_boilerplate.txt", ptext.BOILERPLATE), ("parse_header_noise.txt", ptext.HEADER_NOISE)]:
        assert fast.fullmatch(line) == bool(_plain(name).fullmatch(line))


def test_line_patterns_search_dot_star_patterns_and_keep_alternations_whole():
    patterns = ptext.LinePatterns([r".*\bsmhi\b.*", r".*slut", r".*a|b", "meny"], "test")
    assert patterns.fullmatch("Varning från SMHI i dag") and not patterns.fullmatch("smhix")
    assert patterns.fullmatch("Det är slut") and not patterns.fullmatch("slut igen")
    assert patterns.fullmatch("b") and not patterns.fullmatch("b c")  # ".*a|b": b is a whole line
    assert patterns.fullmatch("MENY") and not patterns.fullmatch("menyn")


def test_line_patterns_must_be_written_in_lower_case():
    with pytest.raises(ValueError, match="lower case"):
        ptext.LinePatterns(["Meny"], "test.txt")
    ptext.LinePatterns([r"\d+ \S+ \W"], "test.txt")  # escapes may be capitals


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab å.\t\n\u00a0\u200b\u2009")), max_size=60))
def test_normalise_spaces_then_tidy_equals_the_line_by_line_cleaner(text):
    def plain(line: str) -> str:
        line = re.sub(r"[\u200b-\u200d\u2060\ufeff\u00ad]", "", line)
        return re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", line).strip()
    assert [ptext.tidy_line(x) for x in ptext.normalise_spaces(text).split("\n")] == [plain(x) for x in text.split("\n")]


def test_captions_are_found_in_any_case():
    assert ptext.is_caption("FOTO: Anna Berg") and ptext.is_caption("Bild: kommunen") and ptext.is_caption("Foto/TT")
    assert not ptext.is_caption("Fotografen Anna Berg ställer ut") and not ptext.is_caption("Bilden visar skolan")


TEXTS = [
    "Språkcafé i Hylte\n\n2019-05-02\n\nHylte kommun får 2 miljoner kronor. – Det är bra!, säger Anna Berg.\n"
    "Kontakt: Anna Berg\nTelefon 0345-180 00",
    "\n\nRubrik utan punkt\nEn rad. \"Citat.\" Nästa mening (med parentes.) Slut…\n\n\n",
    "Ett. Två! Tre? ... Fyra\n – Fem.",
]


def _plain_newline(doc, text):
    starts = [t.idx for t in doc]
    return [False] + ["\n" in text[starts[i - 1]:starts[i]] for i in range(1, len(starts))]


def _plain_sentence_starts(texts, newline):
    starts, seen_final = [True] + [False] * (len(texts) - 1), False
    for i in range(1, len(texts)):
        token = texts[i]
        if token.isspace():
            continue
        if newline[i] or (seen_final and not all(unicodedata.category(c).startswith("P") for c in token)):
            starts[i], seen_final = True, False
        if token in {".", "!", "?", "…"}:
            seen_final = True
    return starts


@pytest.mark.parametrize("text", TEXTS)
def test_token_strings_and_sentence_starts_follow_the_plain_definitions(nlp, text):
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    texts, newline = token_strings(doc)
    assert texts == [t.text for t in doc]
    assert newline == _plain_newline(doc, text)
    doc = nlp.get_pipe("pressmine_sentences")(doc)
    assert [t.is_sent_start for t in doc] == _plain_sentence_starts(texts, newline)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Hej", "då", ".", "!", "?", "…", "\"", ")", "(", " ", "\n", "\n\n", " \n", "Anna", ",", "–"]),
                min_size=1, max_size=40).map("".join))
def test_sentence_starts_on_arbitrary_token_sequences(nlp, text):
    doc = nlp.make_doc(text)
    if not len(doc):
        return
    remember_text(doc, text)
    texts, newline = token_strings(doc)
    assert newline == _plain_newline(doc, text)
    doc = nlp.get_pipe("pressmine_sentences")(doc)
    assert [bool(t.is_sent_start) for t in doc] == _plain_sentence_starts(texts, newline)


def test_word_test_remembers_each_word_and_starts_over_past_its_limit():
    calls = []
    test = WordTest(lambda word: calls.append(word) or word.istitle(), limit=3)
    assert [test[w] for w in ["Anna", "och", "Anna", "Berg"]] == [True, False, True, True]
    assert calls == ["Anna", "och", "Berg"]
    test["Lund"]  # a fourth word: the memory is cleared first
    assert list(test) == ["Lund"]


def test_kept_spans_are_read_back_and_a_copied_doc_falls_back_to_its_span_groups(nlp):
    doc = nlp.make_doc("Anna Berg bor i Lund.")
    spans = [doc[0:2], doc[4:5]]
    set_spans(doc, "test", spans)
    assert get_spans(doc, "test") == spans and get_spans(doc, "test") is not get_spans(doc, "test")
    copy = doc.copy()
    assert [s.text for s in get_spans(copy, "test")] == ["Anna Berg", "Lund"]
    assert get_spans(copy, "missing") == []


def test_gazetteer_patterns_from_string_ids_match_like_pattern_docs(nlp):
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    names = ["Hylte kommun", "Länsstyrelsen i Hallands län", "Allmänna arvsfonden", "Röda Korset"]
    text = "Hylte kommun och länsstyrelsen i hallands län fick stöd av Allmänna arvsfonden, inte RÖDA KORSET."
    doc = nlp.make_doc(text)
    for attr, key in (("ORTH", lambda w: w), ("LOWER", str.lower)):
        from_docs, from_ids = PhraseMatcher(nlp.vocab, attr=attr), PhraseMatcher(nlp.vocab, attr=attr)
        from_docs.add("N", [Doc(nlp.vocab, words=n.split()) for n in names])
        from_ids.add("N", [[get_string_id(key(w)) for w in n.split()] for n in names])
        assert from_docs(doc) == from_ids(doc) and from_ids(doc)


def test_raw_files_lists_names_like_pathlib(tmp_path):
    for rel in ("b/2.html", "a.txt", "b/c/1.htm", "c.pdf", ".hidden.txt", ".git/x.txt", "manifest.jsonl"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", "utf-8")
    listed = raw_files(tmp_path)
    assert [name for _, name in listed] == ["a.txt", "b/2.html", "b/c/1.htm"]
    assert [name for _, name in listed] == [source_name(Path(path), tmp_path) for path, _ in listed]


def test_sentences_with_amounts_are_the_sentences_spacy_gives(nlp):
    from pipeline.nlp.grants.clauses import sentences_with

    text = ("Projektet startar i maj. Hylte kommun får 2 miljoner kronor.\nInget belopp här.\n"
            "Länsstyrelsen ger 500 000 kronor och 300 000 kronor till Röda Korset.")
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    for name in ("pressmine_sentences", "pressmine_money"):
        doc = nlp.get_pipe(name)(doc)
    money = get_spans(doc, "money")
    got = [(sent.text, [m.text for m in amounts]) for sent, amounts in sentences_with(doc, money)]
    expected = [(s.text, [m.text for m in money if s.start <= m.start < s.end]) for s in doc.sents]
    assert got == [e for e in expected if e[1]]
    assert [len(a) for _, a in got] == [1, 2]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["maj", "May", "3", "03,", "2019", "den", "mars", "Mars", "sept.", "12", "-", ",", "x",
                                 "jan", "janbo", "i", "\n", "2020-05-02", "juni"]), max_size=25).map(" ".join))
def test_english_order_dates_are_found_from_the_month_names(text):
    from pipeline.normalize.date_patterns import scan
    from pipeline.normalize.text import same_length_lower

    low = same_length_lower(text)
    months = [m.start() for m in scan("month", low)]
    assert [m.span() for m in scan("english_day", low, months)] == [m.span() for m in scan("english_day", low)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["3", "3:e", "12.", "maj", "Maj", "april", "2019", "1/4", "1.4", "04", "våren", "Hösten",
                                 "i", "den", "\n", "  ", ",", "-", "x", "mars.", "sommarens", "20", "2020-05-02"]),
                max_size=25).map(" ".join))
def test_the_date_scans_that_are_skipped_could_not_have_matched(text):
    from pipeline.normalize.date_patterns import SEASONS_ALONE, YEAR_START, scan
    from pipeline.normalize.text import same_length_lower

    low = same_length_lower(text)
    if list(scan("text_day", low)):
        assert list(scan("month", low))
    if list(scan("numeric_day", low)):
        assert YEAR_START.search(low)
    if list(scan("season_alone", low)):
        assert any(word in low for word in SEASONS_ALONE)


def test_kept_entities_are_what_doc_ents_gives(nlp):
    from spacy.tokens import Span

    from pipeline.nlp.extensions import get_ents, set_ents

    doc = nlp("Hylte kommun får 2 miljoner kronor från Länsstyrelsen i Hallands län, säger Anna Berg.")
    assert get_ents(doc) == list(doc.ents)  # after the pipeline: read from the Doc itself
    merged = nlp.make_doc("Anna Berg bor i Lund.")
    set_ents(merged, [Span(merged, 0, 2, label="PERSON"), Span(merged, 4, 5, label="LOC")])
    kept = [(s.text, s.start, s.label_) for s in get_ents(merged)]
    assert kept == [(s.text, s.start, s.label_) for s in merged.ents] == [("Anna Berg", 0, "PERSON"), ("Lund", 4, "LOC")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["och", "och,", "att", "det.", "the", "and", "of", "is", "Hylte", "kommun", "–", "2019",
                                 "(och)", "der", "und", "die", "som", "för", "projekt", "nyanlända", "\n"]),
                min_size=0, max_size=120).map(" ".join))
def test_looks_swedish_fast_path_agrees_with_the_plain_definition(text):
    from pipeline.parse import language

    words = language._words(text)
    if len(words) < language.MIN_WORDS:
        plain = True
    else:
        swedish = language._share(words, "sv")
        plain = swedish >= language.SWEDISH_SHARE or swedish >= max(
            language._share(words, lang) for lang in language._function_words())
    assert language.looks_swedish(text) == plain


def test_a_build_served_from_the_cache_never_imports_the_nlp_or_learning_libraries():
    """The modules a no-change build runs import neither spaCy nor scikit-learn (each
    costs a large part of a second at start-up)."""
    import subprocess
    import sys

    code = ("import sys, pipeline.__main__, pipeline.build, pipeline.build.output, pipeline.dataset.rows; "
            "print(sorted(m for m in ('spacy', 'sklearn') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
