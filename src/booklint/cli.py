"""The `booklint` command: check, rules, rule, cite."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .document.source import split_lines
from .report import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str] | None:
    out = [v.strip() for item in values for v in item.split(",") if v.strip()]
    return out or None


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as e:  # never a bare traceback for a user
            from .config import ConfigError

            if isinstance(e, ConfigError):
                click.echo(f"booklint: error: {e}", err=True)
            else:
                import traceback

                click.echo(f"booklint: internal error: {type(e).__name__}: {e}", err=True)
                click.echo("Please report this bug with the command you ran. Details:", err=True)
                click.echo("".join(traceback.format_exc(limit=6)), err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="booklint")
def main() -> None:
    """A linter and citation tool for books written in Markdown."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), envvar="BOOKLINT_FORMAT", default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to this file.")
@click.option("--select", multiple=True, help="Rules to run (codes, prefixes or names; comma-separated). Replaces the defaults.")
@click.option("--extend-select", multiple=True, help="Rules to run in addition to the selected ones.")
@click.option("--ignore", multiple=True, help="Rules to skip.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this booklint.toml or pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--statistics", is_flag=True, help="Count findings by rule instead of listing them.")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes findings carry.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning.")
@click.option("--diff", is_flag=True, help="Show the fixes as a diff instead of writing them.")
@click.option("--concise", is_flag=True, help="One line a finding, without the source excerpt.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary.")
@click.option("--color/--no-color", default=None, help="Colour the output (default: only on a terminal).")
@click.option("--add-noqa", is_flag=True, help="Write a suppression comment for each current finding (adopt booklint "
              "on a book with a backlog; with --diff: show them instead).")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="The lowest severity that makes the exit code 1 (default: `fail-level` in the configuration, "
                   "else warning: info findings never fail).")
@click.option("--allow-empty", is_flag=True, help="Exit 0 when no file was checked (by default that is an error, exit 2).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Report only findings this baseline file does not record (see --write-baseline).")
@click.option("--write-baseline", is_flag=True, help="Record today's findings in the --baseline file (default "
              "booklint-baseline.json at the book's root) instead of reporting them.")
@click.option("--watch", is_flag=True, help="Keep running: check again whenever a file of the book changes, "
              "printing only what changed.")
@click.option("--external", is_flag=True, help="Also check external URLs over the network (as `external = true` does).")
@click.option("--offline", is_flag=True, help="No network at all: external URLs only from the fresh cache.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for the per-file rules (default: every core).")
@click.option("--no-cache", is_flag=True, help="Do not reuse or store findings in .booklint_cache/.")
def check(paths, fmt, output, select, extend_select, ignore, config_path, isolated, statistics, exit_zero, fix,
          unsafe_fixes, diff, concise, quiet, color, add_noqa, fail_level, allow_empty, baseline_path,
          write_baseline, watch, external, offline, jobs, no_cache) -> None:
    """Lint a book (the current folder by default) or some of its files."""
    import gc

    # a run makes millions of objects that live to its end and frees few: the collector's
    # default pass every 700 allocations cost a tenth of a large book's time (bench/bench_check.py)
    gc.set_threshold(100_000, 50, 100)
    from . import engine
    from .report import render
    from .report.text import statistics as stats_text
    from .report.text import summary

    opts = engine.Options(select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select),
                          config_path=config_path, isolated=isolated, external=external, offline=offline,
                          jobs=jobs or engine.default_jobs(),
                          cache=not (no_cache or add_noqa))  # comments are placed by the parsed pages
    targets = list(paths) or [Path.cwd()]
    for p in targets:
        if not p.exists() and not p.is_symlink():
            raise click.UsageError(f"{p}: no such file or folder")
    if watch:
        _watch(targets, opts, fmt, concise, color)
        return
    from . import progress

    bar = progress.Bar() if progress.wanted(sys.stderr, quiet=quiet, fmt=fmt) else None
    opts.progress = bar
    try:
        result = engine.run(targets, opts)
    finally:
        if bar is not None:
            bar.close()
    opts.progress = None
    if add_noqa:
        _add_noqa(result, lambda: engine.run(targets, opts), diff=diff, quiet=quiet)
    if write_baseline:
        from .adopt.baseline import write

        where = baseline_path or (result.book.root / "booklint-baseline.json")
        n = write(where, result.book, result.findings)
        click.echo(f"Wrote {n} finding{'s' if n != 1 else ''} to {where}; `booklint check --baseline {where}` "
                   "reports only new ones.")
        sys.exit(EXIT_ERROR if result.internal_errors else EXIT_CLEAN)
    fixed = 0
    fix_lines: list[str] = []
    if fix or diff:
        from .fix import apply_fixes  # (with tempfile and difflib: only a run that fixes loads them)

        for _round in range(10):
            sources = {rel: d.source for rel, d in result.book.docs.items()}
            rep = apply_fixes(result.book.root, sources, result.findings, unsafe=unsafe_fixes, write=not diff,
                              shown=_repo_path(result.book.root))
            fixed += rep.fixed
            for path, why in rep.skipped:
                fix_lines.append(f"booklint: not fixing {path}: {why}")
            if diff:
                sys.stdout.write("".join(rep.diffs))
                break
            if not rep.files:
                break
            result = engine.run(targets, opts)
    for line in fix_lines:
        click.echo(line, err=True)
    findings = result.findings
    if baseline_path is not None:
        from .adopt.baseline import BaselineError, apply, read

        try:
            findings, held = apply(result.book, findings, read(baseline_path))
        except BaselineError as e:
            click.echo(f"booklint: error: {e}", err=True)
            sys.exit(EXIT_ERROR)
        if held and not quiet and fmt == "text":
            click.echo(f"booklint: {held} finding{'s' if held != 1 else ''} recorded in {baseline_path} not shown.",
                       err=True)
    checked = _files_checked(result, targets)
    out_stream = open(output, "w", encoding="utf-8") if output else None
    try:
        tty = (out_stream is None) and sys.stdout.isatty()
        use_color = _use_color(color, tty)
        prefix = _display_prefix(result.book.root)
        counts = {"checked": checked, "fixed": fixed, "unsafe_hidden": None if unsafe_fixes else 0}
        if diff:
            pass
        elif statistics:
            text = stats_text(findings, fmt=fmt)
        else:
            text = render(fmt, findings, result.book, color=use_color, show_source=not concise, prefix=prefix)
        if not diff:
            if fmt == "text" and not quiet and not statistics:
                text += ("\n" if findings else "") + summary(findings, color=use_color, **counts)
            (out_stream or sys.stdout).write(text)
            if statistics and not quiet and fmt == "text":
                (out_stream or sys.stdout).write(summary(findings, color=use_color, **counts))
    finally:
        if out_stream:
            out_stream.close()
    if not checked:
        click.echo("booklint: warning: no file was checked (no Markdown file under the paths given, or all of "
                   "them excluded by `exclude`)." + ("" if allow_empty else " Pass --allow-empty if that is expected."),
                   err=True)
        if not allow_empty:
            sys.exit(EXIT_ERROR)
    if result.internal_errors:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if fixed and not exit_zero else EXIT_CLEAN)
    level = fail_level or (result.config.fail_level if result.config is not None else "warning")
    failing = [f for f in findings if _FAILS[level](f.severity)]
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _files_checked(result, targets: list[Path]) -> int:
    """The pages checked and the .bib files among the paths given (the whole book: all of them)."""
    from .engine import _targets

    chosen = _targets(result.book.root, targets, result.book.files)
    bibs = [f for f in result.book.files.others if f.endswith(".bib") and (chosen is None or f in chosen)]
    return len(result.checked) + len(bibs)


_FAILS = {"error": lambda s: s == "error", "warning": lambda s: s in ("error", "warning"), "info": lambda s: True}


def _use_color(color: bool | None, tty: bool) -> bool:
    """--color/--no-color, else NO_COLOR (off), else FORCE_COLOR (on, for CI logs that show
    colour), else whether the output is a terminal."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return tty


def _add_noqa(result, rerun, *, diff: bool, quiet: bool) -> None:
    """`check --add-noqa`: write the comments, say how many, check again, exit."""
    from .adopt.noqa import plan
    from .fix import apply_fixes

    if result.internal_errors:
        click.echo("booklint: not adding comments: a rule crashed (X001 above); please report it.", err=True)
        sys.exit(EXIT_ERROR)
    comments = covered = 0
    files: set[str] = set()
    # a comment can move a block's start, and a rule may then report the line below it: a second
    # round suppresses what the first one's comments brought out
    for _round in range(3):
        p = plan(result.book, result.findings)
        sources = {path: (result.book.docs[path].source if path in result.book.docs else result.book.source(path))
                   for path in p.edits}
        rep = apply_fixes(result.book.root, sources, p.fixes(), unsafe=True, write=not diff,
                          shown=_repo_path(result.book.root))
        for path, why in rep.skipped:
            click.echo(f"booklint: not adding comments to {path}: {why}", err=True)
        for f, why in p.skipped:
            click.echo(f"booklint: cannot suppress {f.path}:{f.line}:{f.column}: {f.code}: {why}", err=True)
        if diff:
            sys.stdout.write("".join(rep.diffs))
            sys.exit(EXIT_FINDINGS if rep.files else EXIT_CLEAN)
        comments += p.comments
        covered += p.covered
        files.update(rep.files)
        result = rerun()
        if not rep.files or not result.findings:
            break
    click.echo(f"Added {comments} suppression comment{'s' if comments != 1 else ''} covering {covered} "
               f"finding{'s' if covered != 1 else ''} in {len(files)} file{'s' if len(files) != 1 else ''}.")
    left = result.findings
    if left:
        click.echo(f"{len(left)} finding{'s' if len(left) != 1 else ''} remain (run `booklint check` to see them).")
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _repo_path(root: Path):
    """Book path -> path from the top of the git work tree the book is in (as `git diff` names
    files, so `git apply` takes booklint's diff from there), else from the working directory."""
    root = root.resolve()
    top = next((d for d in (root, *root.parents) if (d / ".git").exists()), None)
    base = top if top is not None else Path.cwd().resolve()

    def shown(path: str) -> str:
        return os.path.relpath(root / path, base).replace(os.sep, "/")

    return shown


def _display_prefix(root: Path):
    """How a path relative to the book root is printed: relative to where the user stands, as
    ruff prints it (`x.md` from inside the book's `docs/`, `docs/x.md` from the root,
    `../book/docs/x.md` from beside it)."""
    root = root.resolve()
    cwd = Path.cwd().resolve()
    if root == cwd:
        return ""
    if cwd not in root.parents and root not in cwd.parents:
        rel = os.path.relpath(root, cwd).replace(os.sep, "/")
        return rel + "/"

    def shown(path: str) -> str:
        return os.path.relpath(root / path, cwd).replace(os.sep, "/")

    if cwd in root.parents:
        return root.relative_to(cwd).as_posix() + "/"
    return shown


def _watch(targets: list[Path], opts, fmt: str, concise: bool, color: bool | None) -> None:
    from .engine import _targets
    from .report import render
    from .server.watch import watch

    use_color = sys.stdout.isatty() if color is None else color
    if "NO_COLOR" in os.environ and color is None:
        use_color = False

    def show(findings, live) -> None:
        sys.stdout.write(render(fmt, findings, live.book, color=use_color, show_source=not concise,
                                prefix=_display_prefix(live.book.root)))
        sys.stdout.flush()

    def say(line: str) -> None:
        click.echo(line, err=True)

    watch(targets, opts, show, say, targets=lambda live: _targets(live.root, targets, live.book.files))


@main.command("server")
@click.option("--debounce", type=click.IntRange(0, 10_000), default=50, show_default=True, metavar="MS",
              help="Wait this long after a keystroke before checking.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this configuration file instead of the book's.")
def server_cmd(debounce, config_path) -> None:
    """Run the language server (LSP over stdin and stdout) for an editor."""
    from .engine import Options
    from .server.lsp import serve

    serve(Options(config_path=config_path), debounce / 1000)


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list the rules that are off by default.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_cmd(show_all, fmt) -> None:
    """List the rules on by default (with --all: every rule): code, name, on/off, one line of what it finds."""
    from .registry import all_rules

    everything = all_rules()
    rules = everything if show_all else [r for r in everything if r.default]
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "family": r.family, "default": r.default,
                                "severity": r.severity, "fixable": r.fixable, "summary": r.summary} for r in rules],
                              indent=2))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        on = "on " if r.default else "off"
        fx = "[*]" if r.fixable else "   "
        click.echo(f"{r.code}  {r.name:<{width}}  {on}  {r.severity:<7}  {fx} {r.summary}")
    hidden = len(everything) - len(rules)
    if hidden:
        click.echo(f"\n{hidden} more rule{'s are' if hidden != 1 else ' is'} off by default: `booklint rules --all` "
                   "lists them; turn one on by naming it in `select` or `extend-select`.")


@main.command("rule")
@click.argument("code")
def rule_cmd(code) -> None:
    """Show one rule's documentation and its bad and good examples."""
    from .manual import example_files
    from .registry import get_rule

    r = get_rule(code)
    if r is None:
        raise click.UsageError(f"no rule {code!r}; run `booklint rules --all` for the list")
    click.echo(f"# {r.code} {r.name}")
    click.echo(f"\nFamily: {r.family}. Default: {'on' if r.default else 'off'}. Severity: {r.severity}."
               f"{' Fixable.' if r.fixable else ''}\n")
    click.echo(r.doc)
    for title, name, text in example_files(r.code):
        click.echo(f"\n## {title}" + (f" ({name})" if name else "") + "\n")
        click.echo(text.rstrip("\n"))


@main.command("init")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--repo", default=None, help="The booklint repository the pre-commit hook comes from "
              "(default: booklint's on GitHub).")
@click.option("--rev", default=None, help="The revision of that repository to pin (a tag or a commit; default: this "
              "version's tag).")
@click.option("--action", default=None, help="The GitHub Action the workflow uses (default: booklint's, at --rev).")
@click.option("--force", is_flag=True, help="Replace files that exist.")
def init_cmd(path, repo, rev, action, force) -> None:
    """Inspect a book and write booklint.toml, a pre-commit hook and a GitHub Actions workflow."""
    from . import engine
    from .adopt.init import DEFAULT_REV, REPO_URL, write_files
    from .config import Config

    # the folder named is the book (init writes there); without one, the book the working directory is in
    root = path.resolve() if path is not None else engine.find_root(Path.cwd())
    book = engine.load_book(root, Config())
    rev = rev or DEFAULT_REV
    survey, written = write_files(root, book, repo=repo or REPO_URL, rev=rev,
                                  action=action or f"booklint/booklint@{rev}", force=force)
    click.echo(f"booklint init: {root}")
    for line in survey.lines():
        click.echo(f"  {line}")
    for w in written:
        rel = os.path.relpath(w.path, Path.cwd())
        if w.action == "kept":
            click.echo(f"kept {rel} (it exists; --force replaces it). booklint's part would be:\n{w.text}")
        else:
            click.echo(f"{w.action} {rel}")
    click.echo("Next: `booklint check --add-noqa` records today's findings as suppression comments, so the "
               "next run is clean and a new problem fails; then `pre-commit install`.")


_CITE_FORMATS = ("bibtex", "biblatex", "apa", "chicago", "chicago-17", "mla", "ieee", "harvard", "ris", "csl-json", "cff")


@main.command("cite")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-f", "--format", "formats", multiple=True, metavar="FORMAT",
              help=f"One of {', '.join(_CITE_FORMATS)} or all (repeatable, comma-separated). Default: all.")
@click.option("--as", "as_", type=click.Choice(["text", "markdown", "html"]), default="text", show_default=True,
              help="Plain text, Markdown (italics, links, fenced machine formats) or HTML.")
@click.option("--chapter", help="Cite one chapter: its file name (tpus), path or title.")
@click.option("--from", "origin", type=click.Choice(["auto", "readme", "cff", "config"]), default="auto",
              show_default=True, help="Where the book's citation is read: the README's BibTeX block, CITATION.cff, "
                                      "or [tool.booklint.bib.citation]; auto takes the first that exists.")
@click.option("--write-cff", is_flag=True, help="Write CITATION.cff (format 1.2.0) at the book's root instead.")
@click.option("--force", is_flag=True, help="With --write-cff: replace a CITATION.cff that says something else.")
@click.option("--date-released", help="With --write-cff: YYYY-MM-DD (default: the landing page's front-matter date).")
@click.option("--repository-code", help="With --write-cff: the repository's URL (default: `repository` in _config.yml).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this booklint.toml or pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
def cite_cmd(path, formats, as_, chapter, origin, write_cff, force, date_released, repository_code, config_path,
             isolated) -> None:
    """Print the book's citation in citation styles and formats, or write CITATION.cff."""
    import difflib
    import re

    from . import engine
    from .citation import CiteError, book_record, cff_text, chapter_citation, find_chapter, write_file_atomically
    from .cite import FORMATS as CITE_FORMATS
    from .cite import render
    from .config import find_config, load_config

    wanted = [f.strip().lower() for item in formats for f in item.split(",") if f.strip()] or ["all"]
    if "all" in wanted:
        wanted = [f for f in _CITE_FORMATS if f != "chicago-17"]
    bad = [f for f in wanted if f not in _CITE_FORMATS]
    if bad:
        raise click.UsageError(f"unknown format {bad[0]!r}; use one of {', '.join(_CITE_FORMATS)} or all")
    if write_cff and chapter:
        raise click.UsageError("--write-cff writes the book's citation; it cannot be combined with --chapter")
    if date_released is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_released):
        raise click.UsageError("--date-released must be a date written YYYY-MM-DD")
    root = engine.find_root(path or Path.cwd())
    cfg = load_config(config_path if config_path else (None if isolated else find_config(root)))
    book = engine.load_book(root, cfg)
    try:
        record, where = book_record(book, cfg.family("bib"), origin, translation=cfg.family("translation"))
        if chapter:
            record = chapter_citation(book, find_chapter(book, chapter), record, translation=cfg.family("translation"))
    except CiteError as e:
        click.echo(f"booklint: {e}", err=True)
        sys.exit(EXIT_ERROR)
    if write_cff:
        text = cff_text(book, record, date_released=date_released, repository_code=repository_code)
        target = root / "CITATION.cff"
        old = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None
        if old == text:
            click.echo(f"booklint: {target} is up to date (from {where}).", err=True)
            return
        if old is not None and not force:
            diff = difflib.unified_diff(split_lines(old, True), split_lines(text, True), "CITATION.cff (now)",
                                        "CITATION.cff (from " + where + ")")
            sys.stderr.write("".join(diff))
            click.echo(f"booklint: not replacing {target}, which says something else (the diff above); "
                       "run again with --force to replace it.", err=True)
            sys.exit(EXIT_FINDINGS)
        write_file_atomically(target, text)
        click.echo(f"booklint: wrote {target} (from {where}).", err=True)
        return
    parts = []
    for fmt in wanted:
        out = render(record, fmt, as_)
        if len(wanted) > 1:
            label = CITE_FORMATS.get(fmt, fmt)
            if as_ == "markdown":
                out = f"### {label}\n\n{out}"
            elif as_ == "html":
                import html

                body = out if out.startswith("<pre>") else f"<p>{out}</p>\n"
                out = f"<h3>{html.escape(label)}</h3>\n{body}"
            else:
                out = f"{fmt}: {label}\n{out}"
        parts.append(out.rstrip("\n") + "\n")
    sys.stdout.write("\n".join(parts))


@main.command("status")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="A table, JSON, or a Markdown table for the README.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Use this booklint.toml or pyproject.toml.")
def status_cmd(path, fmt, config_path) -> None:
    """A translation's progress per chapter: translated, partly, not started, stale (needs `[translation] source`)."""
    from . import engine
    from .config import find_config, load_config
    from .translation import SourceError, render_status, status

    root = engine.find_root(path or Path.cwd())
    cfg = load_config(config_path if config_path else find_config(root))
    settings = cfg.family("translation")
    if not str(settings.get("source") or "").strip():
        click.echo("booklint: this book names no original: add `source = \"../original\"` under `[translation]` "
                   "in booklint.toml (or pass --config).", err=True)
        sys.exit(EXIT_ERROR)
    book = engine.load_book(root, cfg)
    try:
        rows = status(book, settings)
    except SourceError as e:
        click.echo(f"booklint: {e}", err=True)
        sys.exit(EXIT_ERROR)
    sys.stdout.write(render_status(rows, fmt))


def entry() -> None:
    """The `booklint` program (the console script, `python -m booklint`): :func:`main`, then an
    exit that skips freeing the run's objects one by one (a tenth of a small book's run): the
    exit handlers run and the output is flushed first, as the interpreter's own exit does.
    Where that cannot be done cleanly (a thread still running, output that fails to flush, an
    exit that is no number) the interpreter exits the ordinary way."""
    try:
        main()
        code: object = 0
    except SystemExit as e:
        code = e.code
    threading = sys.modules.get("threading")
    if not (code is None or isinstance(code, int)) or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    import atexit

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None:
        sys.exit(code)
    if not _flushed():
        sys.exit(code)  # (a closed pipe: the interpreter reports it as it always does)
    run_exit_handlers()
    if not _flushed():
        os._exit(EXIT_ERROR)  # (the handlers have run: they must not run twice)
    os._exit(code or 0)


def _flushed() -> bool:
    """Flush standard output and error; False when one cannot be (a closed pipe)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


if __name__ == "__main__":  # pragma: no cover
    entry()
