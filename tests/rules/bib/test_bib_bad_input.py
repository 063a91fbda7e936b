"""Hostile .bib files through `booklint check`: each gives findings at real lines, the good
entries after the damage are still checked, and there is never a traceback or an internal error."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time

import pytest
from helpers import lint

BIB = "assets/bibliography"
CHAPTER = "---\nlayout: distill\ntitle: A\nbibliography: {bib}\n---\n\nSee<d-cite key=\"after\"></d-cite>.\n"
AFTER = "\n@misc{after,\n  title = {After the damage},\n  author = {ankur6ue},\n  year = 2020,\n}\n"


def _check(root, *args):
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", "--format", "json", *args, str(root)],
                          capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - t0
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)
    assert not [f for f in findings if f["code"] == "X001"], [f["message"] for f in findings if f["code"] == "X001"]
    return findings, took


def _lines(path) -> int:
    """Lines as booklint counts them (a lone CR ends a line too)."""
    from booklint.document.source import Source

    return Source.from_bytes("x", path.read_bytes()).line_count


def _book(make_book, name: str, content: bytes | str):
    return make_book({f"{BIB}/{name}.bib": content, f"{name}.md": CHAPTER.format(bib=f"{name}.bib"),
                      "_config.yml": "title: Hostile\n"}, name=name)


def _in_file(findings, root, rel):
    mine = [f for f in findings if f["path"] == rel]
    n = _lines(root / rel)
    assert mine, f"no finding in {rel}"
    assert all(1 <= f["line"] <= n and 1 <= f["end_line"] <= n for f in mine), n
    return mine


def test_a_one_megabyte_field(make_book):
    big = "@misc{big,\n  title = {" + ("word " * 210_000) + "},\n  author = {Doe, Jane},\n  year = 2020,\n}\n"
    root = _book(make_book, "big", big + AFTER)
    findings, took = _check(root)
    mine = _in_file(findings, root, f"{BIB}/big.bib")
    assert [(f["line"], f["code"]) for f in mine] == [(9, "B008")]  # the handle after the 1 MB title
    assert took < 60


def test_ten_thousand_unbalanced_braces(make_book):
    braces = "@misc{braces,\n  title = {" + "{" * 10_000 + "},\n  year = 2020\n}\n"
    more = "".join(f"@misc{{m{i},\n  title = {{{'{' * (i % 7) + '}' * (i % 5)}}},\n  year = 2020\n}}\n"
                   for i in range(2_000))
    root = _book(make_book, "braces", braces + AFTER + more)
    findings, took = _check(root)
    mine = _in_file(findings, root, f"{BIB}/braces.bib")
    assert ("B001", 2) in {(f["code"], f["line"]) for f in mine}  # where the first brace is never closed
    assert took < 60


def test_binary_garbage(make_book):
    rng = random.Random(7)
    garbage = rng.randbytes(300_000) + b"\n" + AFTER.encode()
    root = _book(make_book, "garbage", garbage)
    findings, took = _check(root)
    mine = _in_file(findings, root, f"{BIB}/garbage.bib")
    assert any(f["code"] == "B001" for f in mine)
    assert any(f["code"] == "B008" and "ankur6ue" in f["message"] for f in mine)  # the entry after the garbage
    assert took < 60


def test_duplicate_keys_everywhere(make_book):
    from booklint.engine import MAX_PER_RULE_AND_FILE

    dupes = "".join(f"@misc{{same,\n  title = {{Work {i}}},\n  author = {{Doe, Jane}},\n  year = 2020\n}}\n"
                    for i in range(3_000))
    root = _book(make_book, "dupes", dupes)
    findings, took = _check(root, "--select", "B002")
    mine = _in_file(findings, root, f"{BIB}/dupes.bib")
    assert len(mine) == MAX_PER_RULE_AND_FILE + 1 and "stopped listing" in mine[-1]["message"]
    assert [f["line"] for f in mine[:3]] == [6, 11, 16]
    assert took < 60


def test_a_bib_too_large_to_read_is_reported(make_book, monkeypatch):
    import booklint.book.model as model

    root = _book(make_book, "huge", "@misc{a, title = {A}, year = 2020}\n" * 100)
    monkeypatch.setattr(model, "MAX_SIDE_FILE", 1000)
    fs = [(f.path, f.line, f.code) for f in lint(root) if f.code.startswith(("B", "C"))]
    assert fs == [(f"{BIB}/huge.bib", 1, "B001")]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"@", b"@misc{", b"}}}}", "@misc{a,\n  title = {\u0000}\n}\n"])
def test_tiny_broken_bibs(make_book, content):
    root = _book(make_book, "tiny", content)
    fs = lint(root, select=["ALL"])
    assert not [f for f in fs if f.code == "X001"]


def test_a_megabyte_of_citation_sections_is_fast(make_book):
    """Every block under a "Citation" heading is a citation block: a page made of 14,000 of them
    is checked in bounded time (the first 20 blocks of a page; headings looked up by bisection)."""
    unit = '## Citation\n\n`Doe, "T", 2020.`\n\n```\n@misc{a, title={T}, year=2020}\n```\n\n'
    root = make_book({"a.md": "---\ntitle: x\n---\n" + unit * (1_000_000 // len(unit)), "_config.yml": "title: x\n"})
    t0 = time.process_time()
    lint(root, select=["C004", "C005"])
    assert time.process_time() - t0 < 5  # the parse of the page included
