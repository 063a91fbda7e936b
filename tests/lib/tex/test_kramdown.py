"""booklint.tex.kramdown: unit facts, and fidelity to the real kramdown when Ruby has it."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from tex_corpus import corpus_math_spans, corpus_root

from booklint.tex.kramdown import kramdown_math_text, table_cell_text


def facts(raw, **kw):
    k = kramdown_math_text(raw, **kw)
    return k.text, [(d.kind, d.start, d.end, d.result, d.splits) for d in k.damage]


def test_gfm_escapes_are_eaten_with_offsets():
    assert facts(r"\{x\}") == ("{x}", [("escape", 0, 2, "{", False), ("escape", 3, 5, "}", False)])
    assert facts(r"\\{U_X\\}") == (r"\{U_X\}", [("escape", 0, 2, "\\", False), ("escape", 6, 8, "\\", False)])
    assert facts(r"\text{kv\_heads} \, \alpha")[0] == r"\text{kv_heads} \, \alpha"
    k = kramdown_math_text(r"a \| b \# c")
    assert k.text == "a | b # c"
    assert k.to_raw(k.text.index("#")) == 8 and k.to_raw(len(k.text)) == len(k.raw)


def test_emphasis_pairs_split_the_formula():
    text, dmg = facts("a_{ij}*x_{ij}*y")
    assert text == "a_{ij}x_{ij}y"
    assert dmg == [("emphasis", 6, 14, "<em>x_{ij}</em>", True)]
    assert kramdown_math_text("a_{ij}*x_{ij}*y").split
    assert facts("**a*")[1][0][:3] == ("emphasis", 0, 4)
    assert facts("a **b** c")[1] == [("strong", 2, 7, "<strong>b</strong>", True)]
    assert facts("_a_")[1][0][0] == "emphasis"


def test_no_emphasis_where_kramdown_makes_none():
    for raw in ["x_1 + y_1 = z_1", "a_b_c", "a_i+b_j", "a * b * c", "x^* + y^*", "2 * 3"]:
        assert facts(raw) == (raw, []), raw


def test_other_span_parsers():
    assert facts("f'(x)")[0] == "f\u2019(x)"
    assert facts("a -- b ... c")[0] == "a \u2013 b \u2026 c"
    assert facts("x &lt; y")[0] == "x < y"
    assert facts("`x`")[1][0][0] == "codespan"
    assert facts("[0,1](x)")[1][0][0] == "link"
    assert facts("a <b>c</b>")[1][0][0] == "html"
    assert facts("a  \nb") == ("a\nb", [("line-break", 1, 3, "<br />", True)])
    assert facts("a \\\\\nb")[1][0][0] == "line-break"
    assert facts("~~x~~")[1][0][0] == "strikethrough"
    assert facts("a|b", in_table_row=True)[1] == [("table-pipe", 1, 2, "</td><td>", True)]
    assert facts("a|b") == ("a|b", [])


def test_offsets_map_every_character():
    k = kramdown_math_text(r"\{a\} -- *b* &amp; c'")
    assert len(k.offsets) == len(k.text) + 1
    for i in range(len(k.text)):
        assert 0 <= k.to_raw(i) < len(k.raw)
    assert k.raw[k.to_raw(k.text.index("a"))] == "a"


# --- fidelity to the real kramdown --------------------------------------------------------

_RUBY = r'''
require "kramdown"
require "kramdown-parser-gfm"
opts = {input: "GFM", hard_wrap: false, auto_ids: true, entity_output: :as_char,
        smart_quotes: "lsquo,rsquo,ldquo,rdquo", syntax_highlighter: nil}
print Kramdown::Document.new(STDIN.read, opts).to_html
'''

SYNTHETIC = [
    r"\{x\}", r"\\{x\\}", r"\left\{ x \right\}", r"a_{ij}*x_{ij}*y", "**a*", "a*b*c", "a **b** c",
    "_a_", "a_b_c", "x_1 + y_1", "a_i+b_j", "x^* + y^*", r"x \# y", r"x \_ y", r"\text{kv\_heads}",
    "f'(x) + x''", "a -- b ... c", "x << y >> z", "x &lt; y &amp; z", "`x` + 1", "[0,1](x)",
    "a <b>c</b> d", "~~x~~ y", "a  \nb", "a \\\\\nb", r"\frac{a}{b} \cdot \sqrt{2}", "a*b", "*a* b",
    "__a__", "a__b__c", r"\*x\*", "(a+b)*(c+d)*e", "'a' + \"b\"", "x' = y'", "2^{10}'s",
    r"\begin{aligned} a &= b \\ c &= d \end{aligned}", r"\mathbb{E}[X] = \sum_i x_i p_i",
    "p_{\\text{max}} * q_{\\text{min}} * r", "--x", "a---b", r"\<<", "1...n",
]


def _kramdown_available() -> bool:
    if shutil.which("ruby") is None:
        return False
    probe = subprocess.run(["ruby", "-e", 'require "kramdown"; require "kramdown-parser-gfm"'],
                           capture_output=True)
    return probe.returncode == 0


def _real_kramdown(raws: list[str]) -> list[str]:
    doc = "\n\n".join(f"bklS{i}x ${raw}$ bklE{i}x" for i, raw in enumerate(raws)) + "\n"
    out = subprocess.run(["ruby", "-e", _RUBY], input=doc, capture_output=True, text=True,
                         check=True, timeout=300).stdout
    res = []
    for i in range(len(raws)):
        m = re.search(rf"bklS{i}x \$(.*?)\$ bklE{i}x", out, re.S)
        assert m, f"span {i} not found in kramdown output"
        res.append(m.group(1))
    return res


def test_fidelity_to_real_kramdown():
    if not _kramdown_available():
        pytest.skip("ruby with the kramdown and kramdown-parser-gfm gems is not installed "
                    "(Debian: ruby-kramdown ruby-kramdown-parser-gfm)")
    raws = list(SYNTHETIC)
    if corpus_root() is not None:
        raws += [m.tex for _, _, m in corpus_math_spans() if m.delimiter == "$" and m.context != "caption"]
    # A | would turn the test paragraph into a GFM table, and a blank line would end it:
    # those are block-level matters for the Markdown engine, not span parsing.
    raws = [r for r in dict.fromkeys(raws) if "|" not in r and "\n\n" not in r and "$" not in r]
    real = _real_kramdown(raws)
    wrong = []
    for raw, got in zip(raws, real, strict=False):
        ours = kramdown_math_text(raw)
        real_split = re.search(r"<[a-z]", got) is not None
        real_text = html.unescape(re.sub(r"<[^>]*>", "", got))
        if ours.text != real_text or ours.split != real_split:
            wrong.append(f"{raw!r}: kramdown {got!r}, booklint {ours.text!r} split={ours.split}")
    print(f"\nkramdown fidelity: {len(raws) - len(wrong)} of {len(raws)} spans identical")
    assert not wrong, "\n".join(wrong)


def test_check_single_dollar_reports_in_raw_offsets():
    from booklint.tex import MacroScope, check_single_dollar

    scope = MacroScope("katex")
    raw = r"\text{kv\_heads} + \lfoor x"
    res = check_single_dollar(raw, macros=scope)
    assert [(p.kind, raw[p.start:p.end]) for p in res.problems] == [
        ("text-mode", "\\_"), ("unknown-command", "\\lfoor")]
    assert not res.ok and not res.kramdown.split
    damaged = check_single_dollar("a_{ij}*x_{ij}*y", macros=scope)
    assert damaged.problems == () and damaged.kramdown.split and not damaged.ok
    assert check_single_dollar(r"\\{U_X\\}", macros=scope).ok


TABLE_CELLS = [r"\|x\|", r"a\\|b", r"a\\\|b", r"\{x\}\|y", r"a*b\|c*d", r"a\|b\|c", r"\|",
               r"\left\| x \right\|", r"\\{U\\}\|", r"x_1 \| y_1"]


def test_table_cells_match_real_kramdown():
    """In a table row kramdown drops the backslash of every `\\|` before span parsing."""
    if not _kramdown_available():
        pytest.skip("ruby with the kramdown and kramdown-parser-gfm gems is not installed")
    doc = "| a | b |\n|---|---|\n" + "".join(f"| bklS{i}x ${raw}$ bklE{i}x | $${raw}$$ |\n"
                                             for i, raw in enumerate(TABLE_CELLS))
    out = subprocess.run(["ruby", "-e", _RUBY], input=doc, capture_output=True, text=True,
                         check=True, timeout=300).stdout
    wrong = []
    for i, raw in enumerate(TABLE_CELLS):
        m = re.search(rf"bklS{i}x \$(.*?)\$ bklE{i}x</td>\s*<td>\\\((.*?)\\\)</td>", out, re.S)
        assert m, f"row {i} not found in kramdown output"
        got_single, got_double = m.group(1), html.unescape(m.group(2))
        ours = kramdown_math_text(raw, in_table_row=True)
        real_split = re.search(r"<[a-z]", got_single) is not None
        real_text = html.unescape(re.sub(r"<[^>]*>", "", got_single))
        if ours.text != real_text or ours.split != real_split:
            wrong.append(f"${raw}$: kramdown {got_single!r}, booklint {ours.text!r} split={ours.split}")
        if table_cell_text(raw).text != got_double:
            wrong.append(f"$${raw}$$: kramdown {got_double!r}, booklint {table_cell_text(raw).text!r}")
    assert not wrong, "\n".join(wrong)


def test_table_cell_offsets_point_at_the_raw_text():
    k = kramdown_math_text(r"a\\|b + \|x\|", in_table_row=True)
    assert k.text == "a|b + |x|"
    assert len(k.offsets) == len(k.text) + 1
    assert [k.raw[k.to_raw(i)] for i in range(len(k.text))] == list("a|b + |x|")
    assert k.to_raw_span(6, 7) == (8, 10)      # the `|` that `\|` became covers the backslash
    assert [d.kind for d in k.damage if d.kind == "table-pipe"] == ["table-pipe"] * 3
