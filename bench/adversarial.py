"""Per-rule CPU time on 1 MB of adversarial input (tests/adversarial_inputs.py), and the parse's growth.

    python bench/adversarial.py [--top 10]

Prints the parse time of each input (shared by all rules), the slowest rules (target: every rule
under 1 s of CPU on each input), and for each pathological unit the parse time of n and 4n
repetitions (target: linear, the ratio well under 10; a quadratic scan gives about 16).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from adversarial_inputs import PATHOLOGICAL, inputs, markup_inputs, toc_page

from booklint import engine
from booklint.config import Config
from booklint.context import Context
from booklint.engine import MAX_PER_RULE_AND_FILE
from booklint.registry import all_rules


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    rules = all_rules()
    worst: dict[str, tuple[float, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':16} {'parse s':>8}")
        for name, text in {**inputs(), **markup_inputs(), "toc": None}.items():
            root = Path(tmp) / name
            root.mkdir()
            (root / "_config.yml").write_text("markdown: kramdown\nbaseurl: /b\n")
            body = toc_page(9000) if text is None else "---\nlayout: distill\ntitle: x\n---\n" + text
            (root / "a.md").write_text(body, encoding="utf-8")
            t0 = time.process_time()
            book = engine.load_book(root, Config())
            print(f"{name:16} {time.process_time() - t0:8.2f}")
            for r in rules:
                book._memo.clear()  # each rule timed as if it ran alone: it builds the analyses it needs
                subject = book.docs["a.md"] if r.scope == "document" else book
                with engine.parsed_objects_frozen():  # as the engine runs rules
                    t0 = time.process_time()
                    for i, _ in enumerate(r.func(subject, Context(book, Config(), r)) or ()):
                        if i >= MAX_PER_RULE_AND_FILE:
                            break
                    spent = time.process_time() - t0
                if spent > worst.get(r.code, (0.0, ""))[0]:
                    worst[r.code] = (spent, name)
    print(f"\nslowest rules (CPU s, worst input), {len(rules)} rules:")
    for code, (spent, name) in sorted(worst.items(), key=lambda kv: -kv[1][0])[: args.top]:
        print(f"  {code}  {spent:6.3f}  {name}{'  OVER 1 s' if spent > 1.0 else ''}")
    print("\nparse growth (best of 3, n and 4n repetitions of a pathological unit):")
    for unit in PATHOLOGICAL:
        n = 4_000 // len(unit)
        small, large = _best(unit * n), _best(unit * 4 * n)
        print(f"  {unit!r:8} {small * 1000:8.1f} ms {large * 1000:8.1f} ms  x{large / max(small, 1e-9):5.1f}")


def _best(text: str) -> float:
    from booklint.document.parse import parse
    from booklint.document.source import Source

    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        parse(Source.from_text("x.md", text))
        runs.append(time.perf_counter() - t0)
    return min(runs)


if __name__ == "__main__":
    main()
