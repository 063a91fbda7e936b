"""Benchmark: parse a generated 5,000-entry .bib and run every bibliography check, first
through the library, then through booklint's rules (the engine on a book whose chapter
loads the .bib: every B and C rule, and the default selection).

Target: under 2 s on a 2-core machine, for each. Run from the repository root:

    python bench/bib_5000.py [--entries 5000] [--repeat 3]

Wall time on a shared machine varies with its load; CPU time is what the code costs.

The file is generated (deterministic seed): a mix of @article, @inproceedings, @book,
@incollection, @misc and @online entries with 1-40 authors, DOIs, arXiv ids, pages and
months, plus a sprinkling of real problems (missing fields, stray quotes, malformed values,
duplicates) so that the checks do real work. It is written to bench/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from booklint import engine  # noqa: E402
from booklint.bibliography import KINDS, check_bibliography, parse_bib  # noqa: E402

GIVEN = "Ada Alan Grace Edsger Barbara Donald John Leslie Tony Niklaus Frances Ken Dennis Radia Shafi Yann Geoffrey Yoshua Fei-Fei Jürgen Sepp Ilya Oriol Quoc".split()
FAMILY = "Lovelace Turing Hopper Dijkstra Liskov Knuth McCarthy Lamport Hoare Wirth Allen Thompson Ritchie Perlman Goldwasser LeCun Hinton Bengio Li Schmidhuber Hochreiter Sutskever Vinyals Le Müller Zhang Wang Chen Ré".split()
WORDS = "scaling efficient attention memory parallel training inference language models sparse mixture experts optimal transformer kernels compilers systems networks learning deep graph".split()
MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def person(rng: random.Random) -> str:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    r = rng.random()
    if r < 0.002:
        return f"{family}, {given}”"  # stray quote
    if r < 0.004:
        return f"user{rng.randint(1, 999)}x"  # handle
    if r < 0.5:
        return f"{family}, {given}"
    return f"{given} {chr(65 + rng.randint(0, 25))}. {family}"


def entry(i: int, rng: random.Random) -> str:
    kind = rng.choices(["article", "inproceedings", "book", "incollection", "misc", "techreport"], [40, 25, 8, 7, 15, 5])[0]
    authors = " and\n                   ".join(person(rng) for _ in range(rng.choice([1, 2, 3, 4, 6, 8, 12, 25, 40])))
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize()
    fields = [("title", "{" + title + f" {i}" + "}"), ("author", "{" + authors + "}")]
    year = str(rng.randint(1990, 2025)) if rng.random() > 0.003 else "{in press}"
    fields.append(("year", year))
    fields.append(("month", rng.choice(MONTHS)))
    if kind == "article":
        if rng.random() > 0.01:
            fields.append(("journal", "{Journal of " + rng.choice(WORDS).title() + "}"))
        fields += [("volume", str(rng.randint(1, 80))), ("number", str(rng.randint(1, 12))), ("pages", f"{{{rng.randint(1, 500)}--{rng.randint(501, 900)}}}")]
    elif kind == "inproceedings":
        fields += [("booktitle", "{Proceedings of the " + rng.choice(WORDS).title() + " Conference}"), ("pages", f"{{{rng.randint(1, 99)}--{rng.randint(100, 200)}}}")]
    elif kind == "book":
        fields += [("publisher", "{Addison-Wesley}"), ("address", "{Boston}")]
    elif kind == "incollection":
        fields += [("booktitle", "{Handbook of " + rng.choice(WORDS).title() + "}"), ("publisher", "{Springer}"), ("editor", "{" + person(rng) + "}")]
    elif kind == "misc":
        fields += [("howpublished", "{\\url{https://example.org/" + str(i) + "}}")]
        if rng.random() < 0.3:
            fields += [("archivePrefix", "{arXiv}"), ("primaryClass", "{cs.LG}")]
            if rng.random() < 0.7:
                fields.append(("eprint", f"{{{rng.randint(15, 24)}{rng.randint(1, 12):02d}.{rng.randint(10000, 99999)}}}"))
    else:
        fields += [("institution", "{Example Institute}"), ("url", "{https://example.org/report/" + str(i) + "}")]
    if rng.random() < 0.5:
        doi = f"10.{rng.randint(1000, 99999)}/bench.{i}" if rng.random() > 0.01 else f"https://doi.org/10.1000/x{i}"
        fields.append(("doi", "{" + doi + "}"))
    key = f"key{i}" if rng.random() > 0.002 else f"key{i - 1}"  # a few duplicate keys
    body = ",\n".join(f"  {name:<12} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def generate(n: int, seed: int = 5000) -> str:
    rng = random.Random(seed)
    return "\n".join(entry(i, rng) for i in range(n))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    text = generate(args.entries)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bib_{args.entries}.bib").write_text(text, encoding="utf-8")
    lines = text.count("\n")
    best = None
    cpu_best = None
    for _ in range(args.repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        bib = parse_bib(text)
        t1 = time.perf_counter()
        problems = check_bibliography(bib, kinds=KINDS.keys())
        t2 = time.perf_counter()
        cpu = time.process_time() - c0
        run = (t1 - t0, t2 - t1, t2 - t0)
        best = run if best is None or run[2] < best[2] else best
        cpu_best = cpu if cpu_best is None or cpu < cpu_best else cpu_best
    assert best is not None
    by_kind: dict[str, int] = {}
    for p in problems:
        by_kind[p.kind] = by_kind.get(p.kind, 0) + 1
    print(f"{args.entries} entries, {lines} lines, {len(text) / 1e6:.2f} MB")
    print(f"parse {best[0]:.3f} s + checks {best[1]:.3f} s = {best[2]:.3f} s wall, {cpu_best:.3f} s CPU (best of {args.repeat}; target < 2 s)")
    print(f"{len(bib.entries)} entries parsed, {len(problems)} problems: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())))
    book = write_book(out / f"book_{args.entries}", text)
    for label, select in (("every B and C rule", ["B", "C"]), ("default selection", None)):
        wall, cpu, n = rules_time(book, select, args.repeat)
        print(f"through the rules ({label}): {wall:.3f} s wall, {cpu:.3f} s CPU, {n} findings (best of {args.repeat}; target < 2 s)")


def write_book(root: Path, bib_text: str) -> Path:
    """A one-chapter Distill book whose chapter cites a few keys of the generated .bib."""
    (root / "assets" / "bibliography").mkdir(parents=True, exist_ok=True)
    (root / "assets" / "bibliography" / "main.bib").write_text(bib_text, encoding="utf-8")
    (root / "_config.yml").write_text("title: Bench\nbaseurl: /bench\n", encoding="utf-8")  # the book's root
    (root / "index.md").write_text(
        "---\nlayout: distill\ntitle: Bench\nbibliography: main.bib\n---\n\n"
        + "".join(f'Claim {i}<d-cite key="key{i},key{i + 1}"></d-cite>.\n\n' for i in range(0, 200, 2)),
        encoding="utf-8")
    return root


def rules_time(book: Path, select: list[str] | None, repeat: int) -> tuple[float, float, int]:
    """Best wall and CPU time of one booklint run (discover, parse, rules) over the book."""
    best_wall = best_cpu = float("inf")
    n = 0
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        result = engine.run([book], engine.Options(select=select, isolated=True))
        best_wall = min(best_wall, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
        n = len(result.findings)
    return best_wall, best_cpu, n


if __name__ == "__main__":
    main()
