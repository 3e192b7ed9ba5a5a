"""The tokenizer splits a range of small numbers at its dash, so each end of a date or
money range is a mention of its own; years, ISO dates and phone numbers stay whole."""
from __future__ import annotations

import pytest
from nlp_runs import run_pipeline


@pytest.mark.parametrize("text, tokens", [
    ("24–26 augusti", ["24", "–", "26", "augusti"]),
    ("(3-5 veckor)", ["(", "3", "-", "5", "veckor", ")"]),
    ("150-300 kronor,", ["150", "-", "300", "kronor", ","]),
    ("2019–2021", ["2019–2021"]),
    ("2019-05-02", ["2019-05-02"]),
    ("0701-23 45 67", ["0701-23", "45", "67"]),
    ("E-post", ["E-post"]),
])
def test_number_ranges_are_split_at_the_dash(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_both_days_of_a_range_within_a_month_are_dates(nlp):
    doc = run_pipeline(nlp, "Konferensen om mottagande hålls 24–26 augusti 2017 i Solby.")
    assert [(e.text, e._.date) for e in doc.ents if e.label_ == "DATE"] == [
        ("24", "2017-08-24"), ("26 augusti 2017", "2017-08-26")]


def test_both_ends_of_an_amount_range_are_amounts(nlp):
    doc = run_pipeline(nlp, "Avgiften för kursen är 150-300 kronor per tillfälle.")
    assert [e._.amount_sek for e in doc.ents if e.label_ == "MONEY"] == [150, 300]
