"""Properties of word extraction on arbitrary Markdown: every word's span is exact."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from booklint.document.parse import parse
from booklint.document.source import Source
from booklint.prose.words import iter_words, segments

PIECES = st.sampled_from(["word", "Слово", "neg", "ible", " ", " ", "\n", "\n\n", "*", "**", "_", "`x`", "$y$",
                          "[", "](u.md)", "-", "'s", "’", ".", ",", "<b>", "</b>", "# ", "| ", "e.g.", "v5e",
                          "{% details x %}", "<!-- c -->", "ё", "AllGather", "https://a.b/c"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_every_word_span_holds_the_word(pieces):
    text = "".join(pieces)
    doc = parse(Source.from_bytes("p.md", text.encode("utf-8")))
    for seg in segments(doc):
        for w, a, b, _sc, _comp in iter_words(seg):
            sp = seg.span(a, b)
            assert 0 <= sp.start <= sp.end <= len(doc.text)
            written = doc.text[sp.start:sp.end]
            # only inline markup may sit inside a word's span
            stripped = re.sub(r"</?b>|[*_\[\]]|\]\(u\.md\)|\(u\.md\)", "", written).replace("’", "'")
            assert stripped == w.replace("’", "'"), (text, w, written)
