"""Issue 19: characters Python takes for line breaks (U+0085, U+2028, ...) and markdown-it does not.

Inputs found by the fuzzer with a fresh seed: every prose rule crashed on the first (a table
cell holding only U+0085 put the next cell's offsets past the end of the file), and the JSONL
writer split findings quoting U+0085 or U+2028 across several "lines" on the second.
"""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from booklint import engine
from booklint.config import Config
from booklint.registry import all_rules
from booklint.report import FORMATS, render

TABLE_CELL_NEL = (
    b'---\ntitle: x\n---\n<p markdown=1 class="takeaway">$\\frac{a}{b}$ $\\frac{a}{b}$ <d-cite key="the"></d-cite> '
    b'<d-footnote>the $\\frac{a}{b}$</d-footnote> <a href="../tpus">the</a> <b markdown=1>the</b> $\\frac{a}{b}$ '
    b'$\\lfoor x \\rfloor$</p>\n\n| a | b |\n|---|---|\n| \xc2\x85 | $\\frac{a}{b}$ \x01|'
)
MESSAGE_SEPARATORS = b"See [x](missing\xc2\x85page) and [y](#no\xe2\x80\xa8where).\n"


def _check(tmp_path, data: bytes):
    (tmp_path / "a.md").write_bytes(data)
    book = engine.load_book(tmp_path, Config())
    return book, engine.check_book(book, {r.code for r in all_rules()}).findings


@pytest.mark.parametrize("data", [TABLE_CELL_NEL, MESSAGE_SEPARATORS], ids=["table-cell-nel", "message-separators"])
def test_no_internal_error_and_every_format_parses(tmp_path, data):
    book, findings = _check(tmp_path, data)
    assert not [f for f in findings if f.code == "X001"], [f.message for f in findings if f.code == "X001"]
    assert findings
    for f in findings:
        assert 0 <= f.start <= f.end <= len(book.docs["a.md"].source.text)
    for fmt in FORMATS:
        out = render(fmt, findings, book)
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
        elif fmt == "jsonl":
            lines = out.splitlines()
            assert len(lines) == len(findings)
            assert [json.loads(x)["message"] for x in lines] == [f.message for f in findings]  # escaped, not lost
        elif fmt == "junit":
            ET.fromstring(out.split("\n", 1)[1])
        elif fmt == "github":
            lines = out.splitlines()
            assert len(lines) == len(findings) and all(x.startswith("::") for x in lines)
        else:
            assert "\x85" not in out and "\u2028" not in out


def test_table_cell_prose_is_found_where_it_is_written(tmp_path):
    book, findings = _check(tmp_path, b"| a | b |\n|---|---|\n| \xc2\x85 | speling mistaek |\n")
    text = book.docs["a.md"].source.text
    for run in book.docs["a.md"].prose:
        assert text[run.span.start:run.span.end] == run.text
    assert {text[f.start:f.end] for f in findings if f.code == "S001"} == {"speling", "mistaek"}


def test_a_file_that_is_only_a_byte_order_mark_gives_valid_sarif(tmp_path):
    """Found by a fuzz campaign (seed 2727364196): the BOM fix has no text edit, and SARIF wants at
    least one replacement; the mark's removal is written as a deletion of its three bytes."""
    import jsonschema
    from helpers import REPO

    schema_path = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    _book, findings = _check(tmp_path, b"\xef\xbb\xbf")
    sarif = json.loads(render("sarif", findings))
    fixes = [r["fixes"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "E003"]
    assert fixes and fixes[0][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"] == {"byteOffset": 0, "byteLength": 3}
    if schema_path.is_file():
        jsonschema.validate(sarif, json.loads(schema_path.read_text()))
