"""The error codes: every one used is listed, every one listed is used, and each message says what to do."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import tawthiq
from tawthiq import errors

SOURCE = Path(tawthiq.__file__).parent
CODE = re.compile(r"""["'](E\d{3})["']""")


def codes_used_in_source() -> set[str]:
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if path.name != "errors.py":
            used.update(CODE.findall(path.read_text(encoding="utf-8")))
    return used


def test_every_code_used_is_listed() -> None:
    assert codes_used_in_source() - errors.MESSAGES.keys() == set()


def test_every_code_listed_is_used() -> None:
    assert errors.MESSAGES.keys() - codes_used_in_source() == set()


@pytest.mark.parametrize("code", sorted(errors.MESSAGES))
def test_message_names_the_input_and_says_what_to_do(code: str) -> None:
    template = errors.MESSAGES[code]
    assert re.fullmatch(r"\{(origin|target)\}: [^\n]+; [^\n]+", template), template
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    message = errors.message(code, **dict.fromkeys(fields, 1234))
    assert "{" not in message


def test_failure_builds_a_record_from_the_template() -> None:
    failure = errors.failure("report.txt", "E103", sha256="ab" * 32, evidence="found NUL bytes")
    assert failure.origin == "report.txt"
    assert failure.code == "E103"
    assert failure.sha256 == "ab" * 32
    assert (
        failure.reason == "report.txt: file is binary (found NUL bytes); give a text, HTML or JSON Lines file"
    )


def test_tawthiq_error_carries_its_code_and_message() -> None:
    error = errors.TawthiqError("E303", target="postgresql://db")
    assert error.code == "E303"
    assert str(error).startswith("postgresql://db: only SQLite and PostgreSQL databases are supported")
