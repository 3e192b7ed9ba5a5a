"""Bytes -> text, file -> Document, and the reasons files are set aside."""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

import pytest

from pipeline.document import RejectedInput
from pipeline.parse import parse_file
from pipeline.parse.decode import decode_bytes
from pipeline.rawstore import iter_raw_files, source_name

SWEDISH = "Länsstyrelsen i Västra Götaland fördelar pengar till föreningar i Åmål och Öckerö."
FIX = Path(__file__).parent / "fixtures" / "parse"

RELEASE = (
    "Meny\n\nStöd till språkcafé i Åmål\n\n2019-05-03\n\n"
    "Åmåls kommun får 200 000 kronor från Länsstyrelsen för att driva språkcaféet vidare. "
    "Caféet träffas varje vecka på biblioteket och är öppet för alla.\n"
)


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(SWEDISH.encode("utf-8")) == (SWEDISH, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + SWEDISH.encode("utf-8")) == (SWEDISH, "utf-8")


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32(enc: str) -> None:
    text, name = decode_bytes(SWEDISH.encode(enc))
    assert text == SWEDISH and name.startswith(enc[:6])


def test_windows_1252() -> None:
    data = "Åmål – “Språkcafé” för nyanlända i Örebro; få 5 000 €".encode("cp1252")
    assert b"\xe5" in data and b"\xe4" in data and b"\xf6" in data
    text, name = decode_bytes(data)
    assert text == "Åmål – “Språkcafé” för nyanlända i Örebro; få 5 000 €"
    assert name == "cp1252"


def test_latin1() -> None:
    text, name = decode_bytes(SWEDISH.encode("latin-1"))
    assert text == SWEDISH and name in ("cp1252", "iso8859-1")


def test_declared_charset_and_meta_charset() -> None:
    data = "<html><head><meta charset=\"iso-8859-15\"></head><body>Pris 5 € för å ä ö</body></html>".encode("iso-8859-15")
    text, name = decode_bytes(data)
    assert "5 € för å ä ö" in text and name == "iso8859-15"
    text, name = decode_bytes("Göteborg".encode("cp1252"), declared="windows-1252")
    assert text == "Göteborg" and name == "cp1252"


def test_crlf_and_nfc() -> None:
    decomposed = "Malmo\u0308 stad\r\nrad tva\u030a\r"
    text, _ = decode_bytes(decomposed.encode("utf-8"))
    assert text == "Malmö stad\nrad två\n"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\r\n ", "empty"),
        (codecs.BOM_UTF8 + b"   \n", "empty"),
        ("   \n".encode("utf-16"), "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "binary"),
        (b"abc\x00\x01\x02\x03\x04def" * 50, "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
)
def test_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput) as err:
        decode_bytes(data)
    assert err.value.reason == reason


def test_parse_file_text(tmp_path: Path) -> None:
    raw = RELEASE.encode("cp1252")
    (tmp_path / "kommun").mkdir()
    path = tmp_path / "kommun" / "amal.txt"
    path.write_bytes(raw)
    doc = parse_file(path, tmp_path, {"source_id": "amal", "publisher": "Åmåls kommun", "url": "https://amal.se/x"})
    assert doc.source_file == "kommun/amal.txt"
    assert doc.title == "Stöd till språkcafé i Åmål"
    assert doc.text.startswith("Stöd till språkcafé i Åmål\n\n2019-05-03\n\nÅmåls kommun får 200 000 kronor")
    assert "Meny" not in doc.text
    assert doc.published == dt.date(2019, 5, 3)
    assert doc.encoding == "cp1252" and doc.source_format == "text"
    assert doc.content_sha256 == hashlib.sha256(raw).hexdigest()
    assert (doc.publisher, doc.url, doc.source_id) == ("Åmåls kommun", "https://amal.se/x", "amal")
    assert len(doc.doc_id) == 16


def test_parse_file_html_and_sniffed_html(tmp_path: Path) -> None:
    page = (FIX / "mynewsdesk.html").read_bytes()
    (tmp_path / "a.html").write_bytes(page)
    (tmp_path / "b.txt").write_bytes(page)  # a saved web page with the wrong suffix
    for name in ("a.html", "b.txt"):
        doc = parse_file(tmp_path / name, tmp_path)
        assert doc.source_format == "html"
        assert doc.title == "Ytterligare 12 miljoner till läxhjälp för nyanlända"
        assert doc.text.startswith(doc.title + "\n\n")
        assert "<p>" not in doc.text and "Lena Holm" in doc.text
        assert doc.publisher == "Stiftelsen Läsglädje"
        assert doc.published == dt.date(2019, 3, 13)


def reason_of(path: Path, root: Path, **kw: object) -> str:
    with pytest.raises(RejectedInput) as err:
        parse_file(path, root, **kw)
    return err.value.reason


def test_parse_file_rejections(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \n\t")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "menu.txt").write_text("Meny\n\nSkip to main content\n\nDela sidan på sociala medier\n", "utf-8")
    (tmp_path / "big.txt").write_bytes(RELEASE.encode() * 10)
    assert reason_of(tmp_path / "empty.txt", tmp_path) == "empty"
    assert reason_of(tmp_path / "blank.txt", tmp_path) == "empty"
    assert reason_of(tmp_path / "image.txt", tmp_path) == "binary"
    assert reason_of(tmp_path / "menu.txt", tmp_path) == "no_text"
    assert reason_of(tmp_path / "big.txt", tmp_path, max_bytes=100) == "too_large"
    assert reason_of(tmp_path / "missing.txt", tmp_path) == "unreadable"


def test_unreadable_permissions(tmp_path: Path, unreadable) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(RELEASE, "utf-8")
    unreadable(path)
    with pytest.raises(RejectedInput) as err:
        parse_file(path, tmp_path)
    assert err.value.reason == "unreadable" and "Permission denied" in err.value.detail


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a file system that takes raw bytes names")
def test_non_utf8_file_name(tmp_path: Path) -> None:
    raw_name = b"pressmeddelande_\xe5\xe4\xf6.txt"  # Latin-1 bytes, not valid UTF-8
    with open(os.path.join(os.fsencode(tmp_path), raw_name), "wb") as fh:
        fh.write(RELEASE.encode("utf-8"))
    files = list(iter_raw_files(tmp_path))
    assert len(files) == 1
    doc = parse_file(files[0], tmp_path)
    assert doc.source_file == "pressmeddelande_\\xe5\\xe4\\xf6.txt"
    assert doc.source_file.encode("utf-8")  # usable as an id
    assert doc.title == "Stöd till språkcafé i Åmål"


def test_iter_raw_files(tmp_path: Path) -> None:
    for rel in ("b/2.html", "a.txt", "b/1.htm", "c.pdf", ".hidden.txt", ".git/x.txt", "s/manifest.jsonl",
                "s/skipped.jsonl", "s/listings.json", "x/manifest.txt", "valmanifest.html", "integrationsmanifest.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", "utf-8")
    got = [source_name(p, tmp_path) for p in iter_raw_files(tmp_path)]
    # only the store's own metadata is not a release: a release may well be called a manifest
    assert got == ["a.txt", "b/1.htm", "b/2.html", "integrationsmanifest.txt", "valmanifest.html", "x/manifest.txt"]
