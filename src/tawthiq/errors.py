"""Every error code tawthiq reports, with the one-line message it reports it with.

Codes are stable, so scripts and documentation teams can match on them; a message names the input
and says what to do. Families:

* ``E1xx`` an input could not be read (ingest): the run records a failure and goes on.
* ``E2xx`` a document was read but could not be processed.
* ``E3xx`` the database could not be used: the command stops.
* ``E4xx`` a batch run (``tawthiq batch``) cannot start or go on: the command stops.

Exceptions::

    TawthiqError          a coded error that stops a command (the CLI prints its message, exit 1)
"""

from __future__ import annotations

from tawthiq.records import Failure

MESSAGES: dict[str, str] = {
    "E101": "{origin}: no such file or folder; check the path",
    "E102": "{origin}: {what} is empty or only white space; put the report's text in it",
    "E103": "{origin}: file is binary ({evidence}); give a text, HTML or JSON Lines file",
    "E104": "{origin}: cannot tell the text's encoding; save the file as UTF-8 and ingest it again",
    "E105": "{origin}: larger than the {limit:,}-byte limit; split the input or raise --max-bytes",
    "E106": "{origin}: cannot be read ({detail}); check that it exists and that you may read it",
    "E107": "{origin}: folder holds no files to ingest; give a folder with text, HTML or JSON Lines files",
    "E108": "{origin}: compressed file is damaged after line {line} ({detail}); "
    "the lines before it were read, re-create or download the file again",
    "E109": "{origin}: compressed file expands past {limit:,} bytes ({ratio} times its size) after line "
    "{line}; the lines before it were read, unpack it yourself if you trust it and ingest the result",
    "E110": "{origin}: WARC file is damaged at record {record} ({detail}); "
    "the records before it were read, re-create or download the file again",
    "E111": "{origin}: line is not valid JSON ({detail}); fix or remove the line",
    "E112": "{origin}: line is {kind}, not a JSON object; write one object per line",
    "E113": '{origin}: line has no "text" or "html" field; add the report\'s text to the line',
    "E114": '{origin}: "{field}" is {value!r}, not a date; write it as YYYY-MM-DD, DD/MM/YYYY or null',
    "E115": '{origin}: field "{field}" must be {expected}, not {actual}; fix the line',
    "E116": "{origin}: line is not UTF-8 ({detail}); JSON Lines must be UTF-8, re-save the file as UTF-8",
    "E117": "{origin}: CSV file cannot be read after line {line} ({detail}); "
    "the rows before it were imported, save the file as UTF-8 CSV and import it again",
    "E121": "{origin}: download failed ({detail}); check the address and the connection, "
    "or save the page and ingest the file",
    "E122": "{origin}: {scheme}:// addresses are not supported; give an http(s) address or a file path",
    "E201": "{origin}: processing failed ({detail}); please report it with the input's sha256 {sha256}",
    "E301": "{target}: cannot open the database ({detail}); check the path given with --db or TAWTHIQ_DB",
    "E302": "{target}: the database was written by a newer tawthiq (schema {revision}); "
    "upgrade tawthiq to use it",
    "E303": "{target}: only SQLite and PostgreSQL databases are supported; "
    "give a file path, a sqlite:/// URL or a postgresql://user@host/database URL",
    "E304": "{target}: this database belongs to another program, not tawthiq; give another path to --db",
    "E401": "{target}: was written by a batch run with {before} lines per shard, not {now}; "
    "re-run with --shard-lines {before} to resume it, or give a new --out folder",
    "E402": (
        "{origin}: batch reads JSON Lines (.jsonl, .jsonl.gz, .ndjson), Parquet (.parquet) and WARC "
        "(.warc, .warc.gz) files; convert the input to one of them"
    ),
    "E403": "{target}: cannot reach this Dask scheduler ({detail}); check the address and that it runs",
}
"""Code -> message template (``str.format`` fields). ``tests/ingest/test_error_codes.py`` checks every code
used in the source is listed here."""


def message(code: str, /, **fields: object) -> str:
    """The one-line message for ``code``, filled with ``fields``."""
    return MESSAGES[code].format(**fields)


def failure(origin: str, code: str, /, *, sha256: str | None = None, **fields: object) -> Failure:
    """A :class:`~tawthiq.records.Failure` for ``origin``, its reason written from ``code``'s template."""
    return Failure(
        origin=origin, code=code, reason=message(code, origin=origin, sha256=sha256, **fields), sha256=sha256
    )


class TawthiqError(Exception):
    """A coded error that stops a command; ``str(error)`` is the message to show."""

    def __init__(self, code: str, /, **fields: object) -> None:
        super().__init__(message(code, **fields))
        self.code = code
