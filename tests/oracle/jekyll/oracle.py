"""Build a Jekyll site with Debian's Jekyll 4.3 and return what it served, as JSON.

    python3 tests/oracle/jekyll/oracle.py SITE_DIR [OUT.json] [--keep]

The site is copied to a temporary folder (the original is never touched); there
`_oracle.rb` and any missing stub theme files (stubs/theme/) are added, and
`jekyll build` runs with stubs/lib/ on RUBYLIB so that the site's `plugins:` that
Debian lacks load our stubs instead. The JSON that `_oracle.rb` writes is copied to
OUT.json (default: /tmp/jekyll-oracle/<site name>.json). See README.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STUB_LIB = HERE / "stubs" / "lib"
STUB_THEME = HERE / "stubs" / "theme"
DEFAULT_OUT_DIR = Path("/tmp/jekyll-oracle")


def jekyll_available() -> bool:
    return shutil.which("jekyll") is not None


def _add_missing(src_root: Path, site: Path) -> list[str]:
    """Copy each stub theme file that the site does not have itself."""
    added = []
    for f in sorted(src_root.rglob("*")):
        if f.is_file():
            rel = f.relative_to(src_root)
            dest = site / rel
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, dest)
                added.append(str(rel))
    return added


def build(site_dir: str | os.PathLike, out: str | os.PathLike | None = None,
          keep: bool = False, timeout: float = 900) -> dict:
    """Build `site_dir` in a temp copy; return the oracle dict (also written to `out`)."""
    site_dir = Path(site_dir).resolve()
    out = Path(out) if out else DEFAULT_OUT_DIR / f"{site_dir.name}.json"
    work = Path(tempfile.mkdtemp(prefix="jekyll-oracle-"))
    try:
        site = work / "site"
        shutil.copytree(site_dir, site, symlinks=True,
                        ignore=shutil.ignore_patterns(".git", "_site", ".jekyll-cache"))
        added = _add_missing(STUB_THEME, site)
        (site / "_plugins").mkdir(exist_ok=True)
        shutil.copyfile(HERE / "_oracle.rb", site / "_plugins" / "zz_booklint_oracle.rb")
        json_path = work / "oracle.json"
        env = dict(os.environ)
        env["RUBYLIB"] = os.pathsep.join(filter(None, [str(STUB_LIB), env.get("RUBYLIB")]))
        env["JEKYLL_NO_BUNDLER_REQUIRE"] = "true"  # no Gemfile gems: Debian's only
        env["JEKYLL_ENV"] = "production"
        env["BOOKLINT_ORACLE_OUT"] = str(json_path)
        env["BOOKLINT_ORACLE_STUB_LIB"] = str(STUB_LIB)
        env.setdefault("LANG", "C.UTF-8")
        cmd = ["jekyll", "build", "--source", str(site), "--destination", str(work / "_site"),
               "--disable-disk-cache"]
        t0 = time.monotonic()
        proc = subprocess.run(cmd, cwd=site, env=env, capture_output=True, text=True,
                              timeout=timeout)
        seconds = round(time.monotonic() - t0, 2)
        if proc.returncode != 0 or not json_path.exists():
            raise RuntimeError(f"jekyll build failed ({proc.returncode}) for {site_dir}:\n"
                               f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        data = json.loads(json_path.read_text(encoding="utf-8"))
        data["site"] = site_dir.name
        data["build_seconds"] = seconds
        data["stub_theme_files_added"] = added
        data["jekyll_warnings"] = [line for line in (proc.stdout + proc.stderr).splitlines()
                                   if "warn" in line.lower() or "error" in line.lower()]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if keep:
            print(f"kept build folder: {work}", file=sys.stderr)
        return data
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def kramdown_dump(md_file: str | os.PathLike, config: str | os.PathLike | None = None) -> dict:
    """Run kramdown_dump.rb on one Markdown file (no Liquid, no build)."""
    cmd = ["ruby", str(HERE / "kramdown_dump.rb"), str(md_file)]
    if config:
        cmd.append(str(config))
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    data = build(args[0], args[1] if len(args) > 1 else None, keep="--keep" in argv)
    pages = data["pages"]
    print(f"{data['site']}: {data['build_seconds']} s, {len(pages)} pages/documents "
          f"({sum(p['markdown'] for p in pages)} Markdown), "
          f"{len(data['static_files'])} static files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
