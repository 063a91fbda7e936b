"""Every formula of both corpus books: booklint against the renderer that owns it.

The formulas are exactly those booklint's math rules check: the engine's Documents
(booklint.engine.load_book), routed by booklint.formulas (`$$` to MathJax as kramdown passes
it, `$` to KaTeX as the Distill auto-render finds it in kramdown's output), with the text the
renderer receives. All of them go to tests/oracle/render.js in one Node process.
"""

from __future__ import annotations

import time
from collections import Counter

from tex_corpus import corpus_formulas, corpus_math_spans
from tex_oracle import render, require_oracle

from booklint.tex.kramdown import kramdown_math_text


def test_the_engine_finds_the_books_math():
    spans = [m for _, _, m in corpus_math_spans()]
    kinds = Counter("caption" if m.context == "caption" else "block" if m.display else m.delimiter for m in spans)
    # 1147 per book: deps.md measured 2296 with dollarmath defaults; allow_digits=False drops
    # the 2 false spans of gpus.md:190 (`\\$10/hour ... \\$4/hour`)
    assert len(spans) == 2294
    assert kinds == {"$": 1430, "$$": 516, "block": 328, "caption": 20}
    formulas = corpus_formulas()
    # every span reaches its renderer as one formula: no pairing surprise, no kramdown split
    assert len(formulas) == len(spans)
    assert Counter(f.formula.renderer for f in formulas) == {"katex": 1450, "mathjax": 844}


def test_lfoor_is_caught_in_both_books_on_the_right_line():
    found = [(f.chapter, f.line, f.formula.renderer, p.kind, p.message)
             for f in corpus_formulas() for p in f.formula.problems]
    assert sorted(found) == [
        ("scaling-book-en/sharding.md", 319, "katex", "unknown-command",
         "`\\lfoor` is not a command KaTeX knows; did you mean `\\lfloor`?"),
        ("scaling-book-ru/sharding.md", 319, "katex", "unknown-command",
         "`\\lfoor` is not a command KaTeX knows; did you mean `\\lfloor`?"),
    ]


def test_kramdown_changes_in_the_corpus_are_the_escaped_braces():
    changed = [(chapter, kramdown_math_text(m.tex, in_table_row=m.context == "table"))
               for chapter, _, m in corpus_math_spans() if m.delimiter == "$" and m.context != "caption"]
    changed = [(c, k) for c, k in changed if k.changed]
    assert len(changed) == 24                      # 12 per book, all in sharding.md
    assert {c.split("/")[1] for c, _ in changed} == {"sharding.md"}
    for _, k in changed:
        assert {d.kind for d in k.damage} == {"escape"}
        assert "\\\\{" in k.raw and "\\{" in k.text and "\\\\{" not in k.text
        assert not k.split


def test_zero_disagreements_with_the_owning_renderer():
    require_oracle()
    formulas = corpus_formulas()
    items = [dict(id=i, tex=f.formula.tex, display=f.formula.display, renderer=f.formula.renderer,
                  chapter=f.chapter) for i, f in enumerate(formulas)]
    t0 = time.perf_counter()
    verdicts = render(items)
    t1 = time.perf_counter()
    per_renderer = Counter(f.formula.renderer for f in formulas)
    rejected = Counter(f.formula.renderer for f, i in zip(formulas, items, strict=True) if not verdicts[i["id"]]["ok"])
    disagreements = []
    for f, item in zip(formulas, items, strict=True):
        v = verdicts[item["id"]]
        problems = f.formula.problems
        if v["ok"] != (not problems):
            ours = [p.kind for p in problems] or "ok"
            disagreements.append(f"{f.chapter}:{f.line} [{f.formula.renderer}] {item['tex'][:80]!r}: renderer "
                                 f"{'ok' if v['ok'] else v['error']!r}, booklint {ours}")
    print(f"\ncorpus: {len(formulas)} formulas ({dict(per_renderer)}), renderer rejects {dict(rejected)}; "
          f"{len(formulas) - len(disagreements)} agree, {len(disagreements)} disagree; oracle {t1 - t0:.2f} s")
    assert not disagreements, "\n".join(disagreements)
