"""Time of the translation checks: the Russian scaling book against the English one (the second
book's load, the P rules, `status`), then the skeleton alignment alone on synthetic chapters of
N blocks whose every block differs (the worst case: no common prefix or suffix to trim).

    python bench/parity.py [--blocks 300 1000 1400 3000]

Target (2 shared cores): the corpus pair in under 3 s over a plain run; an alignment of two
1,000-block chapters (the dynamic programme's limit) in under 10 s; past it, the cheaper
alignment in under 1 s.
"""

from __future__ import annotations

import argparse
import time

from book50 import corpus  # bench/ is the script's folder, first on sys.path

from booklint import engine
from booklint.book.load import load_book
from booklint.config import from_dict
from booklint.document.model import Span
from booklint.translation import Block, align, status


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--blocks", type=int, nargs="*", default=[300, 1000, 3000])
    args = ap.parse_args()
    ru = corpus(("scaling-book-ru",)) / "scaling-book-ru"
    settings = {"source": "../scaling-book-en", "language": "ru"}
    t = time.perf_counter()
    book = load_book(ru)
    t_load = time.perf_counter() - t
    cfg = from_dict({"translation": settings})
    t = time.perf_counter()
    codes = {f"P{k:03d}" for k in range(1, 12) if k != 11} | {"P011"}
    res = engine.check_book(book, codes, config=cfg)
    t_rules = time.perf_counter() - t
    t = time.perf_counter()
    rows = status(book, settings)
    t_status = time.perf_counter() - t
    print(f"scaling-book-ru: load {t_load:.2f} s; P rules (with the original's load) {t_rules:.2f} s, "
          f"{len(res.findings)} findings; status (memo warm) {t_status:.2f} s, {len(rows)} chapters")
    for n in args.blocks:
        a = [Block("math", f"a{k}", Span(k, k + 1), "") for k in range(n)]
        b = [Block("math", f"b{k}", Span(k, k + 1), "") for k in range(n)]
        t = time.perf_counter()
        pairs = align(a, b)
        print(f"align {n} x {n} differing blocks: {time.perf_counter() - t:.2f} s ({len(pairs)} steps)")


if __name__ == "__main__":
    main()
