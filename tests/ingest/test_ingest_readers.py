"""The pure readers: one input's bytes to a Loaded document or a Rejected input, never an exception."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.ingest import Loaded, Rejected, load_bytes, load_json_line
from tawthiq.ingest.readers import is_html

NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
REPORT = "قتلى للقوات الأمريكية في الرقة\n\nأعلن التنظيم عن مقتل 20 عنصراً في ريف الرقة الشرقي."


def loaded(result: Loaded | Rejected) -> Loaded:
    assert isinstance(result, Loaded), result
    return result


def rejected(result: Loaded | Rejected, code: str) -> Rejected:
    assert isinstance(result, Rejected), result
    assert result.failure.code == code, result.failure.reason
    return result


def json_line(**fields: object) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode()


def test_load_bytes_keeps_original_and_custody() -> None:
    data = REPORT.encode("cp1256")
    result = loaded(load_bytes(data, origin="/in/report.txt", retrieved_at=NOW, name="report.txt"))
    assert result.original == data
    assert result.origin == "/in/report.txt"
    assert result.retrieved_at == NOW
    assert result.media_type == "text/plain; charset=cp1256"
    document = result.document
    assert document.raw_text == REPORT
    assert document.id == "report"
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert not document.html


def test_load_bytes_without_a_name_takes_its_id_from_the_sha256() -> None:
    document = loaded(load_bytes(b"a report", origin="https://x.test/a", retrieved_at=NOW)).document
    assert document.id == hashlib.sha256(b"a report").hexdigest()[:16]


@pytest.mark.parametrize(
    ("text", "name", "media_type", "expected"),
    [
        ("<p>x</p>", "page.html", None, True),
        ("<p>x</p>", "PAGE.HTM", None, True),
        ("<!DOCTYPE html><html><body>x</body></html>", "page.txt", None, True),
        ("\ufeff  <!-- saved --> <html lang='ar'>", "saved", None, True),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', None, None, True),
        ("plain text that mentions <html> later", "notes.txt", None, False),
        ("x", None, "text/html; charset=utf-8", True),
        ("x", None, "text/plain", False),
    ],
)
def test_is_html_by_media_type_name_or_first_tag(
    text: str, name: str | None, media_type: str | None, expected: bool
) -> None:
    assert is_html(text.lstrip("\ufeff"), name=name, media_type=media_type) is expected


def test_load_bytes_html_reads_its_declared_charset() -> None:
    page = (
        '<html><head><meta charset="windows-1256"><title>x</title></head><body>' + REPORT + "</body></html>"
    )
    result = loaded(load_bytes(page.encode("cp1256"), origin="p.html", retrieved_at=NOW, name="p.html"))
    assert result.document.html
    assert result.document.raw_text == page
    assert result.media_type == "text/html; charset=cp1256"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\ufeff \u00a0\n".encode(), "  \n".encode("utf-16")])
def test_load_bytes_refuses_empty_input_but_keeps_its_bytes(data: bytes) -> None:
    result = rejected(load_bytes(data, origin="empty.txt", retrieved_at=NOW, name="empty.txt"), "E102")
    assert result.original == data
    assert result.failure.sha256 == hashlib.sha256(data).hexdigest()
    assert result.failure.reason.startswith("empty.txt: file is empty")


def test_load_bytes_refuses_binary_with_a_reason_that_says_what_to_do() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    result = rejected(load_bytes(data, origin="report.txt", retrieved_at=NOW, name="report.txt"), "E103")
    assert result.failure.reason == (
        "report.txt: file is binary (found NUL bytes); give a text, HTML or JSON Lines file"
    )
    assert result.original == data


def test_load_bytes_refuses_input_over_the_limit_without_keeping_it() -> None:
    result = rejected(load_bytes(b"x" * 101, origin="big.txt", retrieved_at=NOW, max_bytes=100), "E105")
    assert result.original is None
    assert "100-byte limit" in result.failure.reason


def test_load_json_line_reads_the_contract_fields() -> None:
    line = json_line(
        id="a-1",
        text=REPORT,
        published="2017-07-04",
        lang="ar",
        url="https://x.test/1",
        title="t",
        outlet="o",
    )
    result = loaded(load_json_line(line, origin="docs.jsonl#L3", retrieved_at=NOW))
    document = result.document
    assert (document.id, document.raw_text, document.published) == ("a-1", REPORT, dt.date(2017, 7, 4))
    assert (document.language, document.url, document.title, document.outlet) == (
        "ar",
        "https://x.test/1",
        "t",
        "o",
    )
    assert document.sha256 == hashlib.sha256(line).hexdigest()
    assert not document.html
    assert result.original == line
    assert result.media_type == "application/json"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2015-07-21 02:51:32", dt.date(2015, 7, 21)),
        ("2017-06-01T07:51:00+01:00", dt.date(2017, 6, 1)),  # the outlet's own day, not UTC's
        ("2017-06-01T00:30:00+03:00", dt.date(2017, 6, 1)),
        ("28/10/2016", dt.date(2016, 10, 28)),  # day first, as Arabic outlets write it
        ("6.3.2016 10:00", dt.date(2016, 3, 6)),
    ],
)
def test_load_json_line_accepts_the_corpus_aliases_and_date_forms(date: str, expected: dt.date) -> None:
    line = json_line(id=1, text="x", date=date, source="aawsat")
    document = loaded(load_json_line(line, origin="c.jsonl#L1", retrieved_at=NOW)).document
    assert document.published == expected
    assert document.outlet == "aawsat"
    assert document.id == "1"


def test_load_json_line_prefers_the_canonical_fields_over_their_aliases() -> None:
    line = json_line(text="x", published="2020-01-02", date="2019-01-01", outlet="o", source="s")
    document = loaded(load_json_line(line, origin="c.jsonl#L1", retrieved_at=NOW)).document
    assert (document.published, document.outlet) == (dt.date(2020, 1, 2), "o")


def test_load_json_line_reads_html_and_names_unnamed_documents_by_hash() -> None:
    line = json_line(html="<p>x</p>", published=None)
    document = loaded(load_json_line(line, origin="c.jsonl#L9", retrieved_at=NOW)).document
    assert document.html
    assert document.published is None
    assert document.id == hashlib.sha256(line).hexdigest()[:16]


@pytest.mark.parametrize(
    ("line", "code", "says"),
    [
        (b'{"id": "a", "text": "x"', "E111", "line is not valid JSON"),
        (b'["a", "b"]', "E112", "line is an array, not a JSON object"),
        (b'"just text"', "E112", "line is a string"),
        (b"null", "E112", "line is null"),
        (b'{"id": "a", "title": "no body"}', "E113", 'no "text" or "html" field'),
        (b'{"text": "  \\n "}', "E102", '"text" is empty'),
        (
            b'{"text": "x", "published": "last Tuesday"}',
            "E114",
            "\"published\" is 'last Tuesday', not a date",
        ),
        (b'{"text": "x", "date": "31/02/2016"}', "E114", '"date" is'),
        (b'{"text": 42}', "E115", 'field "text" must be a string or null, not a number'),
        (b'{"text": "x", "id": [1]}', "E115", 'field "id" must be a string, a number or null, not an array'),
        ('{"text": "قتل"}'.encode("cp1256"), "E116", "not UTF-8"),
    ],
)
def test_load_json_line_rejects_bad_lines_with_a_reason(line: bytes, code: str, says: str) -> None:
    result = rejected(load_json_line(line, origin="docs.jsonl#L7", retrieved_at=NOW), code)
    assert result.failure.reason.startswith("docs.jsonl#L7: ")
    assert says in result.failure.reason
    assert result.original == line
    assert result.failure.sha256 == hashlib.sha256(line).hexdigest()


@given(st.binary(max_size=512))
def test_load_bytes_never_raises(data: bytes) -> None:
    result = load_bytes(data, origin="x", retrieved_at=NOW, name="x.txt")
    assert isinstance(result, Loaded | Rejected)


@given(
    st.one_of(
        st.binary(max_size=256),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
            lambda children: st.lists(children) | st.dictionaries(st.text(), children),
        ).map(lambda value: json.dumps(value).encode()),
        st.dictionaries(
            st.sampled_from(
                ["id", "text", "html", "published", "date", "lang", "url", "title", "outlet", "source"]
            ),
            st.none() | st.integers() | st.text() | st.lists(st.integers()),
        ).map(lambda value: json.dumps(value).encode()),
    )
)
def test_load_json_line_never_raises(line: bytes) -> None:
    result = load_json_line(line, origin="x.jsonl#L1", retrieved_at=NOW)
    assert isinstance(result, Loaded | Rejected)
