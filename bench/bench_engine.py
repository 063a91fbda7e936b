"""Time `booklint check` cold, warm and with one chapter changed, with --jobs 1 and 2.

    python bench/bench_engine.py BOOK [--jobs 1 2] [--change c25-tpus.md]

BOOK is a folder (build the big one with `python bench/book50.py /tmp/book50`); it is
copied to a temp folder first, so its own `.booklint_cache/` is never touched. For each
--jobs value, in fresh processes:

* cold: `--no-cache`;
* fill: with the cache, from an empty one (what a first run costs);
* warm: again, nothing changed;
* one changed: a paragraph appended to one chapter (`--change`, default: the middle file);
* heading renamed: a heading of that chapter renamed (a link elsewhere may now be broken).

Each line gives the wall time, the CPU time of the process tree (user + system; on a busy
machine the better measure of the work done), and the peak resident set of the largest
process of the tree. The outputs of the runs on the same content must be identical; a
difference is printed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WRAP = ("import resource,subprocess,sys;"
        "r=subprocess.run(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.DEVNULL);"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "sys.stderr.write('%f %f %d\\n'%(u.ru_utime,u.ru_stime,u.ru_maxrss));"
        "sys.stdout.buffer.write(r.stdout)")
CLI = "import sys; from booklint.cli import main; sys.argv[0] = 'booklint'; main()"


SRC = REPO / "src"  # replaced by a snapshot in main(), so edits during a long bench do not mix in


def run(book: Path, args: list[str]) -> tuple[float, float, float, bytes]:
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "CI": "1"}
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", WRAP, sys.executable, "-c", CLI, "check", "--concise", *args, "."],
                       cwd=book, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    u, s, rss = p.stderr.decode().split()[-3:]
    return wall, float(u) + float(s), int(rss) / 1024, p.stdout


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("book", type=Path)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--change", help="the chapter to change (default: the middle Markdown file)")
    args = ap.parse_args()
    global SRC
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        SRC = Path(tmp) / "src"
        shutil.copytree(REPO / "src", SRC, ignore=shutil.ignore_patterns("__pycache__"))
        book = Path(tmp) / args.book.name
        shutil.copytree(args.book, book, ignore=shutil.ignore_patterns(".booklint_cache"))
        md = sorted(p.relative_to(book).as_posix() for p in book.rglob("*.md"))
        target = book / (args.change or md[len(md) // 2])
        original = target.read_text(encoding="utf-8")
        print(f"{args.book}: {len(md)} Markdown files; changing {target.name}")
        print(f"{'jobs':>4} {'run':<16} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
        for jobs in args.jobs:
            shutil.rmtree(book / ".booklint_cache", ignore_errors=True)
            target.write_text(original, encoding="utf-8")
            j = ["--jobs", str(jobs)]
            outs = {}
            for name, extra in (("cold", ["--no-cache"]), ("fill", []), ("warm", [])):
                wall, cpu, rss, out = run(book, j + extra)
                outs[name] = out
                print(f"{jobs:>4} {name:<16} {wall:8.2f} {cpu:8.2f} {rss:8.0f}", flush=True)
            if not outs["cold"] == outs["fill"] == outs["warm"]:
                print("     the outputs differ!")
                bad = 1
            target.write_text(original + "\nOne more paragraph about the systolic array and its weights.\n",
                              encoding="utf-8")
            changed = run(book, j)
            print(f"{jobs:>4} {'one changed':<16} {changed[0]:8.2f} {changed[1]:8.2f} {changed[2]:8.0f}", flush=True)
            renamed_text, n = re.subn(r"^(#{2,3} )(.+)$", r"\1Renamed \2", original, count=1, flags=re.M)
            target.write_text(renamed_text, encoding="utf-8")
            renamed = run(book, j)
            print(f"{jobs:>4} {'heading renamed':<16} {renamed[0]:8.2f} {renamed[1]:8.2f} {renamed[2]:8.0f}", flush=True)
            fresh = run(book, j + ["--no-cache"])
            if fresh[3] != renamed[3]:
                print("     the cached run after the rename differs from a fresh run!")
                bad = 1
            target.write_text(original, encoding="utf-8")
    return bad


if __name__ == "__main__":
    raise SystemExit(main())
