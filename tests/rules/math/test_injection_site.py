"""Fault injection on a copy of the ICLR site (an al-folio site by other authors).

* A post defines its macros once, in `$$` inside a hidden raw HTML `<div>`; MathJax keeps them for
  the whole page. Dropping one definition makes every formula MathJax draws with it unknown:
  at least one M001 naming it on each line that uses it in MathJax's math, and nothing else new.
* `</d-footnote>` moved to the start of the next line stays in its paragraph (kramdown 2.4
  ends no paragraph there, and the footnote renders as before): nothing new. Moved past a blank
  line it starts a paragraph of its own, where kramdown prints it as text: exactly one finding
  on its line (and the footnote, closed at its paragraph's end, is reported where it opens).
"""

from __future__ import annotations

import re

import pytest
from helpers import corpus_root, lint

SITE = "iclr-blogposts-2023"
POST = "_posts/2023-05-01-hitchhikers-momentum.md"

pytestmark = pytest.mark.skipif(not (corpus_root() / SITE).is_dir(), reason=f"corpus site {SITE} not found")


def _found(root):
    return {(f.path, f.line, f.code, f.message) for f in lint(root, isolated=True)}


def _lines(root):
    return (root / POST).read_text(encoding="utf-8").split("\n")


def test_a_dropped_preamble_macro_is_unknown_where_mathjax_uses_it(copy_book):
    root = copy_book(SITE)
    before = _found(root)
    lines = _lines(root)
    at = next(i for i, ln in enumerate(lines) if re.match(r"\\def\\mom\b", ln))
    lines[at] = ""  # the line stays, empty: other findings keep their lines
    (root / POST).write_text("\n".join(lines), encoding="utf-8")
    new = _found(root) - before
    assert new, "dropping a used macro must be reported"
    assert all(code == "M001" and "`\\mom`" in msg and path == POST for path, _, code, msg in new), new
    # every line after the preamble that uses \mom in `$$` math (MathJax's) is reported
    uses = {i + 1 for i, ln in enumerate(lines) if i > at and re.search(r"\$\$[^$]*\\mom\b", ln)}
    assert uses and uses <= {line for _, line, _, _ in new}


def _footnote_line(lines):
    return next(i for i, ln in enumerate(lines)
                if "<d-footnote>" in ln and "</d-footnote>" in ln
                and ln.index("</d-footnote>") > ln.index("<d-footnote>") and not ln.lstrip().startswith("<"))


def test_an_end_tag_moved_to_the_start_of_a_line_in_its_paragraph_is_fine(copy_book):
    root = copy_book(SITE)
    before = {(p, c) for p, _, c, _ in _found(root)}
    lines = _lines(root)
    i = _footnote_line(lines)
    k = lines[i].index("</d-footnote>")
    lines[i:i + 1] = [lines[i][:k], lines[i][k:]]
    (root / POST).write_text("\n".join(lines), encoding="utf-8")
    after = {(p, c) for p, _, c, _ in _found(root)}
    assert after == before


def test_an_end_tag_in_a_paragraph_of_its_own_is_reported_on_its_line(copy_book):
    root = copy_book(SITE)
    before = _found(root)
    lines = _lines(root)
    i = _footnote_line(lines)
    k = lines[i].index("</d-footnote>")
    lines[i:i + 1] = [lines[i][:k], "", lines[i][k:]]
    (root / POST).write_text("\n".join(lines), encoding="utf-8")
    new = _found(root) - before
    on_line = [f for f in new if f[1] == i + 3]
    assert len(on_line) == 1, new
