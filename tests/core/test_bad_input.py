"""Hostile files in a book: each gives a finding or a clear message; the other files'
findings still appear; never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from helpers import lint


def _run(root, *args):
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", *args, str(root)],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_bad_files_each_reported_and_the_rest_still_checked(make_book):
    big_line = ("word " * 1_048_576)[:5_000_000]  # a 5 MB single-line chapter
    root = make_book({
        "good.md": "# Good\n\nA [broken](nope.md) link.\n",
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10,
        "latin1.md": "# Caf\u00e9\n\nna\u00efve [x](missing.md)\n".encode("latin-1"),
        "huge.md": "# Huge\n\n" + big_line + " [x](also-missing.md)\n",
        "unterminated.md": "---\ntitle: x\nlayout: page\n\n# Title\n\n[y](gone.md)\n",
    })
    outside = tempfile.mkdtemp(prefix="booklint-outside-")
    with open(os.path.join(outside, "secret.md"), "w") as f:
        f.write("# Secret\n\n[z](nowhere.md)\n")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    (root / "linked-file.md").symlink_to(os.path.join(outside, "secret.md"))

    proc = _run(root, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    found = {(f["path"], f["line"], f["code"]) for f in json.loads(proc.stdout)}
    assert ("good.md", 3, "L001") in found
    assert ("binary.md", 1, "E001") in found
    assert ("latin1.md", 1, "E002") in found and ("latin1.md", 3, "E002") in found
    assert ("latin1.md", 3, "L001") in found  # the rest of a badly encoded file is still checked
    assert ("huge.md", 3, "L001") in found
    assert ("unterminated.md", 1, "D001") in found
    assert ("unterminated.md", 7, "L001") in found
    assert ("linked", 1, "D003") in found and ("linked-file.md", 1, "D003") in found
    assert not any(p.startswith("linked/") or p == "secret.md" for p, _, _ in found)  # never read


def test_malformed_front_matter_yaml_is_a_finding_with_its_line(make_book):
    root = make_book({"a.md": "---\ntitle: ok\ntoc:\n  - name: [unclosed\n---\n\n# A\n"})
    fs = lint(root)
    assert [(f.line, f.code) for f in fs] == [(4, "D002")]
    assert "line 4" in fs[0].message


def test_yaml_alias_bomb_is_bounded(make_book):
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)) + "---\n\n# A\n"
    root = make_book({"a.md": bomb})
    lint(root)  # returns (in well under a second) instead of expanding 9**9 nodes


def test_config_errors_exit_2_and_name_the_key(make_book):
    root = make_book({"a.md": "# A\n", "booklint.toml": 'select = ["L001"]\nselct = ["L002"]\n'})
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", str(root)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "selct" in proc.stderr and "booklint.toml" in proc.stderr and "Traceback" not in proc.stderr

    (root / "booklint.toml").write_text('select = ["L999"]\n')
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", str(root)], capture_output=True, text=True)
    assert proc.returncode == 2 and "L999" in proc.stderr

    (root / "booklint.toml").write_text('select = ["L001"]\nfoo = = 1\n')
    proc = subprocess.run([sys.executable, "-m", "booklint.cli", "check", str(root)], capture_output=True, text=True)
    assert proc.returncode == 2 and "booklint.toml:2:" in proc.stderr and "Traceback" not in proc.stderr


def test_a_flood_of_findings_is_capped_per_rule_and_file(make_book):
    from booklint.engine import MAX_PER_RULE_AND_FILE

    root = make_book({"a.md": "# A\n\n" + "[x](gone.md)\n" * (MAX_PER_RULE_AND_FILE + 200), "b.md": "[y](gone.md)\n"})
    fs = lint(root)
    a = [f for f in fs if f.path == "a.md" and f.code == "L001"]
    assert len(a) == MAX_PER_RULE_AND_FILE + 1
    assert "stopped listing" in a[-1].message
    assert [f.path for f in fs if f.path == "b.md"] == ["b.md"]  # the other file is still reported
