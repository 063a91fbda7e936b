"""CPU of the prose hot spots on one book, measured apart from the rest of a run.

    python bench/prose_hot.py BOOK        (e.g. the 50x book of bench/book50.py)

Loads the book (every page parsed and kept), makes each page's prose text and the vocabulary
first (they are shared with other rules), loads the shipped data, then times each analysis
once with ``time.process_time()``: the prose segments, the pages' prose texts (segments
included: what the vocabulary is built from), the grammar patterns (G rules), the mojibake
scan (E006), the book-wide term variants (T002), and the rules T001 (glossary), S003 (doubled
words), E007 (mixed scripts) and T010 (unit near misses). Each line ends with a digest of
the result, so that two checkouts can be compared for the same output:

    PYTHONPATH=OLD/src python bench/prose_hot.py /tmp/b50
    PYTHONPATH=NEW/src python bench/prose_hot.py /tmp/b50
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from booklint import config as cfgmod
from booklint import registry
from booklint.book import load
from booklint.checks import load_all
from booklint.context import Context
from booklint.prose import grammar, mojibake, variants, words
from booklint.prose import vocabulary as vocabulary_mod
from booklint.prose.english_checker import checker
from booklint.prose.vocabulary import doc_text, vocabulary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("book", type=Path)
    args = ap.parse_args()
    book = load.load_book(args.book)
    cfg = cfgmod.from_dict({})
    load_all()
    rules = {r.code: r for r in registry.all_rules()}
    docs = list(book.docs.values())
    for d in docs:
        doc_text(book, d)
    vocabulary(book)
    spelling = cfg.family("spelling")
    checker(book, spelling, "book", "")
    if docs:  # the shipped data loads once, outside the timings
        grammar._find(book, docs[0])
        words.segments(docs[0])
    mojibake._scan("é x")

    def timed(name, f) -> None:
        t = time.process_time()
        out = f()
        took = time.process_time() - t
        print(f"{name:26s} {took:7.3f} s  {hashlib.md5(repr(out).encode()).hexdigest()[:8]}", flush=True)

    def rule(code: str) -> list:
        r = rules[code]
        if r.scope == "book":
            found = list(r.func(book, Context(book, cfg, r)))
        else:
            found = [f for d in docs for f in r.func(d, Context(book, cfg, r))]
        return [(f.path, f.line, f.column, f.message) for f in found]

    timed("segments", lambda: [[s.text for s in words.segments(d)] for d in docs])
    timed("prose texts", lambda: [(len(dt._ids), len(dt.counts), sum(dt.counts.values()), dt._spaced.count(1),
                                   sum(dt._offs)) for dt in map(vocabulary_mod._doc_text, docs)])
    timed("grammar (G rules)", lambda: [grammar._find(book, d) for d in docs])
    timed("mojibake scan (E006)", lambda: [mojibake._scan(d.text) for d in docs])
    timed("term variants (T002)",
          lambda: [(c.key, sorted(c.variants)) for c in variants._build(book, spelling, "book", "")])
    for code, what in (("T001", "glossary"), ("S003", "doubled words"), ("E007", "mixed scripts"),
                       ("T010", "unit near misses")):
        timed(f"{code} ({what})", lambda code=code: rule(code))


if __name__ == "__main__":
    main()
