"""booklint's blocks and formulas against the real Jekyll build of each corpus site.

For every Markdown page Jekyll converts with kramdown:

* each raw HTML block kramdown keeps at the top level starts and ends on the lines where
  booklint's parse starts and ends a top-level HTML block (kramdown runs a block to its
  element's end tag, blank lines included);
* each kramdown math element (`$$`) is a booklint `$$` span on that line, display exactly when
  kramdown made it display;
* each formula MathJax finds in the converted HTML that kramdown did not make (`\\(..\\)` and
  `\\[..\\]` in raw HTML) is one booklint checked as MathJax's, inside HTML.

Skipped where `jekyll` is not installed or the corpus is absent.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import corpus_root, jekyll_oracle

from booklint.config import Config
from booklint.engine import load_book
from booklint.formulas.analysis import analyze_document

oracle = jekyll_oracle()

SITES = ("iclr-blogposts-2023", "scaling-book-en", "scaling-book-ru")

pytestmark = [pytest.mark.skipif(not oracle.jekyll_available(), reason="Debian's jekyll is not installed"),
              pytest.mark.slow]


@pytest.fixture(scope="module", params=SITES)
def site(request, jekyll_site):
    root = corpus_root() / request.param
    dump = jekyll_site(request.param)
    book = load_book(root.resolve(), Config())
    pages = [p for p in dump["pages"] if p.get("markdown") and p.get("relative_path") in book.docs]
    assert pages
    return request.param, book, pages


def _html_blocks(doc, liquid: set[int] | None = None) -> list[tuple[int, int]]:
    """(first line, last non-blank line), 1-based, of booklint's top-level HTML blocks; not comments
    (kramdown keeps no element for them), `markdown=1` blocks (Markdown inside), or blocks with Liquid
    (whose lines the oracle cannot map back to the file)."""
    lines = doc.text.split("\n")
    out = []
    for t in doc.tokens:
        if t.type == "html_block" and t.level == 0 and t.map:
            c = t.content.lstrip()
            if c.startswith("<!--") or "markdown=" in c.split("\n", 1)[0]:
                continue
            a, z = t.map
            if "{%" in c or "{{" in c:
                if liquid is not None:
                    liquid.update(range(a + 1, z + 1))
                continue
            while z > a + 1 and not lines[z - 1].strip():
                z -= 1
            out.append((a + 1, z))
    return out


def test_raw_html_blocks_cover_the_lines_kramdown_keeps_as_raw_html(site):
    """The lines inside top-level raw HTML blocks, kramdown's and booklint's, are the same lines
    (CommonMark may hold two of kramdown's adjacent blocks in one: only the lines count)."""
    name, book, pages = site
    wrong = []
    for p in pages:
        doc = book.docs[p["relative_path"]]
        ours: set[int] = set()
        md1: set[int] = set()  # lines not compared: Liquid (its output is not the file), Markdown inside
        for a, z in _html_blocks(doc, md1):
            ours.update(range(a, z + 1))
        theirs: set[int] = set()
        ends: set[int] = set()
        lines = doc.text.split("\n")
        for blk in p.get("html_blocks", ()):
            a, z = blk.get("file_line"), blk.get("file_end_line")
            if blk["parent"] != "root" or a is None or z is None:
                continue
            body = "\n".join(lines[a - 1:z])
            skip = "markdown=" in blk["first_line"] or "{%" in body or "{{" in body
            (md1 if skip else theirs).update(range(a, z + 1))
            nxt = z + 1
            while nxt <= len(lines) and not lines[nxt - 1].strip():
                nxt += 1
            ends.add(nxt)  # kramdown's end_line stops before the element that starts on the end tag's line
        lines = doc.text.split("\n")

        def shared(ln: int, ends=ends, ours=ours, lines=lines) -> bool:
            """A line that ends kramdown's block and starts its next element (`</details><br/>`):
            kramdown counts it to the element after, booklint to the block."""
            return ln in ends and ln in ours and "</" in lines[ln - 1]

        def end_tag_only(ln: int, ours=ours, lines=lines) -> bool:
            """`</div>` closing a `markdown=1` block: booklint's block of its own, inside kramdown's."""
            return ln in ours and re.fullmatch(r"\s*</[\w-]+>\s*", lines[ln - 1]) is not None

        diff = sorted(ln for ln in (ours ^ theirs) - md1
                      if ln <= len(lines) and lines[ln - 1].strip() and not shared(ln) and not end_tag_only(ln))
        if diff:
            ln = diff[0]
            side = "kramdown" if ln in theirs else "booklint"
            wrong.append(f"{name}/{p['relative_path']}:{ln}: only {side} reads this line as raw HTML "
                         f"({len(diff)} such lines)")
    assert not wrong, "\n".join(wrong)


def test_kramdown_math_is_booklints_double_dollar_math(site):
    name, book, pages = site
    wrong = []
    for p in pages:
        doc = book.docs[p["relative_path"]]
        ours = {}
        for m in doc.math:
            if m.delimiter == "$$" and m.context not in ("html", "caption"):
                ours.setdefault(doc.line_col(m.span.start)[0], []).append(m)
        for m in p.get("math", ()):
            line = m.get("file_line")
            if line is None:
                continue
            here = ours.get(line, [])
            if m.get("parent") in ("td", "th"):  # kramdown gives the table's first line
                here = [x for lst in ours.values() for x in lst if x.context == "table"]
            if not any(x.tex.strip() == m["tex"].strip() for x in here):
                wrong.append(f"{name}/{p['relative_path']}:{line}: kramdown math {m['tex'][:40]!r} not found")
                continue
            mine = next(x for x in here if x.tex.strip() == m["tex"].strip())
            if mine.display != m["display"] and mine.context == "block":
                wrong.append(f"{name}/{p['relative_path']}:{line}: display {m['display']} vs booklint {mine.display}")
    assert not wrong, "\n".join(wrong)


def test_mathjax_math_in_raw_html_is_checked_as_mathjax(site):
    name, book, pages = site
    wrong = []
    for p in pages:
        doc = book.docs[p["relative_path"]]
        kram = Counter(m["tex"].strip() for m in p.get("math", ()))
        theirs = Counter(m["tex"].strip() for m in p.get("html_math", ())) - kram
        if p.get("liquid_changed_text"):
            continue  # Liquid pasted HTML (a details body) booklint reads elsewhere
        res = analyze_document(book, doc, {})
        ours = Counter(f.tex.strip() for f in res.formulas if f.origin in ("html", "text")
                       and not f.tex.lstrip().startswith("\\begin"))
        missing = theirs - ours
        if missing:
            wrong.append(f"{name}/{p['relative_path']}: MathJax finds {sorted(missing)[:3]} booklint does not check")
    assert not wrong, "\n".join(wrong)
