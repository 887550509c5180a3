"""The extraction core does no I/O: no files, no database, no network, no subprocesses.

Checked on the source of every module under ``tawthiq.pipeline`` and ``tawthiq.text``: none may
import an I/O module or call ``open``. Loading package data is the knowledge base's job, done once,
outside the stages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PURE_PACKAGES = ("pipeline", "text")
FORBIDDEN_MODULES = {
    "sqlite3",
    "sqlalchemy",
    "socket",
    "urllib",
    "http",
    "requests",
    "httpx",
    "subprocess",
    "shutil",
    "tempfile",
    "pathlib",
    "os",
    "io",
    "tawthiq.store",
    "tawthiq.ingest",
    "tawthiq.cli",
}
SRC = Path(__file__).resolve().parents[2] / "src" / "tawthiq"
MODULES = sorted(p for package in PURE_PACKAGES for p in (SRC / package).rglob("*.py"))


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_pipeline_module_does_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = _imports(tree)
    bad = {name for name in imported if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES)}
    assert not bad, f"{path.name} imports I/O modules {sorted(bad)}"
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert "open" not in calls, f"{path.name} calls open()"


def test_purity_check_sees_modules() -> None:
    assert len(MODULES) >= 8
