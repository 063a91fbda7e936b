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
@click.version_option(__version__, prog_name="booklint")
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
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes for the per-file rules (default: every core).")
@click.option("--no-cache", is_flag=True, help="Do not reuse or store findings in .booklint_cache/.")
def check(paths, fmt, output, select, extend_select, ignore, config_path, isolated, statistics, exit_zero, fix,
          unsafe_fixes, diff, concise, quiet, color, jobs, no_cache) -> None:
    """Lint a book (the current folder by default) or some of its files."""
    from . import engine
    from .fix import apply_fixes
    from .report import render
    from .report.text import statistics as stats_text
    from .report.text import summary

    opts = engine.Options(select=_split(select), ignore=_split(ignore), extend_select=_split(extend_select),
                          config_path=config_path, isolated=isolated,
                          jobs=jobs or engine.default_jobs(), cache=not no_cache)
    targets = list(paths) or [Path.cwd()]
    for p in targets:
        if not p.exists() and not p.is_symlink():
            raise click.UsageError(f"{p}: no such file or folder")
    from . import progress

    bar = progress.Bar() if progress.wanted(sys.stderr, quiet=quiet, fmt=fmt) else None
    opts.progress = bar
    try:
        result = engine.run(targets, opts)
    finally:
        if bar is not None:
            bar.close()
    opts.progress = None
    fixed = 0
    fix_lines: list[str] = []
    if fix or diff:
        for _round in range(10):
            sources = {rel: d.source for rel, d in result.book.docs.items()}
            rep = apply_fixes(result.book.root, sources, result.findings, unsafe=unsafe_fixes, write=not diff)
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
    out_stream = open(output, "w", encoding="utf-8") if output else None
    try:
        tty = (out_stream is None) and sys.stdout.isatty()
        use_color = tty if color is None else color
        if "NO_COLOR" in os.environ and color is None:
            use_color = False
        prefix = _display_prefix(result.book.root)
        if diff:
            pass
        elif statistics:
            text = stats_text(findings)
        else:
            text = render(fmt, findings, result.book, color=use_color, show_source=not concise, prefix=prefix)
        if not diff:
            if fmt == "text" and not quiet and not statistics:
                text += ("\n" if findings else "") + summary(findings, color=use_color, fixed=fixed)
            (out_stream or sys.stdout).write(text)
            if statistics and not quiet:
                (out_stream or sys.stdout).write(summary(findings, color=use_color, fixed=fixed))
    finally:
        if out_stream:
            out_stream.close()
    if result.internal_errors:
        sys.exit(EXIT_ERROR)
    if diff:
        sys.exit(EXIT_FINDINGS if fixed and not exit_zero else EXIT_CLEAN)
    failing = [f for f in findings if f.severity in ("error", "warning")]
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


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


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list rules that are off by default (they are listed anyway; this marks nothing else).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_cmd(show_all, fmt) -> None:
    """List every rule: code, name, default on/off, one line of what it finds."""
    from .registry import all_rules

    rules = all_rules()
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
        click.echo(f"{r.code}  {r.name:<{width}}  {on}  {fx} {r.summary}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code) -> None:
    """Show one rule's documentation and its bad and good examples."""
    from .data import examples_dir
    from .registry import get_rule

    r = get_rule(code)
    if r is None:
        raise click.UsageError(f"no rule {code!r}; run `booklint rules` for the list")
    click.echo(f"# {r.code} {r.name}")
    click.echo(f"\nFamily: {r.family}. Default: {'on' if r.default else 'off'}. Severity: {r.severity}."
               f"{' Fixable.' if r.fixable else ''}\n")
    click.echo(r.doc)
    fx = examples_dir()
    if fx is not None:
        for kind, title in (("bad.md", "Flagged (rules/examples/%s/bad.md)"), ("good.md", "Clean (rules/examples/%s/good.md)")):
            p = fx / r.code / kind
            if p.is_file():
                click.echo(f"\n## {title % r.code}\n")
                click.echo(p.read_text(encoding="utf-8").rstrip("\n"))


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
        record, where = book_record(book, cfg.family("bib"), origin)
        if chapter:
            record = chapter_citation(book, find_chapter(book, chapter), record)
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


if __name__ == "__main__":  # pragma: no cover
    main()
