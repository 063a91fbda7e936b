from __future__ import annotations

from ...document.model import Span
from ...findings import Fix
from ...prose.glossary import glossary
from ...prose.suggest import table_padded
from ...prose.vocabulary import vocabulary
from ...prose.words import is_mention, used_as_noun
from ...registry import rule


@rule("T001", "rejected-term", scope="book", fixable=True, severity="warning")
def rejected_term(book, ctx):
    """Finds a term written in a form the glossary rejects (`all-gather` for `AllGather`).

    ## What it does
    Reads the glossary packs (booklint's `rules/terms/*.yml`, chosen with
    `[tool.booklint.terminology] glossaries`, and the book's own `.booklint/terms/*.yml`)
    and looks for each term's rejected variants in the prose: whole words, with an English
    plural or verb ending (`all-gathers`), across line breaks, with or without case as the
    entry says. Russian variants are given as lemmas and match every inflected form.
    Where the entry says `fix: safe`, `--fix` writes the preferred form where it stands as
    a noun (`an all-reduce`); an inflected form (`all-gathers`, `all-reduced`) or a term
    that may be a verb (`we all-reduce the gradients`) gets the same fix as unsafe
    (`--unsafe-fixes`), since a verb renamed to a CamelCase name reads badly. `fix: unsafe`
    always needs `--unsafe-fixes`. Inside an aligned Markdown table, the fix pads or trims
    the spaces before the cell's closing `|` so the columns stay aligned.

    A pack that cannot be read is reported on the pack's file.

    ## Why is this bad?
    One idea under two names makes the reader wonder whether they are two ideas, and a
    search for the book's term misses the other spelling.

    ## Example
    ```markdown
    Each device then does an all-gather over the `X` axis.
    ```

    ## Use instead
    ```markdown
    Each device then does an AllGather over the `X` axis.
    ```
    """
    g = glossary(book, ctx.settings())
    for e in g.errors:
        f = _pack_error(book, ctx, e)
        if f is not None:
            yield f
    terms = [t for t in g.terms if t.variants or t.ru_variants]
    if not terms:
        return
    v = vocabulary(book)
    ru_lows = _russian_variant_words(v, [t for t in terms if t.ru_variants])
    # the tokens a variant may begin in, found once among the book's distinct tokens
    anchors = g.anchors(v.distinct)
    for dt in v.docs.values():
        yield from _check_doc(v, dt, g, ru_lows, ctx, anchors)


def _pack_error(book, ctx, e):
    src = None
    if e.path != ".":
        src = book.source(e.path)
    elif ctx.config.path is not None:
        try:
            src = book.source(ctx.config.path.resolve().relative_to(book.root.resolve()).as_posix())
        except ValueError:
            src = None
    if src is None:
        src = next(iter(book.docs.values())).source if book.docs else None
    if src is None:
        return None
    where = f"`{e.path}`" if e.path != "." else "configured"
    return ctx.finding(src, Span(0, 0), f"The glossary pack {where} cannot be used: {e.message}.")


def _russian_variant_words(v, ru_terms) -> dict:
    """The book's Russian words whose lemma is a rejected rendering: lower → term."""
    if not ru_terms or not v.cyrillic:
        return {}
    from ...prose.russian import russian

    lex = russian()
    heads = {x[:3] for t in ru_terms for x in t.ru_variants}
    out = {}
    for low in v.cyrillic:
        if low[:3] not in heads:
            continue
        nfs = lex.normal_forms(low) | {low}
        for t in ru_terms:
            if nfs & set(t.ru_variants):
                out[low] = t
                break
    return out


def _check_doc(v, dt, g, ru_lows, ctx, anchors):
    doc = dt.doc
    text = doc.text
    for t, written, ending, ja, jb in g.matches(dt.text, anchors, dt.distinct):
        si, a = dt.segment_of(ja)
        seg = dt.segments[si]
        b = a + (jb - ja)
        if is_mention(seg.text, a, b):
            continue  # `"FLOPS" means per second`: the term named, not used
        span = seg.span(a, b)
        new = t.term + ending
        why = f" ({t.note})" if t.note else ""
        msg = f"{_whose(t)} writes `{t.term}`{why}, not `{written}`."
        fix = None
        if t.fix != "none" and text[span.start:span.end] == seg.text[a:b]:
            # safe only for the bare term used as a noun: an inflected form (`all-gathers`,
            # `all-reduced`) or a verb (`we all-reduce the gradients`) reads badly renamed
            safe = t.fix == "safe" and not ending and used_as_noun(seg.text, a, written)
            fix = Fix(f"Write `{new}`", table_padded(text, span.start, span.end, new), safe=safe)
        yield ctx.finding(doc, span, msg, fix=fix)
    if ru_lows:
        for w, si, a, b, _c in v.hits(dt, set(ru_lows)):
            t = ru_lows[w.lower()]
            yield ctx.finding(doc, dt.segments[si].span(a, b),
                              f"{_whose(t)} renders `{t.term}` as `{t.ru}`, not `{w}`.")


def _whose(t) -> str:
    if t.pack.startswith("rules/terms/"):
        return f"booklint's `{t.pack[len('rules/terms/'):].rsplit('.', 1)[0]}` glossary"
    return f"The book's glossary (`{t.pack}`)"
