"""Every math span of both corpus books: booklint against the renderer that owns it.

The spans come from the temporary test-only extraction in tex_corpus_extract.py (the
Markdown engine will replace it). ``$$`` math goes to MathJax as written; single-``$`` math
goes through booklint.tex.kramdown first, and KaTeX gets what kramdown leaves.
"""

from __future__ import annotations

import time
from collections import Counter
from functools import cache

from tex_corpus import BOOKS, require_corpus
from tex_corpus_extract import Span, iter_spans
from tex_oracle import render, require_oracle

from booklint.tex import MacroScope, check
from booklint.tex.kramdown import kramdown_math_text


@cache
def _spans() -> tuple[Span, ...]:
    root = require_corpus()
    out: list[Span] = []
    for book in BOOKS:
        out.extend(iter_spans(root / book))
    return tuple(out)


def _tex(span: Span) -> str:
    if span.source == "single":
        return kramdown_math_text(span.raw, in_table_row=span.in_table).text
    return span.raw


def _check_all(spans) -> list[list]:
    scopes: dict[tuple[str, str], MacroScope] = {}
    out = []
    for s in spans:
        scope = scopes.setdefault((s.chapter, s.renderer), MacroScope(s.renderer))
        out.append(check(_tex(s), renderer=s.renderer, display=s.display, macros=scope))
    return out


def test_extraction_finds_the_books_math():
    spans = _spans()
    by_source = Counter(s.source for s in spans)
    # deps.md measured 2296 with dollarmath defaults; allow_digits=False drops the 2 false
    # spans of gpus.md:190.
    assert 2200 <= len(spans) <= 2400
    assert by_source["block"] > 300 and by_source["single"] > 1300 and by_source["caption"] > 0


def test_lfoor_is_caught_in_both_books_on_the_right_line():
    found = []
    for span, problems in zip(_spans(), _check_all(_spans())):
        for p in problems:
            if "lfoor" in p.message:
                found.append((span.chapter, span.line, span.renderer, p.kind, p.message))
    assert sorted(found) == [
        ("scaling-book-en/sharding.md", 319, "katex", "unknown-command",
         "`\\lfoor` is not a command KaTeX knows; did you mean `\\lfloor`?"),
        ("scaling-book-ru/sharding.md", 319, "katex", "unknown-command",
         "`\\lfoor` is not a command KaTeX knows; did you mean `\\lfloor`?"),
    ]


def test_kramdown_changes_in_the_corpus_are_the_escaped_braces():
    changed = [(s, kramdown_math_text(s.raw, in_table_row=s.in_table)) for s in _spans()
               if s.source == "single"]
    changed = [(s, k) for s, k in changed if k.changed]
    assert len(changed) == 24                      # 12 per book, all in sharding.md
    assert {s.chapter.split("/")[1] for s, _ in changed} == {"sharding.md"}
    for s, k in changed:
        assert {d.kind for d in k.damage} == {"escape"}
        assert "\\\\{" in s.raw and "\\{" in k.text and "\\\\{" not in k.text
        assert not k.split


def test_zero_disagreements_with_the_owning_renderer():
    require_oracle()
    spans = _spans()
    items = [dict(id=i, tex=_tex(s), display=s.display, renderer=s.renderer, chapter=s.chapter)
             for i, s in enumerate(spans)]
    t0 = time.perf_counter()
    verdicts = render(items)
    t1 = time.perf_counter()
    ours = _check_all(spans)
    t2 = time.perf_counter()
    per_renderer = Counter(s.renderer for s in spans)
    rejected = Counter(s.renderer for s, i in zip(spans, items) if not verdicts[i["id"]]["ok"])
    disagreements = []
    for s, item, problems in zip(spans, items, ours):
        v = verdicts[item["id"]]
        if v["ok"] != (not problems):
            ours = [p.kind for p in problems] or "ok"
            disagreements.append(f"{s.chapter}:{s.line} [{s.renderer}] {item['tex'][:80]!r}: renderer "
                                 f"{'ok' if v['ok'] else v['error']!r}, booklint {ours}")
    print(f"\ncorpus: {len(spans)} spans ({dict(per_renderer)}), renderer rejects {dict(rejected)}; "
          f"{len(spans) - len(disagreements)} agree, {len(disagreements)} disagree; "
          f"oracle {t1 - t0:.2f} s, booklint {1000 * (t2 - t1):.0f} ms")
    assert not disagreements, "\n".join(disagreements)
