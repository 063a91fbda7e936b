"""The Jekyll-Liquid view: Liquid's tokenizer and block pairing."""

from __future__ import annotations

from booklint.views.liquid import pair_blocks, scan


def test_tokenizer_follows_liquid():
    text = ('{% raw %}{{ not liquid {% if %}{% endraw %}\n'
            '{%- include figure.liquid caption="a\nb" -%}\n'
            '{{ x }\n'
            '{% broken\n{% details x %}\n')
    sc = scan(text)
    names = [(t.kind, t.name) for t in sc.tokens]
    assert names == [("tag", "raw"), ("tag", "endraw"), ("tag", "include"), ("tag", "details")]
    assert [p.kind for p in sc.problems] == ["unterminated-output", "unterminated-tag"]
    assert sc.raw == [(9, text.index("{% endraw"))]


def test_block_pairing_reports_where_blocks_open():
    toks = scan("{% details a %}\n{% if x %}\n{% enddetails %}\n{% endfor %}\n{% else %}\n").tokens
    p = pair_blocks(toks)
    assert [(o.name, c.name if c else None) for o, c in p.unclosed] == [("if", "enddetails")]
    assert [t.name for t, _why in p.stray] == ["endfor", "else"]
