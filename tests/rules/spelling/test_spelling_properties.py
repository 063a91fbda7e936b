"""Properties of the spelling and terminology rules on arbitrary Markdown: no crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = st.sampled_from(["word", "Слово", "neg", "ible", " ", " ", "\n", "\n\n", "*", "**", "_", "`x`", "$y$",
                          "[", "](u.md)", "-", "'s", "’", ".", ",", "<b>", "</b>", "# ", "| ", "e.g.", "v5e",
                          "{% details x %}", "<!-- c -->", "ё", "AllGather", "https://a.b/c"])


@settings(max_examples=40, deadline=None)
@given(st.lists(PIECES, max_size=40), st.lists(PIECES, max_size=40))
def test_no_spelling_or_terminology_rule_crashes(a, b):
    import tempfile
    from pathlib import Path

    from helpers import lint

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "a.md").write_text("".join(a), encoding="utf-8")
        (root / "b.md").write_text("".join(b), encoding="utf-8")
        found = lint(root, select=["S", "T"], isolated=True)
        assert not [f for f in found if f.code == "X001"], [f.message for f in found if f.code == "X001"]


# what decides a doubled word's edges: letters of two scripts and their cases, digits, white
# space, the characters that glue or block a word, NUL (the joint between two segments)
DOUBLES = st.sampled_from(["the", "The", "THE", "в", "В", "x", "éte", "ÉTE", "α", "Α", "×", "\u0483", "1", " ", "  ", "\n", "\t", "\0", "-",
                           "'", "’", ".", ",", "_", "/", "(", "é"])


@settings(max_examples=400, deadline=None)
@given(st.lists(DOUBLES, max_size=30).map("".join))
def test_doubled_word_scan_is_the_look_behind_scan(s):
    import re

    from booklint.checks.spelling.doubled_word import _pairs

    plain = re.compile(r"(?<![\w'’\-.])([^\W\d_]+)(\s+)(\1)(?![\w'’]|-\w)", re.I)  # the rule as first written
    assert [m.span(1) + m.span(3) for m in _pairs(s)] == [m.span(1) + m.span(3) for m in plain.finditer(s)]
