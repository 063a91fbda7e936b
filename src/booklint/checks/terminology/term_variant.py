from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ...prose.glossary import glossary
from ...prose.variants import clusters, hyphenation_only
from ...prose.vocabulary import work_vocabulary
from ...prose.works import BOOK, split
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

    Variants are compared within one work (`[tool.booklint.terminology] scope`): a book's
    chapters are one work, while each Jekyll post (and each collection document with its own
    authors) is a work of its own, so another author's spelling is not an inconsistency.

    When one variant dominates (used at least twice as often as any other, and at least
    three times), each page that uses another form gets one finding, at its first use there,
    naming the form to keep and the counts. A lower-case form is never the one to keep next
    to a form with capitals (`pytorch` / `PyTorch`, `Github` / `GitHub`), nor are two names
    run together next to their hyphenated form (`BellmanFord` / `Bellman-Ford`). When no
    form dominates, the group gets one info finding, at its first minority use. So does an
    ordinary English compound written closed on some pages and open on others (`blogposts`
    on three pages of a site that writes `blog post`): a house-style choice, worth one note
    for the work rather than one a page.

    It leaves alone hyphenation of ordinary English compounds (`compute-bound` /
    `compute bound`), words that merely run together (`a long` / `along`), ALL-CAPS
    emphasis, an acronym next to a lower-case word (`STR` / `str`), case that only a
    title-case heading changes, an ordinary phrase next to a name (`an open review` /
    `OpenReview`), code, units, numbers, and terms a glossary handles (T001). Terms listed in
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
    scope = ctx.settings().get("scope", "auto")
    order = {rel: i for i, rel in enumerate(book.docs)}
    spelling = ctx.settings("spelling")
    for work in split(book, scope):
        v = work_vocabulary(book, scope, work)
        what = "this page" if work != BOOK else "the book"
        for c in clusters(book, spelling, scope, work):
            if c.key in ignore or g.covers(c.key) or g.covers(c.key + "s") or ignore and any(
                    _k(u.written) in ignore for us in c.variants.values() for u in us):
                continue
            yield from _report(c, v, order, what, ctx)


def _report(c, v, order, what, ctx):
    counts = c.counts()
    first = {var: min((order[u.path], u.segment, u.start) for u in us) for var, us in c.variants.items()}
    ranked = sorted(counts, key=lambda var: (-preference(var, counts), -counts[var], first[var]))
    top = ranked[0]
    rest = [x for x in ranked[1:] if not hyphenation_only(x, top)]
    if not rest:
        return  # `ZeRO-sharding` before a noun, `ZeRO sharding` elsewhere: grammar
    other = max(counts[x] for x in ranked[1:])
    dominant = counts[top] >= DOMINANT * other and counts[top] >= MIN_DOMINANT
    listing = ", ".join(f"`{_shown(c.variants[x], top)}` ({counts[x]})" for x in ranked)
    keep = _shown(c.variants[top], top)
    if not dominant:
        u = min((u for x in rest for u in c.variants[x]), key=lambda u: (order[u.path], u.segment, u.start))
        dt = v.docs[u.path]
        span = dt.segments[u.segment].span(u.start, u.end)
        msg = f"This term is written in several ways in {what} and no form dominates: {listing}. Pick one."
        yield replace(ctx.finding(dt.doc, span, msg), severity="info")
        return
    seen: set[str] = set()
    uses = sorted((u for x in rest for u in c.variants[x]), key=lambda u: (order[u.path], u.segment, u.start))
    on_page = Counter(u.path for u in uses)
    pages = on_page.keys()
    if len(pages) > 1 and ordinary_compound(c):
        # `blogposts` on several pages of a site that mostly writes `blog post`: how to write an
        # ordinary compound is a house-style choice, worth one note for the work, not one a page
        u = uses[0]
        dt = v.docs[u.path]
        span = dt.segments[u.segment].span(u.start, u.end)
        msg = (f"`{u.written}`: {what} writes this compound `{keep}` {counts[top]} times, and another way on "
               f"{len(pages)} pages ({listing}). Pick one form.")
        yield replace(ctx.finding(dt.doc, span, msg), severity="info")
        return
    for u in uses:
        if u.path in seen:
            continue  # one finding for the group on each page
        seen.add(u.path)
        dt = v.docs[u.path]
        span = dt.segments[u.segment].span(u.start, u.end)
        here = on_page[u.path]
        times = f" ({here} uses on this page)" if here > 1 else ""
        msg = (f"`{u.written}`{times}: {what} writes this term `{keep}` {counts[top]} times; "
               f"write it one way ({listing}).")
        yield ctx.finding(dt.doc, span, msg)


def ordinary_compound(c) -> bool:
    """Is the group an ordinary English compound written closed, hyphenated or open
    (`blog post` / `blog-post` / `blogposts`, `feed-forward` / `feedforward`): letters
    only, and some form written apart in lower case (a capital only at the start)? Names,
    versions and acronyms (`TPU v5e` / `TPUv5e`, `Proto-MAML`) are not."""
    if not c.key.isalpha():
        return False
    for uses in c.variants.values():
        for u in uses:
            w = u.written
            if (" " in w or "-" in w) and all(p.isalpha() for p in w.replace("-", " ").split()) \
                    and w[1:].islower():
                return True
    return False


def preference(var: str, counts: dict[str, int]) -> int:
    """How fit a variant is to be the form kept: a form with capitals (the brand's, `PyTorch`,
    `GitHub`, `InfiniBand`) beats an all-lower-case one (`pytorch`, `Github`), and two
    capitalised names joined (`BellmanFord`) lose to the hyphenated `Bellman-Ford`."""
    others = [o for o in counts if o != var]
    if not any(ch.isupper() for ch in var) and any(_brand(o, counts) for o in others):
        return 0
    if " " not in var and "-" not in var and any("-" in o and o.replace("-", "") == var
                                                 and sum(ch.isupper() for ch in o) >= 2 for o in others):
        return 0
    return 1


def _brand(var: str, counts: dict[str, int]) -> bool:
    """A form with capitals, unless it is only a lower-case phrase of the group run together
    in camel case (`BlogPosts` next to `blog post`)."""
    if not any(ch.isupper() for ch in var):
        return False
    if " " in var or "-" in var:
        return True
    low = var.lower()
    return not any(o != var and o.islower() and ("-" in o or " " in o) and o.replace(" ", "").replace("-", "") == low
                   for o in counts)


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
