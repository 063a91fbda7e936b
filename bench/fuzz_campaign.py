"""A long fuzz campaign: the fuzz suite with fresh seeds until the asked number of cases ran.

    python bench/fuzz_campaign.py --cases 50000 --jobs 2

Each round runs ``pytest tests/fuzz`` with its own seed and ``BOOKLINT_FUZZ_EXAMPLES`` set so
that the round's three properties (rules on two random books, SARIF validity, fixes) run
``examples * (1 + 1/10 + 1/3)`` cases in all. Prints each round's seed and result, then the
total; exits 1 if any round failed (replay it with ``pytest tests/fuzz --hypothesis-seed=SEED``).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def cases_for(examples: int) -> int:
    return examples + max(20, examples // 10) + max(50, examples // 3)


def one_round(seed: int, examples: int) -> tuple[int, bool, float, str]:
    env = dict(os.environ, BOOKLINT_FUZZ_EXAMPLES=str(examples))
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/fuzz",
                        f"--hypothesis-seed={seed}"], cwd=REPO, env=env, capture_output=True, text=True)
    tail = "\n".join(p.stdout.strip().splitlines()[-15:])
    return seed, p.returncode == 0, time.perf_counter() - t, tail


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=50_000)
    ap.add_argument("--examples", type=int, default=3000, help="examples of the main property per round")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args()
    rounds = -(-a.cases // cases_for(a.examples))
    seeds = [random.SystemRandom().randrange(1 << 32) for _ in range(rounds)]
    t0 = time.perf_counter()
    failed = []
    with ThreadPoolExecutor(a.jobs) as pool:
        for seed, ok, secs, tail in pool.map(lambda s: one_round(s, a.examples), seeds):
            print(f"seed {seed}: {'ok' if ok else 'FAILED'} ({cases_for(a.examples)} cases, {secs:.0f} s)", flush=True)
            if not ok:
                failed.append(seed)
                print(tail, flush=True)
    total = rounds * cases_for(a.examples)
    print(f"{total} cases in {rounds} rounds, {time.perf_counter() - t0:.0f} s, {len(failed)} failed"
          + (f": seeds {failed}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
