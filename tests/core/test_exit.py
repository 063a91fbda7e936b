"""`booklint` as a program (`cli.entry`, the console script and `python -m booklint`) ends the
way `main()` does: the same output, the same exit code, the report file written and closed,
even though it skips the interpreter's teardown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MAIN = "import sys; from booklint.cli import main; sys.argv[0] = 'booklint'; main()"
ENTRY = "import sys; from booklint.cli import entry; sys.argv[0] = 'booklint'; entry()"


def _run(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC), "CI": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, timeout=300)


@pytest.mark.parametrize("args", [
    ["check", "--isolated", "--no-cache"],  # findings: exit 1
    ["check", "--isolated", "--no-cache", "--exit-zero", "-f", "json"],
    ["check", "--isolated", "--no-cache", "--select", "L002"],  # clean: exit 0
    ["check", "--isolated", "--no-cache", "--select", "NOPE"],  # a usage error: exit 2
])
def test_entry_exits_as_main_does(make_book, args):
    book = make_book({"a.md": "# A\n\nThe the end, see [b](b.md#nowhere).\n", "b.md": "# B\n\nText.\n"})
    want = _run(MAIN, *args, str(book))
    got = _run(ENTRY, *args, str(book))
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_entry_writes_the_report_file(make_book, tmp_path):
    book = make_book({"a.md": "# A\n\nThe the end.\n"})
    out = tmp_path / "report.json"
    got = _run(ENTRY, "check", "--isolated", "--no-cache", "-f", "json", "-o", str(out), str(book))
    want = _run(MAIN, "check", "--isolated", "--no-cache", "-f", "json", str(book))
    assert got.returncode == want.returncode == 1
    assert out.read_bytes() == want.stdout


def test_python_m_booklint_uses_entry():
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    got = subprocess.run([sys.executable, "-m", "booklint", "--version"], capture_output=True, env=env, timeout=60)
    assert got.returncode == 0 and b"booklint" in got.stdout
    assert "entry()" in (SRC / "booklint" / "__main__.py").read_text(encoding="utf-8")
