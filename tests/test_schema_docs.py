"""The README's data dictionary is the schema's, word for word."""
from pathlib import Path

from pipeline.dataset.schema import SCHEMAS, TABLES, data_dictionary_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_data_dictionary_is_generated_from_the_schema():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- data-dictionary:start -->") + len("<!-- data-dictionary:start -->")
    end = text.index("<!-- data-dictionary:end -->")
    assert text[start:end].strip() == data_dictionary_markdown().strip(), "run `make schema` to regenerate it"


def test_every_column_is_documented():
    for name, (columns, _) in TABLES.items():
        assert [c.name for c in columns] == SCHEMAS[name].names
        assert all(len(c.doc) > 15 for c in columns), name
