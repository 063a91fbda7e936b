"""`check --add-noqa`: one comment a finding's line, in the file's own comment form, placed where
kramdown renders the page as before; the next run is clean; deleting one comment brings back
exactly the findings it covered."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from oracle import rendered

from booklint import engine
from booklint.adopt.noqa import plan
from booklint.cli import main
from booklint.fix import apply_fixes

CONFIG = "title: t\nbaseurl: /b\nkramdown:\n  input: GFM\n"

# every place a finding can stand: prose, a heading, list items (first and later), a quote, a table
# row, fenced code (Liquid in code), a $$ block, front matter, and a .bib entry
PAGE = """---
title: A page
toc:
  - name: Intro
  - name: Nowhere
---

# Intro

A paragraph with [a broken link](missing.md) in it,
and a second line with [another](gone.md) one.

## Lists

1. first item [x](nope1.md)
2. second item [y](nope2.md)
3. third item

> A quote with [z](nope3.md) inside.

| a | b |
|---|---|
| [c](nope4.md) | d |

```liquid
{% include figure.liquid path="gone.png" %}
```

$$
\\frac{1}{2} \\unknowncommand
$$

Last line [w](nope5.md).
"""

BIB = """@article{a,
  title = {A},
  author = {Someone}
}

@misc{b,
  title = {B},
  howpublished = {x}
}
"""


def _book(make_book) -> Path:
    root = make_book({"_config.yml": CONFIG, "index.md": PAGE, "other.md": "# Other\n\nSee [p](index).\n",
                      "refs.bib": BIB})
    return root


def _run(root: Path, *args):
    return CliRunner().invoke(main, ["check", "--isolated", *map(str, args), str(root)])


def test_add_noqa_makes_the_next_run_clean_and_keeps_what_kramdown_renders(make_book, tmp_path):
    root = _book(make_book)
    before = engine.run([root], engine.Options(isolated=True)).findings
    codes = {f.code for f in before}
    assert len(before) >= 8 and {"L001", "L006"} <= codes, [(f.line, f.code) for f in before]
    original = (root / "index.md").read_text(encoding="utf-8")
    r = _run(root, "--add-noqa")
    assert r.exit_code == 0, r.output
    assert re.search(rf"Added \d+ suppression comments covering {len(before)} findings", r.output)
    assert _run(root).exit_code == 0
    after = (root / "index.md").read_text(encoding="utf-8")
    # each comment in its place's form
    assert "  # booklint-disable-next-line L006\n  - name: Nowhere" in after  # front matter: a YAML comment
    assert "<!-- booklint-disable-next-line L001 -->\nA paragraph" in after  # prose: the line above
    assert "   <!-- booklint-disable-next-line L001 -->\n2. second" in after  # a later item: inside the item above
    assert "<!-- booklint-disable L001 -->\n\n| a | b |" in after  # a table: a stretch, blank lines around
    # the page renders as before (kramdown, booklint's comments aside)
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(original, encoding="utf-8")
    b.write_text(after, encoding="utf-8")
    html = rendered([a, b])
    assert html[a] == html[b]


def test_removing_one_comment_brings_back_exactly_its_finding(make_book):
    root = _book(make_book)
    before = {(f.path, f.code, f.message) for f in engine.run([root], engine.Options(isolated=True)).findings}
    assert _run(root, "--add-noqa").exit_code == 0
    text = (root / "index.md").read_text(encoding="utf-8")
    line = "<!-- booklint-disable-next-line L001 -->\nA paragraph"
    text = text.replace(line, "A paragraph")
    (root / "index.md").write_text(text, encoding="utf-8")
    at = text.split("\n").index("A paragraph with [a broken link](missing.md) in it,") + 1
    back = engine.run([root], engine.Options(isolated=True)).findings
    assert [(f.path, f.line, f.code) for f in back] == [("index.md", at, "L001")]
    assert {(f.path, f.code, f.message) for f in back} <= before


def test_bib_findings_are_suppressed_per_entry_and_come_back_one_by_one(make_book):
    root = _book(make_book)
    bib_before = [f for f in engine.run([root], engine.Options(isolated=True, select=["B"])).findings
                  if f.path == "refs.bib"]
    assert bib_before, "the example .bib must have findings"
    assert _run(root, "--select", "B", "--add-noqa").exit_code == 0
    bib = (root / "refs.bib").read_text(encoding="utf-8")
    assert re.match(r"% booklint-disable-next-entry B\d{3}.*\n@article\{a,", bib)
    assert _run(root, "--select", "B").exit_code == 0
    first = bib.split("\n", 1)
    (root / "refs.bib").write_text(first[1], encoding="utf-8")
    back = engine.run([root], engine.Options(isolated=True, select=["B"])).findings
    assert back and all(f.path == "refs.bib" and f.line <= 4 for f in back)  # entry `a` only


def test_yaml_side_file_gets_a_comment_line_only_where_the_data_stays_the_same(make_book):
    from booklint.findings import Finding
    from booklint.suppress import suppressions

    root = make_book({"a.md": "# A\n", "data.yml": "name: x\nitems:\n  - one\n  - two\ntext: |\n  a\n  b\n"})
    book = engine.run([root], engine.Options(isolated=True)).book
    f_item = Finding("data.yml", 4, 5, 4, 8, "L001", "broken-link", "error", "m")
    f_block = Finding("data.yml", 7, 3, 7, 4, "L002", "missing-anchor", "error", "m")
    p = plan(book, [f_item])
    assert p.covered == 1 and not p.skipped
    rep = apply_fixes(book.root, {"data.yml": book.source("data.yml")}, p.fixes(), unsafe=True)
    assert rep.files == ["data.yml"]
    assert "  # booklint-disable-next-line L001\n  - two" in (root / "data.yml").read_text(encoding="utf-8")
    book2 = engine.run([root], engine.Options(isolated=True)).book
    assert suppressions(book2, "data.yml").covers("L001", 5)
    assert not suppressions(book2, "data.yml").covers("L001", 4)
    # inside a block scalar a comment line would become text: refused, with the config way out
    p = plan(book2, [Finding("data.yml", 8, 3, 8, 4, "L002", "missing-anchor", "error", "m")])
    assert not p.edits and p.skipped and "per-file-ignores" in p.skipped[0][1]
    del f_block


def test_add_noqa_with_diff_writes_nothing(make_book):
    root = _book(make_book)
    text = (root / "index.md").read_text(encoding="utf-8")
    r = _run(root, "--add-noqa", "--diff")
    assert r.exit_code == 1
    assert "+<!-- booklint-disable-next-line L001 -->" in r.output
    assert (root / "index.md").read_text(encoding="utf-8") == text


def test_baseline_survives_line_shifts_and_removing_an_entry_brings_back_exactly_that_finding(make_book):
    root = _book(make_book)
    base = root.parent / "baseline.json"
    assert _run(root, "--write-baseline", "--baseline", base).exit_code == 0
    assert _run(root, "--baseline", base).exit_code == 0
    # lines added above and an unrelated edit elsewhere: still recorded
    text = (root / "index.md").read_text(encoding="utf-8")
    text = text.replace("# Intro\n", "# Intro\n\nA new paragraph.\n\nAnother one.\n").replace("third item", "3rd item")
    (root / "index.md").write_text(text, encoding="utf-8")
    assert _run(root, "--baseline", base).exit_code == 0
    # a new defect fails, alone
    (root / "other.md").write_text("# Other\n\nSee [p](index).\n\nAnd [q](nowhere.md).\n", encoding="utf-8")
    r = _run(root, "--baseline", base, "--concise")
    assert r.exit_code == 1 and r.output.count("L001 error") == 1 and "nowhere.md" in r.output
    (root / "other.md").write_text("# Other\n\nSee [p](index).\n", encoding="utf-8")
    # one entry removed: exactly that finding is back
    import json

    data = json.loads(base.read_text(encoding="utf-8"))
    gone = data["findings"].pop(0)
    base.write_text(json.dumps(data), encoding="utf-8")
    back = json.loads(_run(root, "--baseline", base, "--format", "json").output)
    assert [(b["path"], b["code"], b["message"]) for b in back] == [(gone["path"], gone["code"], gone["message"])]
