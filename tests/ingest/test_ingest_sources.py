"""Reading files, folders, JSON Lines files and URLs: real files in tmp_path, a real local HTTP server."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from tawthiq.ingest import Loaded, Rejected, read_inputs

ARABIC = "قتل خمسة مدنيين في غارة جوية على ريف الرقة الشرقي يوم أمس الأربعاء."


def read(*sources: str | Path, max_bytes: int = 50 * 1024 * 1024) -> list[Loaded | Rejected]:
    return list(read_inputs(sources, max_bytes=max_bytes))


def codes(results: list[Loaded | Rejected]) -> list[str]:
    return ["ok" if isinstance(item, Loaded) else item.failure.code for item in results]


def jsonl(path: Path, *lines: str | bytes) -> Path:
    path.write_bytes(b"\n".join(line.encode() if isinstance(line, str) else line for line in lines) + b"\n")
    return path


def doc_line(doc_id: str, text: str = ARABIC) -> str:
    return json.dumps({"id": doc_id, "text": text}, ensure_ascii=False)


def test_read_text_file_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "تقرير.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    [result] = read(path)
    assert isinstance(result, Loaded)
    assert result.document.raw_text == ARABIC
    assert result.document.id == "تقرير"
    assert result.origin == str(path.absolute())
    assert result.original == ARABIC.encode("cp1256")


def test_read_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(ARABIC, encoding="utf-16")
    [result] = read(path)
    assert isinstance(result, Loaded)
    assert result.document.raw_text == ARABIC
    assert result.media_type == "text/plain; charset=utf-16"


def test_read_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(f"<html><body><p>{ARABIC}</p></body></html>", encoding="utf-8")
    [result] = read(path)
    assert isinstance(result, Loaded)
    assert result.document.html
    assert result.media_type.startswith("text/html")


def test_read_missing_file(tmp_path: Path) -> None:
    [result] = read(tmp_path / "nowhere.txt")
    assert isinstance(result, Rejected)
    assert result.failure.code == "E101"
    assert result.failure.reason == f"{tmp_path / 'nowhere.txt'}: no such file or folder; check the path"
    assert result.original is None


def test_read_empty_and_binary_files_keep_their_bytes(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\n ")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    results = read(tmp_path / "empty.txt", tmp_path / "blank.txt", tmp_path / "photo.jpg")
    assert codes(results) == ["E102", "E102", "E103"]
    assert [item.original for item in results if isinstance(item, Rejected)] == [
        b"",
        b" \n\n ",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    ]


def test_read_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    [result] = read(tmp_path / "big.txt", max_bytes=1000)
    assert isinstance(result, Rejected)
    assert result.failure.code == "E105"
    assert result.original is None


def test_read_json_lines_a_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "docs.jsonl", doc_line("a"), '{"id": "b", "text": ', "", "   ", doc_line("c"))
    results = read(path)
    assert codes(results) == ["ok", "E111", "ok"]
    assert [item.origin for item in results] == [f"{path.absolute()}#L{n}" for n in (1, 2, 5)]
    good = [item for item in results if isinstance(item, Loaded)]
    assert [item.document.id for item in good] == ["a", "c"]
    assert good[0].original == doc_line("a").encode()
    assert good[0].document.sha256 == hashlib.sha256(doc_line("a").encode()).hexdigest()


def test_read_json_lines_with_crlf_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + doc_line("a").encode() + b"\r\n" + doc_line("b").encode() + b"\r\n")
    results = read(path)
    assert codes(results) == ["ok", "ok"]
    assert [item.original for item in results] == [
        b"\xef\xbb\xbf" + doc_line("a").encode(),
        doc_line("b").encode(),
    ]


def test_read_json_lines_line_over_the_limit_is_skipped_unread(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "docs.jsonl", doc_line("a"), doc_line("long", "x" * 5000), doc_line("c"))
    results = read(path, max_bytes=1000)
    assert codes(results) == ["ok", "E105", "ok"]
    assert results[1].origin.endswith("docs.jsonl#L2")
    assert [item.document.id for item in results if isinstance(item, Loaded)] == ["a", "c"]


def test_read_gzipped_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress((doc_line("a") + "\n" + doc_line("b") + "\n").encode()))
    results = read(path)
    assert [item.document.id for item in results if isinstance(item, Loaded)] == ["a", "b"]


def test_read_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    lines = "".join(doc_line(f"d{n}", f"{ARABIC} {n * 7919}") + "\n" for n in range(2000)).encode()
    compressed = gzip.compress(lines)
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    results = read(path)
    assert codes(results)[-1] == "E108"
    assert set(codes(results)[:-1]) == {"ok"}
    assert len(results) > 10
    assert "compressed file is damaged after line" in results[-1].failure.reason  # type: ignore[union-attr]


def test_read_empty_json_lines_file(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "docs.jsonl", "", "  ")
    assert codes(read(path)) == ["E102"]


def test_read_folder_recursively_sorted_hidden_names_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z report", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text("a report", encoding="utf-8")
    (tmp_path / "c.txt").write_text("c report", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("hidden", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    jsonl(tmp_path / "b" / "m.jsonl", doc_line("m1"), doc_line("m2"))
    results = read(tmp_path)
    assert [item.document.id for item in results if isinstance(item, Loaded)] == ["c", "a", "m1", "m2", "z"]
    assert codes(results) == ["ok"] * 5


def test_read_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert codes(read(tmp_path / "empty")) == ["E107"]


def test_read_unsupported_url_scheme() -> None:
    [result] = read("ftp://example.test/report.txt")
    assert isinstance(result, Rejected)
    assert result.failure.code == "E122"
    assert "ftp://" in result.failure.reason


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/ar.html": (
            "text/html; charset=windows-1256",
            f"<html><body>{ARABIC}</body></html>".encode("cp1256"),
        ),
        "/plain": ("text/plain", ARABIC.encode()),
        "/big": ("text/plain", b"x" * 5000),
        "/moved": ("", b""),
    }

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/plain")
            self.end_headers()
            return
        if self.path not in self.pages:
            self.send_error(404, "Not Found")
            return
        media_type, body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_url_html_with_charset_header(server: str) -> None:
    [result] = read(f"{server}/ar.html")
    assert isinstance(result, Loaded)
    assert result.document.html
    assert ARABIC in result.document.raw_text
    assert result.origin == f"{server}/ar.html"
    assert result.document.url == f"{server}/ar.html"
    assert result.media_type == "text/html; charset=cp1256"


def test_fetch_url_follows_redirects_and_records_the_final_address(server: str) -> None:
    [result] = read(f"{server}/moved")
    assert isinstance(result, Loaded)
    assert result.origin == f"{server}/moved"
    assert result.document.url == f"{server}/plain"
    assert result.document.raw_text == ARABIC


def test_fetch_url_failures(server: str) -> None:
    results = read(f"{server}/missing", f"{server}/big", "http://127.0.0.1:9/unreachable", max_bytes=1000)
    assert codes(results) == ["E121", "E105", "E121"]
    assert "HTTP 404" in results[0].failure.reason  # type: ignore[union-attr]
