"""CPU time of each rule family on a real book, in one process: the parse (shared by all
rules) once, then each family's default rules on the parsed book.

    python bench/by_family.py [--book scaling-book-en] [--runs 3]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from book50 import corpus  # bench/ is the script's folder, first on sys.path

from booklint import engine
from booklint.config import Config
from booklint.registry import all_rules


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--book", default="scaling-book-en")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = corpus((args.book,)) / args.book
    families = defaultdict(set)
    for r in all_rules():
        if r.default:
            families[r.family].add(r.code)
    parse, per = [], defaultdict(list)
    for _ in range(args.runs):
        t0 = time.process_time()
        book = engine.load_book(root, Config())
        parse.append(time.process_time() - t0)
        for fam, codes in sorted(families.items()):
            t0 = time.process_time()
            engine.check_book(book, codes)
            per[fam].append(time.process_time() - t0)
    print(f"{args.book}: best of {args.runs} runs, CPU seconds in one process (dictionaries and tables load on first use)")
    print(f"  {'discover + parse':22} {min(parse):6.3f}")
    for fam in sorted(per):
        print(f"  {fam:22} {min(per[fam]):6.3f}   first run {per[fam][0]:6.3f}")


if __name__ == "__main__":
    main()
