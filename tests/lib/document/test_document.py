"""Positions: every element the parser records is exactly where it is in the source."""

from __future__ import annotations

from booklint.document.parse import parse
from booklint.document.source import Source

TEXT = """---
title: "T"
toc:
  - name: First
---

# Heading with `code` and $x$

> A quote with [a link](target.md "title") and
> a second line with $$y^2$$ and <d-cite key="a,b"></d-cite>.

- item with ![alt *text*](img.png)
  continued \\*escaped\\* &amp; text

| col | `c|d` |
|-----|-------|
| [x](y.md) | $z$ |

<p markdown=1 class="takeaway">**Takeaway**: inner $w$ and [in](inner.md).</p>

{% include figure.liquid path="assets/img/a.png" caption="<b>Figure:</b> a $q$ plot with
 <a href=\\"https://e.com\\">a link</a>." %}

$$
\\begin{equation} E = mc^2 \\end{equation}
$$

Text [x]({{ site.baseurl }}/tpus) and `multi
line code` then [after](after.md).
"""


def test_every_span_points_at_its_text():
    src = Source.from_text("a.md", TEXT)
    doc = parse(src)
    t = src.text
    for link in doc.links:
        if link.kind in ("markdown", "html"):
            assert t[link.href_span.start:link.href_span.end] == link.raw_href
    for m in doc.math:
        assert t[m.content_span.start:m.content_span.end] == m.tex
    for r in doc.prose:
        assert t[r.span.start:r.span.end] == r.text
    for c in doc.code_spans:
        assert t[c.span.start] == "`" and t[c.span.end - 1] == "`"
    hrefs = [link.href for link in doc.links]
    assert hrefs == ["target.md", "y.md", "inner.md", "https://e.com", "{{ site.baseurl }}/tpus", "after.md"]
    assert [m.tex for m in doc.math] == ["x", "y^2", "z", "w", "q", "\n\\begin{equation} E = mc^2 \\end{equation}\n"]
    assert [(m.context, m.display) for m in doc.math][-1] == ("block", True)
    lines = {link.href: src.line_col(link.href_span.start) for link in doc.links}
    assert lines["target.md"] == (9, 25)
    assert lines["after.md"][0] == 29  # after a multi-line code span
    assert lines["https://e.com"][0] == 22
    imgs = [(i.kind, i.src) for i in doc.images]
    assert imgs == [("markdown", "img.png"), ("figure", "assets/img/a.png")]
    cite = [h for h in doc.html if h.name == "d-cite"][0]
    assert cite.attr("key").value == "a,b" and src.line_col(cite.span.start) == (10, 34)
    assert doc.front_matter.value_spans[("toc", 0, "name")].start == t.index("First")


def test_binary_is_not_parsed():
    doc = parse(Source.from_bytes("x.md", b"\x00\x01\x02"))
    assert doc.notes[0].kind == "binary" and not doc.links


def test_pathological_inputs_parse():
    """Repeated pathological units parse to a Document (their growth is timed by bench/adversarial.py)."""
    from adversarial_inputs import PATHOLOGICAL

    for unit in PATHOLOGICAL:
        doc = parse(Source.from_text("x.md", unit * (16_000 // len(unit))))
        assert doc.source.text


def test_table_cells_with_escaped_pipes_keep_their_positions():
    # markdown-it drops the backslash of `\|` when it splits a row into cells; every span
    # after it must still point at the source (first cell of a row included)
    text = "| a | b |\n|---|---|\n| $a\\\\|b$ | $$c\\|d$$ and $z$ |\n| `x\\|y` [l](u.md) | $\\|x\\|$ |\n"
    doc = parse(Source.from_text("t.md", text))
    assert [m.tex for m in doc.math] == ["a\\\\|b", "c\\|d", "z", "\\|x\\|"]
    for m in doc.math:
        assert text[m.content_span.start:m.content_span.end] == m.tex
        assert text[m.span.start:m.span.end] == m.delimiter + m.tex + m.delimiter
    for r in doc.prose:
        assert text[r.span.start:r.span.end] == r.text
    assert [text[c.span.start:c.span.end] for c in doc.code_spans] == ["`x\\|y`"]
    assert [(link.href, text[link.href_span.start:link.href_span.end]) for link in doc.links] == [("u.md", "u.md")]


def test_inline_items_are_where_they_were_written():
    src = Source.from_text("a.md", TEXT)
    doc = parse(src)
    t = src.text
    assert doc.inline and all(0 <= i.span.start <= i.span.end <= len(t) for i in doc.inline)
    for i in doc.inline:
        piece = t[i.span.start:i.span.end]
        if i.type == "math_inline":
            assert piece.startswith("$") and piece.endswith("$")
        elif i.type == "text":
            assert "\n" not in piece
        elif i.type == "softbreak":  # the line end, and a blockquote's `> ` after it
            assert piece.startswith("\n") and not piece.strip(" \t>\n")
    groups = [i.group for i in doc.inline]
    assert groups == sorted(groups)
    # the `markdown=1` block's paragraph is walked too, as its own group
    inner = [i for i in doc.inline if i.type == "math_inline" and t[i.span.start:i.span.end] == "$w$"]
    assert len(inner) == 1
