"""How much the spelling (S) and terminology (T) rules add to a full check of the corpus.

Each measurement runs in a fresh Python process (so the dictionaries load cold, as in a
real `booklint check`) and times `engine.run` over both corpus books in that process:
once with the default rules minus S and T, once with the defaults. Wall-clock and CPU
time are both reported (the CPU time is steadier on a shared machine); the figure is the
median over the rounds. Both books run in one process, as one `booklint` run over the
whole corpus would, so the English dictionary loads once.

    python bench/spelling_terms.py [--rounds 5] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys, time
from pathlib import Path
from booklint import engine
from booklint.registry import all_rules
books = [Path(p) for p in sys.argv[2:]]
rules = all_rules()
default = [r.code for r in rules if r.default]
mode = sys.argv[1]
if mode == "without":
    select = [c for c in default if c[0] not in "ST"]
elif mode == "only":
    select = [c for c in default if c[0] in "ST"]
else:
    select = default
out = {}
t0, c0 = time.perf_counter(), time.process_time()
n = 0
for b in books:
    t, c = time.perf_counter(), time.process_time()
    res = engine.run([b], engine.Options(select=select, isolated=True))
    out[b.name] = round(time.perf_counter() - t, 4)
    out[b.name + " cpu"] = round(time.process_time() - c, 4)
    n += sum(1 for f in res.findings if f.code[0] in "ST")
out["total"] = round(time.perf_counter() - t0, 4)
out["total cpu"] = round(time.process_time() - c0, 4)
out["st_findings"] = n
print(json.dumps(out))
"""


def run(mode: str, books: list[Path]) -> dict:
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-c", CHILD, mode, *map(str, books)], capture_output=True, text=True,
                       env=env, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=here.parent / "shared" / "corpus")
    a = ap.parse_args()
    books = [a.corpus / "scaling-book-en", a.corpus / "scaling-book-ru"]
    if not all(b.is_dir() for b in books):
        sys.exit(f"corpus not found under {a.corpus}")
    res = {m: [run(m, books) for _ in range(a.rounds)] for m in ("without", "with")}
    med = {m: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for m, rs in res.items()}
    print(f"{'':24}{'without S,T':>14}{'with S,T':>12}{'added':>10}")
    for k in ("scaling-book-en", "scaling-book-ru", "total", "scaling-book-en cpu", "scaling-book-ru cpu",
              "total cpu"):
        w, x = med["without"][k], med["with"][k]
        print(f"{k:24}{w:>13.3f}s{x:>11.3f}s{x - w:>9.3f}s")
    print(f"S+T findings (both books): {int(med['with']['st_findings'])}; rounds: {a.rounds} (median)")


if __name__ == "__main__":
    main()
