"""Planted slips: stray markup of every class written into temp copies of the real books.

Each class of issue 18's "stray markup" is planted several times at random places of the
corpus books' pages (files with front matter that the site builds; lines of plain prose, chosen without booklint's parser: a paragraph line of its
own outside fences, `$$` blocks, HTML blocks and Liquid blocks), then the copy is linted with
the markup and math families. A plant is found when a finding of its class's codes lands on
its line; every other finding must be one the unmodified copy had too (lines shifted by the
planted blocks). Seed: ``BOOKLINT_PLANT_SEED`` (printed); the corpus text stays in the temp copy.
"""

from __future__ import annotations

import os
import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from helpers import lint, needs_corpus

BOOKS = ("scaling-book-en", "scaling-book-ru", "iclr-blogposts-2023")
PER_CLASS = 6

# class -> (codes that report it, how it is planted: "inline" text or a "block" of lines, variants)
CLASSES: dict[str, tuple[frozenset[str], str, tuple[str, ...]]] = {
    "emphasis-unclosed": (frozenset({"D030"}), "inline",
                          ("*Remember that this only works for large batches. ", "**Note that the cache stays cold. ",
                           "_Keep in mind that the numbers are rough. ")),
    "tex-in-prose": (frozenset({"D031"}), "inline",
                     ("at a rate \\le 5 ", "about 2 \\times 3 ", "the ratio \\frac{a}{b} ", "as in \\cite{kaplan2020} ",
                      "this is \\emph{key} ")),
    "dollar-mixed": (frozenset({"M030", "M009"}), "inline", ("$x + y$$ ", "$$a = b^2$ ", "$\\alpha + 1$$ ")),
    "dollar-near-miss": (frozenset({"M030", "M009"}), "inline", ("$x% ", "$\\alpha# ")),
    "dollar-no-opener": (frozenset({"M030"}), "inline", ("y_1 + \\beta$ ", "x^2 + \\gamma$ ")),
    "unbraced-script": (frozenset({"M031"}), "inline", ("$\\mathbb{R}^15$ ", "$2^10$ ", "$W_12$ ", "$10^-3$ ")),
    # (M017, when selected, rightly adds on these lines that KaTeX would refuse the MathJax variant)
    "text-mode": (frozenset({"M012"}), "inline", ("$\\textbf{x_1}$ ", "$\\text{a^2}$ ", "$$\\text{n^2 steps}$$ ")),
    "pipe-in-math": (frozenset({"M011"}), "inline", ("$|x|$ ", "$a | b$ ")),
    "stars-in-math": (frozenset({"M010"}), "inline", ("$a*b*c$ ", "$x_i*y_i*z$ ")),
    "placeholder": (frozenset({"D033"}), "inline", ("TODO: check this. ", "TBD ", "[ADD FIGURE HERE] ", "lorem ipsum ", "(FIXME) ", "XXX ")),
    "include-quote": (frozenset({"D032"}), "block",
                      ('{% include FIGURE path="assets/img/x.png" caption="see <a href="https://x.org">this</a>" %}',)),
    "math-fence": (frozenset({"M032"}), "block", ("```math\nE = mc^2\n```",)),
}

_PLAIN = re.compile(r"[A-ZА-Я][^$*_\\`<>{}\[\]|#~^%]{60,}$")
_HTML_OPEN = re.compile(r"<(div|details|figure|table|script|style|iframe|p|center|blockquote|ul|ol|d-\w+)\b", re.I)


def _prose_lines(lines: list[str]) -> list[int]:
    """0-based lines that are a paragraph of one plain line of prose, by a plain reading of the file."""
    out = []
    fence = None
    dollars = False
    html_depth = 0
    liquid = 0
    front = lines[:1] == ["---"]
    for i, line in enumerate(lines):
        s = line.strip()
        if front:
            if i > 0 and s == "---":
                front = False
            continue
        if fence:
            if s.startswith(fence):
                fence = None
            continue
        m = re.match(r"(`{3,}|~{3,})", s)
        if m:
            fence = m.group(1)
            continue
        if s.startswith("$$") and not (len(s) > 2 and s.endswith("$$")):
            dollars = not dollars
            continue
        if dollars:
            continue
        if re.match(r"\{%-?\s*(details|raw|highlight|comment|capture|if|for|tabs?)\b", s):
            liquid += 1
        if re.match(r"\{%-?\s*end", s):
            liquid = max(0, liquid - 1)
        if _HTML_OPEN.match(s) and not re.search(r"</\w+>\s*$", s):
            html_depth += 1
        if re.match(r"</\w", s):
            html_depth = max(0, html_depth - 1)
        if liquid or html_depth or line != s:
            continue
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if before == "" and after == "" and _PLAIN.match(s):
            out.append(i)
    return out


def _plant(root: Path, rng: random.Random):
    """Plant every class PER_CLASS times; returns [(class, path, 1-based line)] and the inserted blocks."""
    files = sorted(p for p in root.rglob("*.md") if not any(part.startswith(".") for part in p.parts)
                   and p.relative_to(root).parts[0] not in ("_site", "node_modules", "vendor")
                   and p.name != "README.md")
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    unbuilt = {"_drafts"} | {f"_{name}" for name, c in (config.get("collections") or {}).items()
                             if not (c or {}).get("output")}
    files = [p for p in files if p.relative_to(root).parts[0] not in unbuilt]
    figure = next((n for n in ("figure.liquid", "figure.html") if (root / "_includes" / n).is_file()), "figure.liquid")
    texts = {p: p.read_text(encoding="utf-8").split("\n") for p in files}
    # a file without front matter is copied as it is by Jekyll: no Liquid, no kramdown, no slip to see
    files = [p for p in files if texts[p][:1] == ["---"]]
    spots = [(p, i) for p in files for i in _prose_lines(texts[p])]
    rng.shuffle(spots)
    plants: list[tuple[str, Path, int, str]] = []   # (class, file, 0-based line in the original, text)
    used: set[tuple[Path, int]] = set()
    k = 0
    for name, (_codes, _how, variants) in CLASSES.items():
        for n in range(PER_CLASS):
            while k < len(spots) and any((spots[k][0], spots[k][1] + d) in used for d in (-2, -1, 0, 1, 2)):
                k += 1
            assert k < len(spots), "not enough plain prose lines to plant in"
            p, i = spots[k]
            used.add((p, i))
            plants.append((name, p, i, variants[n % len(variants)]))
    # apply per file from the bottom up, so earlier line numbers stay valid
    placed: list[tuple[str, str, int]] = []
    shifts: dict[str, list[tuple[int, int]]] = {}
    for p in files:
        mine = sorted((x for x in plants if x[1] == p), key=lambda x: -x[2])
        if not mine:
            continue
        lines = texts[p]
        rel = p.relative_to(root).as_posix()
        for name, _p, i, text in mine:
            if CLASSES[name][1] == "inline":
                words = [m.start() for m in re.finditer(r"(?<= )\w", lines[i])]
                at = rng.choice(words[1:-1] or words)
                lines[i] = lines[i][:at] + text + lines[i][at:]
            else:
                block = text.replace("FIGURE", figure).split("\n")
                lines[i + 1:i + 1] = [""] + block
                shifts.setdefault(rel, []).append((i + 1, len(block) + 1))
        p.write_text("\n".join(lines), encoding="utf-8")
        # 1-based planted lines in the new file
        for name, _p, i, _text in mine:
            below = sum(n for at, n in shifts.get(rel, []) if at <= i)
            line = i + 1 + below + (2 if CLASSES[name][1] == "block" else 0)
            placed.append((name, rel, line))
    return placed, shifts


def _shift(rel: str, line: int, shifts) -> int:
    return line + sum(n for at, n in shifts.get(rel, []) if at < line)


@needs_corpus
@pytest.mark.parametrize("book", BOOKS)
def test_planted_slips_are_found_and_nothing_else(book, copy_book, capsys):
    seed = int(os.environ.get("BOOKLINT_PLANT_SEED", "18"))
    root = copy_book(book)
    before = {(f.path, f.line, f.code) for f in lint(root, select=["D", "M"], isolated=True)}
    placed, shifts = _plant(root, random.Random(f"{seed}-{book}"))
    after = {(f.path, f.line, f.code) for f in lint(root, select=["D", "M"], isolated=True)}
    expected_before = {(p, _shift(p, ln, shifts), c) for p, ln, c in before}
    planted_lines = {(rel, line) for _n, rel, line in placed}
    found: Counter = Counter()
    total: Counter = Counter()
    missed = []
    for name, rel, line in placed:
        total[name] += 1
        if any((rel, line, c) in after for c in CLASSES[name][0]):
            found[name] += 1
        else:
            missed.append(f"{name} at {rel}:{line}: {sorted(c for r, ln, c in after if (r, ln) == (rel, line))}")
    extra = sorted(f for f in after - expected_before if (f[0], f[1]) not in planted_lines)
    on_plant_other = sorted(f for f in after - expected_before if (f[0], f[1]) in planted_lines
                            and not any(f[2] in CLASSES[n][0] for n, r, ln in placed if (r, ln) == (f[0], f[1])))
    with capsys.disabled():
        print(f"\nplanted slips in {book} (seed {seed}):")
        for name in CLASSES:
            print(f"  {name:20} {found[name]}/{total[name]}")
        if missed:
            print("  missed: " + "; ".join(missed))
        if on_plant_other:
            print(f"  other codes on planted lines: {on_plant_other}")
    assert not extra, f"new findings away from the plants: {extra}"
    for name in CLASSES:
        assert found[name] >= 0.95 * total[name], f"{name}: {found[name]}/{total[name]} found; {missed}"
