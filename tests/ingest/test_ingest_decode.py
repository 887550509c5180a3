"""Bytes to text: every encoding reports arrive in, decoded exactly."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tawthiq.ingest.decode import InputError, binary_evidence, decode_text

ARABIC = "قُتل خمسة مدنيين، بينهم طفلان، في غارة جوية على ريف الرقة الشرقي يوم أمس الأربعاء."
SHORT_ARABIC = "قتل 5 مدنيين في الرقة"
LEGACY = [
    ("Le café était fermé à cause des frappes aériennes près de la ville.", "cp1252"),
    ("The strike “killed at least 12 civilians” — according to monitors — in Idlib’s countryside.", "cp1252"),
    (
        "Suriye'nin kuzeyindeki hava saldırısında çocuklar dahil on iki sivil hayatını kaybetti.",
        "cp1254",
    ),
    ("В результате авиаудара на севере Сирии погибли двенадцать мирных жителей, включая детей.", "cp1251"),
    (ARABIC, "iso8859_6"),
]


@pytest.mark.parametrize("text", [ARABIC, SHORT_ARABIC, ARABIC * 50])
def test_decode_windows_1256_arabic_exactly(text: str) -> None:
    decoded = decode_text(text.encode("cp1256"))
    assert decoded.text == text
    assert decoded.encoding == "cp1256"


@pytest.mark.parametrize(("text", "encoding"), LEGACY, ids=[encoding for _, encoding in LEGACY])
def test_decode_other_legacy_code_pages_without_taking_them_for_arabic(text: str, encoding: str) -> None:
    assert decode_text(text.encode(encoding)).text == text


def test_decode_short_arabic_snippets_as_cp1256() -> None:
    for snippet in ("الرقة", "ريف حلب الشمالي", "قوات النظام", "تنظيم «داعش» الإرهابي"):
        assert decode_text(snippet.encode("cp1256")).text == snippet


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
        (ARABIC.encode("utf-32"), "utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-native", "utf-16-le", "utf-16-be", "utf-32"],
)
def test_decode_unicode_with_or_without_byte_order_mark(encoded: bytes, encoding: str) -> None:
    decoded = decode_text(encoded)
    assert decoded.text == ARABIC  # the mark itself is not part of the text
    assert decoded.encoding == encoding


def test_decode_trusts_a_declared_charset_after_utf8() -> None:
    text = "<p>" + SHORT_ARABIC + "</p>"
    assert decode_text(text.encode("iso8859_6"), declared="iso-8859-6").text == text
    assert decode_text(text.encode("utf-8"), declared="windows-1256").text == text  # mislabelled page


def test_decode_ignores_an_unknown_declared_charset() -> None:
    assert decode_text(ARABIC.encode("cp1256"), declared="no-such-charset").text == ARABIC


@pytest.mark.parametrize(
    ("data", "evidence"),
    [
        (b"%PDF-1.4\x00\x00\x01binary", "found NUL bytes"),
        (bytes(range(1, 32)) * 20, "control bytes"),
    ],
)
def test_decode_refuses_binary(data: bytes, evidence: str) -> None:
    with pytest.raises(InputError) as raised:
        decode_text(data)
    assert raised.value.code == "E103"
    assert evidence in str(raised.value.fields["evidence"])


def test_decode_refuses_bytes_in_no_known_encoding() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(400))
    with pytest.raises(InputError) as raised:
        decode_text(noise)
    assert raised.value.code == "E104"


def test_decode_refuses_a_broken_utf16_file() -> None:
    with pytest.raises(InputError) as raised:
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate
    assert raised.value.code == "E104"


def test_binary_evidence_is_none_for_text_with_tabs_and_newlines() -> None:
    assert binary_evidence(b"a\tb\r\nc\x0cd\x1b[0m\n") is None


@given(st.text(st.characters(exclude_characters="\x00")))
def test_decode_round_trips_any_text_in_utf8_and_utf16(text: str) -> None:
    # NUL excluded: reports hold none, and "\x00" after a UTF-16 mark reads as a UTF-32 mark.
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            encoded = text.encode(encoding)
        except UnicodeEncodeError:  # lone surrogates cannot be written at all
            return
        assert decode_text(encoded).text == text


@given(st.binary(max_size=2048))
def test_decode_raises_nothing_but_input_errors(data: bytes) -> None:
    try:
        decoded = decode_text(data)
    except InputError as error:
        assert error.code in {"E103", "E104"}
    else:
        assert isinstance(decoded.text, str)
