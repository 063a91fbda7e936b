from __future__ import annotations

from collections import Counter

from ...prose.glossary import glossary
from ...prose.variants import clusters, hyphenation_only
from ...prose.vocabulary import vocabulary
from ...registry import rule

DOMINANT = 2.0  # the top variant is used at least this many times as often as the next
MIN_DOMINANT = 3  # and at least this many times, to be called the book's form


@rule("T002", "term-variant", scope="book", severity="warning")
def term_variant(book, ctx):
    """Finds one term written in several ways across the book (`TPU v5e` / `TPUv5e`).

    ## What it does
    Groups every use of a term across all chapters by what is left when case, hyphens,
    spaces and a plural ending are ignored (`AllGather`, `All-Gather`, `all-gathers`;
    `TPU v5e`, `TPUv5e`; `Infiniband`, `InfiniBand`). A Russian word counts by its lemma,
    so its inflected forms are one variant. The first letter of a word does not count
    (sentence starts, title-case headings). No glossary is needed.

    When one variant dominates (used at least twice as often as any other), each use of
    a rarer one is a finding that points at the dominant form. When they are balanced,
    each use of a minority variant is a finding that lists the counts (variants kept apart by chapter are taken as deliberate).

    It leaves alone hyphenation of ordinary English compounds (`compute-bound` /
    `compute bound`), words that merely run together (`a long` / `along`), ALL-CAPS
    emphasis, units, numbers, and terms a glossary handles (T001). Terms listed in
    `[tool.booklint.terminology] ignore` are skipped.

    ## Why is this bad?
    Readers take two spellings for two things, and a search for one misses the other.
    Across a dozen chapters written at different times, nobody sees the drift.

    ## Example
    ```markdown
    A TPU v5e pod has 256 chips. ... Each TPUv5e chip has 16 GB of HBM.
    ```

    ## Use instead
    ```markdown
    A TPU v5e pod has 256 chips. ... Each TPU v5e chip has 16 GB of HBM.
    ```
    """
    g = glossary(book, ctx.settings())
    ignore = {_k(x) for x in ctx.settings().get("ignore", []) if isinstance(x, str)}
    v = vocabulary(book)
    order = {rel: i for i, rel in enumerate(book.docs)}
    for c in clusters(book, ctx.settings("spelling")):
        if c.key in ignore or g.covers(c.key) or g.covers(c.key + "s") or any(_k(u.written) in ignore for us in c.variants.values() for u in us):
            continue
        counts = c.counts()
        first = {var: min((order[u.path], u.segment, u.start) for u in us) for var, us in c.variants.items()}
        ranked = sorted(counts, key=lambda var: (-counts[var], first[var]))
        top = ranked[0]
        second = counts[ranked[1]]
        dominant = counts[top] >= DOMINANT * second and counts[top] >= MIN_DOMINANT
        for var in ranked[1:]:
            if hyphenation_only(var, top):
                continue  # `ZeRO-sharding` before a noun, `ZeRO sharding` elsewhere: grammar
            for u in c.variants[var]:
                dt = v.docs[u.path]
                seg = dt.segments[u.segment]
                span = seg.span(u.start, u.end)
                if dominant:
                    msg = (f"`{u.written}` is written `{_shown(c.variants[top], u.written)}` in {counts[top]} other "
                           f"places in the book; write this term one way.")
                else:
                    listing = ", ".join(f"`{_shown(c.variants[x], u.written)}` ({counts[x]})" for x in ranked)
                    msg = f"This term is written in several ways in the book: {listing}. Pick one."
                yield ctx.finding(dt.doc, span, msg)


def _k(s: str) -> str:
    return "".join(ch for ch in s.lower() if ch.isalnum())


def _shown(uses, like: str) -> str:
    """The variant's most common written form, singular or plural like ``like``."""
    forms = Counter(u.written for u in uses).most_common()
    plural = like.endswith("s")
    for f, _n in forms:
        if f.endswith("s") == plural:
            return f
    return forms[0][0]
