"""What checking the math costs: the M rules on the corpus, and on pathological formulas.

    python bench/bench_tex.py [--runs 5]

1. In process, on both corpus books (parsed once): the time of the whole M family (every
   formula to its renderer's validator, kramdown step, auto-render pairing, layout checks),
   median of ``--runs``, and per formula.
2. As a user sees it: `booklint check` (all default rules) against `booklint check
   --ignore M` on each book, and the default M rules alone (`--select M001,...`) against
   `--select L`, in fresh processes (median wall time); the difference is what the math adds.
3. Pathological formulas through the rule layer (a generated Jekyll book, so `$` math goes
   through kramdown and the auto-render): 10,000 nested braces and 1 MB of `\\frac`, as `$`,
   `$$` and caption math: each must finish in well under a second with a finding.

The corpus is <repo>/../shared/corpus or $BOOKLINT_CORPUS.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from book50 import corpus  # bench/ is the script's folder, first on sys.path

BOOKS = ("scaling-book-en", "scaling-book-ru")


def m_codes() -> set[str]:
    from booklint.registry import all_rules

    return {r.code for r in all_rules() if r.code.startswith("M") and r.default}


def time_m_rules(book, runs: int) -> tuple[float, float, int, int]:
    """Seconds of the default M rules on a loaded book: cold (the renderer tables loaded
    first, as in a fresh `booklint check`) and the median of warm runs."""
    from booklint.engine import check_book
    from booklint.tex.tables import load_table

    codes = m_codes()
    load_table.cache_clear()
    t0 = time.perf_counter()
    n = len(check_book(book, codes).findings)
    cold = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        book._memo.clear()  # a fresh run's memo
        t0 = time.perf_counter()
        n = len(check_book(book, codes).findings)
        times.append(time.perf_counter() - t0)
    formulas = sum(len(d.math) for d in book.docs.values())
    return cold, statistics.median(times), n, formulas


def cli(args: list[str], runs: int) -> float:
    booklint = str(Path(sys.executable).with_name("booklint"))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([booklint, "check", "--isolated", "--exit-zero", "--concise", *args],
                       capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


PATHOLOGICAL = {
    "10k nested braces, $$": "$$" + "{" * 10_000 + "x$$",
    "10k nested braces, $": "Text $" + "{" * 10_000 + "x$ more.",
    "1 MB of \\frac, $$": "$$" + "\\frac" * 200_000 + "$$",
    "1 MB of \\frac, $": "Text $" + "\\frac" * 200_000 + "$ more.",
    "1 MB of \\frac, caption": '{% include figure.liquid path="a.png" caption="$' + "\\frac" * 200_000 + '$" %}',
    "1 MB paragraph, one $": "Text $x " + "word " * 200_000,
}


def pathological() -> list[tuple[str, float, str]]:
    from booklint.config import Config
    from booklint.engine import check_book, load_book

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "_config.yml").write_text("baseurl: /b\n")
        names = {}
        for i, (name, body) in enumerate(PATHOLOGICAL.items()):
            rel = f"p{i}.md"
            (root / rel).write_text(f"# P\n\n{body}\n", encoding="utf-8")
            names[rel] = name
        book = load_book(root, Config())
        codes = m_codes()
        for rel, name in names.items():
            t0 = time.perf_counter()
            findings = check_book(book, codes, {rel}).findings
            out.append((name, time.perf_counter() - t0,
                        ", ".join(sorted({f.code for f in findings})) or "no finding"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    root = corpus(BOOKS, required=False)
    if root is None:
        print("corpus not found (set BOOKLINT_CORPUS): corpus timings skipped")
    else:
        from booklint.config import Config
        from booklint.engine import load_book

        total_t, total_f = 0.0, 0
        for name in BOOKS:
            book = load_book(root / name, Config())
            cold, t, n, formulas = time_m_rules(book, args.runs)
            total_t += cold
            total_f += formulas
            print(f"{name}: M rules {1000 * cold:.0f} ms cold (tables loaded), {1000 * t:.0f} ms warm, for "
                  f"{formulas} formulas ({1e6 * t / max(formulas, 1):.0f} us each); {n} findings")
        print(f"both books: M rules {1000 * total_t:.0f} ms in process, cold")
        for name in BOOKS:
            path = str(root / name)
            full = cli([path], args.runs)
            no_m = cli(["--ignore", "M", path], args.runs)
            only_m = cli(["--select", ",".join(sorted(m_codes())), path], args.runs)  # M017 is off by default
            only_l = cli(["--select", "L", path], args.runs)
            print(f"{name}: `booklint check` {full:.2f} s, with `--ignore M` {no_m:.2f} s "
                  f"(math adds {full - no_m:+.2f} s); the default M rules alone {only_m:.2f} s vs `--select L` {only_l:.2f} s")
    for name, t, codes in pathological():
        print(f"{name:28} {1000 * t:7.1f} ms  {codes}")


if __name__ == "__main__":
    main()
