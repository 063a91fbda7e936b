from __future__ import annotations

import re

from ...document.model import Document
from ...findings import Edit, Fix
from ...prose.vocabulary import doc_text
from ...registry import rule

# possessive runs (`++`): a shorter run of letters is followed by a letter, not a space, so giving
# characters back never makes a match; not trying saves a quarter of the scan. Only the second
# word is compared ignoring case (the classes are the same either way).
_DOUBLED = re.compile(r"(?<![\w'’\-.])([^\W\d_]++)(\s++)((?i:\1))(?![\w'’]|-\w)")
# the same, after the character before the first word instead of a look behind: the scan then
# tries only where such a character may stand, which a plain class of characters tells fast (a
# third faster). The class leaves out the letters and digits of ASCII, Latin and Cyrillic; a
# letter or digit of another script it lets in is told apart by _pairs.
_DOUBLED_AFTER = re.compile(r"[^A-Za-z0-9_'’\-.\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u0481\u048a-\u04ff]"
                            + _DOUBLED.pattern.removeprefix(r"(?<![\w'’\-.])"))
# doubled on purpose: "that that", "had had", "so so", "так-так", "еле-еле"
ALLOWED = frozenset("that had do very bye no yes ha la so really well hear blah tut "
                    "так да нет еле чуть едва вот ну ой ах ох ага нету".split())


@rule("S003", "doubled-word", fixable=True, severity="warning")
def doubled_word(doc: Document, ctx):
    """Finds a word written twice in a row (`has has`, `в в`).

    ## What it does
    Looks for the same word twice with only spaces, a line break or inline markup between
    (`the\\nthe`, `the **the**`), in English and Russian prose, headings, captions and
    link text. Code, math and punctuation break the pair (`so. So`), and pairs that are
    doubled on purpose (`that that`, `had had`, `так так`) are allowed. The fix deletes
    the second word when no markup sits between the two.

    ## Why is this bad?
    A doubled word is the most common typo a writer's eye skips, and the reader trips on it.

    ## Example
    ```markdown
    Each chip has has its own HBM.
    ```

    ## Use instead
    ```markdown
    Each chip has its own HBM.
    ```
    """
    dt = doc_text(ctx.book, doc)
    text = doc.text
    joined = dt.text  # all segments, NUL between them: one scan, and no pair crosses a segment
    for m in _pairs(joined):
        w = m.group(1)
        if w.lower() in ALLOWED or (len(w) == 1 and w.lower() not in "aiоявксу"):
            continue
        si, a1 = dt.segment_of(m.start(1))
        seg = dt.segments[si]
        a2 = a1 + (m.start(3) - m.start(1))
        span = seg.span(a2, a2 + len(m.group(3)))
        first = seg.span(a1, a1 + len(w))
        fix = None
        if (text[first.start:first.end] == w and text[span.start:span.end] == m.group(3)
                and text[first.end:span.start].isspace()):
            fix = Fix(f"Delete the second `{m.group(3)}`", (Edit(first.end, span.end, ""),))
        yield ctx.finding(doc, span, f"`{m.group(3)}` is written twice in a row. Delete one.", fix=fix)


def _pairs(s: str):
    """What ``_DOUBLED.finditer(s)`` finds. After a match the next one's first word follows a
    letter no sooner than the match's end, so both scans go on from there; a character before
    the first word that is a letter or digit after all (``\\w``, outside the class's ranges)
    is skipped, and the scan goes on from the next character."""
    m = _DOUBLED.match(s)
    if m is not None:
        yield m
    pos = 0 if m is None else m.end()
    search = _DOUBLED_AFTER.search
    while (m := search(s, pos)) is not None:
        if s[m.start()].isalnum():
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()
