from __future__ import annotations

import re
from collections import defaultdict

from ...findings import Edit, Fix
from ...prose.english import american, english
from ...prose.vocabulary import work_vocabulary
from ...prose.words import in_name
from ...prose.works import BOOK, split
from ...registry import rule

_FAMILY_END = re.compile(r"(?:ations?|ings?|ed|es|s|ers?|e)$")
_IZE = re.compile(r"[a-z]{3,}(?:iz|yz)(?:e|ed|es|ing|ation|ations|er|ers)$")
_TITLE_CASE = ("heading", "front-matter", "details")  # where every word may be capitalised
CONVENTION = 5  # uses of American -ize/-yze words that make "the book is American"


def family(us: str) -> str:
    """`utilization`, `utilize`, `utilized` → `utiliz`; `colors`, `colored` → `color`."""
    return _FAMILY_END.sub("", us) if len(us) > 5 else us


@rule("T003", "mixed-spelling", scope="book", fixable=True, severity="warning")
def mixed_spelling(book, ctx):
    """Finds British spellings in a book that otherwise spells the American way.

    ## What it does
    Finds words spelled the British way (`utilisation`, `visualise`, `colour`, `centre`,
    `modelling`) where the book spells the same word family the American way elsewhere
    (`utilization`, `visualizing`), or where the book's `-ize` words are American
    throughout (at least five uses and no British `-ise` partner used more). The finding
    names the American form; an unsafe fix writes it. Spelling is compared within one work
    (`[tool.booklint.terminology] scope`): a blog post written wholly in British English is
    consistent, whatever the other posts do, and in a work whose `-ise` words are British a
    family spelled once each way is left alone. A capitalised word that is part of a name
    inside a sentence (`the Behaviour Suite benchmark`, `the Centre for ...`) is the name's own
    spelling and is left alone.

    ## Why is this bad?
    Mixed spelling reads as careless editing, and a search for `utilization` misses
    `utilisation`.

    ## Example
    ```markdown
    We want high utilization of the MXU. ... so the utilisation drops.
    ```

    ## Use instead
    ```markdown
    We want high utilization of the MXU. ... so the utilization drops.
    ```
    """
    freq = english().freq
    ignore = {x.lower() for x in ctx.settings().get("ignore", []) if isinstance(x, str)}
    scope = ctx.settings().get("scope", "auto")
    for work in split(book, scope):
        yield from _work(work_vocabulary(book, scope, work), freq, ignore, "the book" if work == BOOK else "this page",
                         ctx)


def _work(v, freq, ignore, what, ctx):
    british: dict[str, str] = {}  # British word → American word
    for low in v.latin:
        if low in ignore:
            continue
        us = american(low)
        if us and us != low and freq.get(us, 0) >= freq.get(low, 0) and (us in freq or us in v.latin):
            british[low] = us
    if not british:
        return
    fam_gb: dict[str, int] = defaultdict(int)
    fam_us: dict[str, int] = defaultdict(int)
    for low, us in british.items():
        fam_gb[family(us)] += v.latin[low]
    for low, n in v.latin.items():
        if low not in british:
            f = family(low)
            if f in fam_gb:
                fam_us[f] += n
    ize_us = sum(n for low, n in v.latin.items() if low not in british and _IZE.match(low))
    ize_gb = sum(v.latin[low] for low in british if re.search(r"is(?:e|ed|es|ing|ation|ations|er|ers)$", low))
    american_book = ize_us >= CONVENTION and ize_us > 4 * ize_gb
    british_work = ize_gb > ize_us  # a tie in one family is then not the British word's fault
    targets = {}
    for low, us in british.items():
        f = family(us)
        us_n = fam_us.get(f, 0)
        if us_n > fam_gb[f] or (us_n == fam_gb[f] and not british_work):
            targets[low] = (us, f"{what} spells this word the American way ({fam_us[f]} uses)")
        elif american_book and re.search(r"is(?:e|ed|es|ing|ation|ations|er|ers)$", low) and not fam_us.get(f):
            targets[low] = (us, f"{what}'s other `-ize` words are American ({ize_us} uses)")
    if not targets:
        return
    for _rel, dt in v.docs.items():
        text = dt.doc.text
        for w, si, a, b, _c in v.hits(dt, set(targets)):
            seg = dt.segments[si]
            if w[0].isupper() and seg.where not in _TITLE_CASE and in_name(seg, a, b):
                continue  # a proper name keeps its own spelling: `Behaviour Suite`, `Centre for ...`
            us, why = targets[w.lower()]
            new = us if w.islower() else (us[0].upper() + us[1:] if w[0].isupper() else us)
            span = dt.segments[si].span(a, b)
            fix = None
            if text[span.start:span.end] == w:
                fix = Fix(f"Write `{new}`", (Edit(span.start, span.end, new),), safe=False)
            yield ctx.finding(dt.doc, span, f"`{w}` is the British spelling and {why}: write `{new}`.", fix=fix)
