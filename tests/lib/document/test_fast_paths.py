"""The parser's and the stray view's fast paths give what the plain ways give.

markdown-it's inline and block loops are replaced by ones that try only the rules the character
at hand (a line's first, for blocks) can start (document/parse.py), and prose groups are joined from merged item intervals instead
of a list of characters (views/stray.py): both are held here to the plain way, on every page
of the rule examples and on random Markdown.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from booklint.document.parse import new_parser, parse
from booklint.document.source import Source
from booklint.views import stray

EXAMPLES = Path(__file__).resolve().parents[3] / "rules" / "examples"
PAGES = sorted(EXAMPLES.rglob("*.md"))


def _dump(tokens) -> list:
    out = []
    for t in tokens:
        out.append((t.type, t.tag, t.map, t.content, t.markup, t.info, sorted((t.attrs or {}).items()), t.level, t.nesting))
        if t.children:
            out.append(_dump(t.children))
    return out


def _same_tokens(text: str) -> None:
    for kramdown in (False, True):
        fast = new_parser(kramdown).parse(text, {})
        plain = new_parser(kramdown, fast_inline=False).parse(text, {})
        assert _dump(fast) == _dump(plain), text


def test_the_fast_loop_is_installed():
    """Fails on a markdown-it release the fast loops were not compared on (parse.FAST_LOOPS_FOR):
    run these tests against it, then list it there."""
    import markdown_it
    import mdit_py_plugins

    from booklint.document.parse import FAST_LOOPS_FOR, FAST_LOOPS_PLUGINS_FOR

    assert markdown_it.__version__.startswith(FAST_LOOPS_FOR), markdown_it.__version__
    assert mdit_py_plugins.__version__.startswith(FAST_LOOPS_PLUGINS_FOR), mdit_py_plugins.__version__
    assert "tokenize" in new_parser(True).inline.__dict__
    assert "tokenize" not in new_parser(True, fast_inline=False).inline.__dict__
    assert "skipToken" in new_parser(True).inline.__dict__
    assert "tokenize" in new_parser(True).block.__dict__
    assert "tokenize" not in new_parser(True, fast_inline=False).block.__dict__


def test_inline_loop_same_tokens_on_the_examples():
    assert PAGES
    for page in PAGES:
        _same_tokens(page.read_text(encoding="utf-8", errors="replace"))


_PIECES = st.sampled_from(list("ab c\n\\`~*_[]()!<>&${}%#:/|-=\"'") + [
    "{{ x }}", "{% if a %}", "<a href='x'>", "</a>", "&amp;", "&#35;", "http://x.y", "$$", "**", "  \n", "\n\n",
    "| a | b |\n|---|---|\n", "<https://e.org>", "![i](p.png)", "[r]: /u\n", "    code\n", "> q\n", "- l\n",
    "# h\n", "```\n", "~~~ x\n", "***\n", "---\n", "___\n", "1. o\n", "2) o\n", "+ p\n", "<div>\n", "</div>\n",
    "<!-- c -->\n", "   ", "\t", "{% x %}\n", "$$\n", "===\n", "\n> > q\n", "[a [b] `]` *c*](u)", "[x <b>]</b>](y)",
    "[$]$](z)", "[{{ ] }}](w)", "[&#93;]"])


def test_block_loop_same_tokens_on_edge_cases():
    # the front matter rule reads the text's first character, not the line's: it matches in a
    # list item on the first line
    for text in ("- x--\nfoo\n---\n", "-  x--\nfoo\n---\nbar\n", "1. x--\n---\n", "> x--\n> ---\n", "  ---\na\n---\n",
                 "- {% x %}\n", "> $$\n> a\n> $$\n", "- <div>\n  a\n", "1. # h\n", "- [r]: /u\n", "  ```\n  a\n  ```\n"):
        _same_tokens(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_inline_loop_same_tokens_on_random_markdown(text):
    _same_tokens(text)


def _groups_by_chars(doc):
    by_group: dict[int, list] = {}
    for it in doc.inline:
        by_group.setdefault(it.group, []).append(it)
    math = sorted((m.span.start, m.span.end) for m in doc.math)
    starts = [a for a, _z in math]
    out = []
    for items in by_group.values():
        start = min(i.span.start for i in items)
        end = max(i.span.end for i in items)
        if end > start:
            out.append(stray._group_by_chars(items, doc.text, start, end, math, starts))
    out.sort(key=lambda g: g.start)
    return out


def test_prose_groups_as_the_character_wise_build():
    checked = 0
    for page in PAGES:
        doc = parse(Source.from_bytes(str(page), page.read_bytes()))
        assert stray._groups(doc) == _groups_by_chars(doc), page
        assert stray._groups_gathered(doc) == _groups_by_chars(doc), page
        checked += len(doc.inline)
    assert checked > 1000


def test_reference_targets_as_markdown_it_normalizes_them():
    """The parser keeps destinations as written (no `normalizeLink`); a reference link's or
    image's target, which only its definition holds, is normalized as markdown-it does."""
    from urllib.parse import unquote

    from markdown_it import MarkdownIt

    text = ("[a][r1] [b][r2] ![c][r3] [d][r4] [e][r5] [f][r6]\n\n[r1]: </x y/é>\n[r2]: https://bücher.example/ü?q=%41&x\n"
            "[r3]: <img/ä b.png>\n[r4]: <mailto:ü@例え.jp>\n[r5]: //host.ü/%zz\n[r6]: <>\n")
    doc = parse(Source.from_text("a.md", text))
    stock = [c for t in MarkdownIt("commonmark").parse(text) for c in (t.children or [])
             if c.type in ("link_open", "image")]
    want = [unquote(c.attrGet("href") if c.type == "link_open" else c.attrGet("src")) for c in stock]
    got = sorted([(x.span.start, x.href) for x in doc.links if x.kind == "reference"]
                 + [(x.span.start, x.src) for x in doc.images])
    assert [h for _s, h in got] == want
    assert len(want) == 6


def test_script_and_style_content_skipped_to_their_end_tag_in_any_ascii_case():
    from booklint.document.html import scan_html

    text = "İİ <script>if (a<b) x = '<b>';</SCRIPT> <b>bold</b> <style>p<q{}</Style ><i>"
    tags = [(t.name, t.closing, text[t.span.start:t.span.end]) for t in scan_html(text, 0, len(text), block=True)]
    assert tags == [("script", False, "<script>"), ("script", True, "</SCRIPT>"), ("b", False, "<b>"),
                    ("b", True, "</b>"), ("style", False, "<style>"), ("style", True, "</Style >"), ("i", False, "<i>")]
    # a long page of scripts: each end found from where its script starts, not by lower-casing the page again
    many = "<script>x</script>\n" * 20000
    assert sum(1 for _ in scan_html(many, 0, len(many), block=True)) == 40000
