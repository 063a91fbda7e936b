"""booklint.formulas.autorender: KaTeX auto-render's pairing of dollars, and the text nodes
kramdown writes for it to pair them in."""

from __future__ import annotations

import pytest

from booklint.config import Config
from booklint.engine import load_book
from booklint.formulas.autorender import split_text_node, text_nodes

JEKYLL = {"_config.yml": "baseurl: /book\n"}


# -- the auto-render's pairing -----------------------------------------------------------------

@pytest.mark.parametrize("text, pieces", [
    ("a $x$ b $y$", ["x", "y"]),
    ("costs $5, or $10", ["5, or "]),                  # it pairs prices: nothing stops it
    ("a \\$5 and $x$", ["5 and "]),                    # nor a backslash before the opening `$`
    ("a $\\$5$ b", ["\\$5"]),                          # but inside a formula `\$` is skipped
    ("a ${b$c}$ d", ["{b$c}"]),                        # and a `$` inside braces
    ("$$x$$", ["", ""]),                               # `$` is looked for before `$$`
    ("a $x", []),
])
def test_auto_render_pairs_like_distill(text, pieces):
    got = [text[a + len(d):z] for kind, a, z, d in split_text_node(text, ("$", "$$")) if kind == "math"]
    assert got == pieces


def test_text_nodes_end_at_elements_and_follow_kramdown(make_book):
    text = "A *b $x$* c and `$y$` d \\$e [$f$](u) g&#36;h $a_{ij}*x*y$ z\n"
    root = make_book({**JEKYLL, "a.md": text})
    doc = load_book(root, Config()).docs["a.md"]
    nodes = [s for s, _ in text_nodes(doc)]
    # emphasis, code, links end a text node; kramdown's escapes and entities are applied;
    # a `$...$` kramdown cuts with <em> is cut here too
    assert nodes == ["b $x$", " d $e ", "$f$", " g$h $a_{ij}", "y$ z"]
