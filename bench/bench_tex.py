"""Benchmark booklint.tex on the corpus books and on pathological formulas.

    python bench/bench_tex.py [--rounds 5]

Spans come from the temporary test-only extraction (tests/tex/tex_corpus_extract.py) until
the Markdown engine provides them. The corpus is <repo>/../shared/corpus or $BOOKLINT_CORPUS.
Reports the time booklint adds for checking every formula of both books (kramdown transform
of single-$ spans included, extraction excluded), per formula and in total.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "tex"))

from tex_corpus import BOOKS, corpus_root  # noqa: E402
from tex_corpus_extract import iter_spans  # noqa: E402

from booklint.tex import MacroScope, check  # noqa: E402
from booklint.tex.kramdown import kramdown_math_text  # noqa: E402


def check_corpus(spans) -> int:
    scopes: dict = {}
    problems = 0
    for s in spans:
        tex = kramdown_math_text(s.raw, in_table_row=s.in_table).text if s.source == "single" else s.raw
        scope = scopes.get((s.chapter, s.renderer))
        if scope is None:
            scope = scopes[(s.chapter, s.renderer)] = MacroScope(s.renderer)
        problems += len(check(tex, renderer=s.renderer, display=s.display, macros=scope))
    return problems


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    root = corpus_root()
    if root is None:
        sys.exit("corpus not found: set BOOKLINT_CORPUS")

    t0 = time.perf_counter()
    import booklint.tex.tables as tables
    tables.load_table("mathjax"), tables.load_table("katex")
    t_tables = time.perf_counter() - t0

    t0 = time.perf_counter()
    spans = [s for b in BOOKS for s in iter_spans(root / b)]
    t_extract = time.perf_counter() - t0

    rounds = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        n_problems = check_corpus(spans)
        rounds.append(time.perf_counter() - t0)
    best, median = min(rounds), statistics.median(rounds)
    print(f"tables loaded once: {1000 * t_tables:.0f} ms")
    print(f"extraction (temporary, not booklint.tex): {1000 * t_extract:.0f} ms for {len(spans)} spans")
    print(f"check all corpus math: best {1000 * best:.0f} ms, median {1000 * median:.0f} ms "
          f"({1e6 * best / len(spans):.0f} us per formula, {n_problems} problems)")

    patho = {
        "10k nested braces": "{" * 10_000 + "x",
        "1 MB of \\frac": "\\frac" * 200_000,
        "100 kB of \\frac (fully checked)": "\\frac" * 19_999,
        "100 kB of backslashes": "\\" * 99_999,
    }
    for name, tex in patho.items():
        for renderer in ("mathjax", "katex"):
            t0 = time.perf_counter()
            p = check(tex, renderer=renderer, display=True)
            print(f"{name:34} {renderer:8} {1000 * (time.perf_counter() - t0):7.1f} ms  "
                  f"{p[0].kind if p else 'ok'}")


if __name__ == "__main__":
    main()
