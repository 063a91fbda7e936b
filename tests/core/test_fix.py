"""--fix: atomic, only safe fixes, never on a changed file, idempotent; --diff writes nothing."""

from __future__ import annotations

from click.testing import CliRunner

from booklint import engine
from booklint.cli import main
from booklint.findings import Edit, Finding, Fix
from booklint.fix import apply_fixes, choose_edits

BAD = "# T\n\n## Matrix multiplication\n\n[a]((https://e.com/x)) and [b](#Matrix-Multiplication)\r\n"


def test_fix_then_fix_again_changes_nothing(make_book):
    root = make_book({"a.md": BAD.encode()})
    r = CliRunner().invoke(main, ["check", "--fix", "--isolated", str(root)])
    text = (root / "a.md").read_bytes()
    assert b"[a](https://e.com/x)" in text and b"(#matrix-multiplication)\r\n" in text  # CRLF kept
    assert r.exit_code == 0, r.output
    again = CliRunner().invoke(main, ["check", "--fix", "--isolated", str(root)])
    assert (root / "a.md").read_bytes() == text and again.exit_code == 0


def test_diff_shows_and_writes_nothing(make_book):
    root = make_book({"a.md": BAD})
    r = CliRunner().invoke(main, ["check", "--diff", "--isolated", str(root)])
    assert "-[a]((https://e.com/x))" in r.output and "+[a](https://e.com/x)" in r.output
    assert (root / "a.md").read_bytes() == BAD.encode()
    assert r.exit_code == 1


def test_changed_file_is_not_touched(make_book):
    root = make_book({"a.md": BAD})
    result = engine.run([root], engine.Options(isolated=True))
    (root / "a.md").write_text(BAD + "edited meanwhile\n")
    rep = apply_fixes(root, {k: d.source for k, d in result.book.docs.items()}, result.findings)
    assert rep.fixed == 0 and rep.skipped and "changed" in rep.skipped[0][1]
    assert (root / "a.md").read_text().endswith("edited meanwhile\n")


def test_invalid_utf8_file_is_not_rewritten(make_book):
    root = make_book({"a.md": b"# T\n\n[a]((https://e.com/x)) caf\xe9\n"})
    result = engine.run([root], engine.Options(isolated=True))
    rep = apply_fixes(root, {k: d.source for k, d in result.book.docs.items()}, result.findings)
    assert rep.fixed == 0 and (root / "a.md").read_bytes().endswith(b"caf\xe9\n")


def test_overlapping_fixes_never_both_applied():
    def f(a, b, new):
        return Finding("x.md", 1, 1, 1, 1, "L003", "x", "error", "m", Fix("d", (Edit(a, b, new),)), a, b)

    edits, n = choose_edits([f(0, 5, "A"), f(3, 8, "B"), f(8, 9, "C"), f(8, 9, "C")])["x.md"]
    assert [(e.start, e.end, e.new) for e in edits] == [(0, 5, "A"), (8, 9, "C")]
    assert n == 3  # the duplicate of an applied edit counts as fixed


def test_unsafe_fix_needs_the_flag(make_book):
    root = make_book({"a.md": "# T\n\n[a](www.example.com/x)\n"})
    CliRunner().invoke(main, ["check", "--fix", "--isolated", str(root)])
    assert "(www.example.com/x)" in (root / "a.md").read_text()
    CliRunner().invoke(main, ["check", "--fix", "--unsafe-fixes", "--isolated", str(root)])
    assert "(https://www.example.com/x)" in (root / "a.md").read_text()


def test_no_temp_files_left_behind(make_book):
    root = make_book({"a.md": BAD})
    CliRunner().invoke(main, ["check", "--fix", "--isolated", str(root)])
    assert sorted(p.name for p in root.iterdir() if p.name != ".booklint_cache") == ["a.md"]  # the run cache may stay
    assert not [p for p in root.rglob("*") if p.name.startswith(".tmp")]
