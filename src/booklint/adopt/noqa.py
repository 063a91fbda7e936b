"""`booklint check --add-noqa`: a suppression comment for each current finding, in the form its
file takes, placed where it changes nothing the reader sees.

* Markdown prose (a paragraph or an ATX heading line): ``<!-- booklint-disable-next-line CODE -->``
  on a line of its own just above, indented (and quoted with ``>``) like the line it covers. An
  HTML comment line between two lines of a paragraph stays inside the paragraph as inline HTML;
  above a heading or a paragraph it is an HTML block of its own. kramdown renders neither
  (tests/adopt compares kramdown's HTML before and after, comments aside).
* Anything else in Markdown (a table, fenced code, a ``$$`` block, an HTML block, a line inside a
  multi-line Liquid tag, inline math or link, a setext heading): the blank-line-separated stretch
  of top-level blocks around it is wrapped in ``<!-- booklint-disable CODE -->`` and
  ``<!-- booklint-enable CODE -->``, each with a blank line between it and the stretch, so no block
  changes kind. A comment line inside a table or a code block would change what is rendered.
* Front matter: a YAML comment line ``# booklint-disable-next-line CODE`` above the line, indented
  like it; kept only if the front matter's data is unchanged by it.
* .bib: ``% booklint-disable-next-entry CODE`` above the entry's ``@`` line (BibTeX ignores text
  between entries; a comment inside an entry is not safe); outside entries
  ``% booklint-disable-next-line CODE``.
* YAML and TOML side files: ``# booklint-disable-next-line CODE`` above the line, kept only if the
  file's data is unchanged.
* A finding that has no line to stand on (the front matter's fences, past the end) gets
  ``<!-- booklint-disable-file CODE -->`` at the end of the page.

Each comment names the codes of the findings on that line (or stretch) only, so deleting one
brings back exactly those findings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..book.model import Book
from ..document.directives import COMMENT_LEADERS
from ..document.model import Document
from ..document.source import Source
from ..findings import Edit, Finding, Fix

_SIDE_LEADERS = COMMENT_LEADERS
# the order of insertions that fall on the same offset: the end of the stretch above first
_ORDER = {"enable": 0, "disable": 1, "file": 2, "line": 3}


@dataclass
class Plan:
    edits: dict[str, list[Edit]] = field(default_factory=dict)  # path -> insertions, in order
    comments: int = 0  # comments written
    covered: int = 0  # findings they cover
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, why not)

    def fixes(self) -> list[Finding]:
        """One finding a file carrying the file's insertions, for :func:`booklint.fix.apply_fixes`."""
        return [Finding(path, 1, 1, 1, 1, "X000", "add-noqa", "info", "", Fix("add suppression comments", tuple(edits)))
                for path, edits in sorted(self.edits.items())]


def plan(book: Book, findings: list[Finding]) -> Plan:
    out = Plan()
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.code == "X001":
            out.skipped.append((f, "an internal error is not suppressed; please report it"))
            continue
        by_file[f.path].append(f)
    for path, items in sorted(by_file.items()):
        doc = book.docs.get(path)
        if doc is not None:
            inserts = _markdown(doc, items, out)
            src = doc.source
        else:
            src = book.source(path)
            dot = path.rfind(".")
            leader = _SIDE_LEADERS.get(path[dot:].lower()) if dot >= 0 else None
            if src is None or leader is None or src.binary or src.decode_problems:
                why = ("booklint has no comment form for this kind of file" if src is not None and leader is None
                       else "the file cannot be rewritten byte for byte")
                for f in items:
                    out.skipped.append((f, why + f"; add it to `per-file-ignores` in the configuration: \"{path}\" = [\"{f.code}\"]"))
                continue
            inserts = _bib(src, items) if leader == "%" else _data_file(src, items, out)
        if not inserts:
            continue
        merged: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for offset, kind, text, n in inserts:
            merged[offset].append((_ORDER[kind], text))
            out.covered += n
        out.comments += sum(1 for _o, kind, _t, _n in inserts if kind != "enable")
        out.edits[path] = [Edit(o, o, "".join(t for _k, t in sorted(parts))) for o, parts in sorted(merged.items())]
    return out


def _codes(items: list[Finding]) -> str:
    return " ".join(sorted({f.code for f in items}))


# -- Markdown --------------------------------------------------------------------------------

def _markdown(doc: Document, items: list[Finding], out: Plan) -> list[tuple[int, str, str, int]]:
    src = doc.source
    lines = src.text.split("\n")
    fm = doc.front_matter
    fm_first = fm_last = 0  # 1-based lines of the front matter's content
    body_first = 1
    if fm is not None:
        fm_open = src.line_col(fm.span.start)[0]
        fm_close = src.line_col(max(fm.span.end - 1, fm.span.start))[0]
        fm_first, fm_last = fm_open + 1, fm_close - 1
        body_first = fm_close + 1
    interior = _interior_lines(doc)
    tops = [(t.map[0], t.map[1]) for t in doc.tokens if t.level == 0 and t.nesting != -1 and t.map]
    inner: list = [t for t in doc.tokens if t.nesting != -1 and t.map and t.type != "inline"]

    list_starts = {t.map[0] for t in inner if t.type in ("bullet_list_open", "ordered_list_open")}
    next_line: dict[int, list[Finding]] = defaultdict(list)
    stretches: dict[tuple[int, int], list[Finding]] = defaultdict(list)
    fm_lines: dict[int, list[Finding]] = defaultdict(list)
    whole: list[Finding] = []
    for f in items:
        line = f.line
        if fm is not None and fm_first <= line <= fm_last:
            fm_lines[line].append(f)
        elif line < body_first or line > len(lines):
            whole.append(f)
        elif _prose_line(doc, inner, lines, line, interior):
            next_line[line].append(f)
        else:
            stretches[_stretch(lines, tops, line - 1, body_first - 1)].append(f)

    inserts: list[tuple[int, str, str, int]] = []
    if fm_lines:
        fm_inserts = []
        for line, fs in sorted(fm_lines.items()):
            indent = re.match(r"[ \t]*", lines[line - 1]).group(0)
            fm_inserts.append((src.line_start(line), "line", f"{indent}# booklint-disable-next-line {_codes(fs)}\n", len(fs)))
        if _yaml_same(src.text[fm.content_span.start:fm.content_span.end], fm.content_span.start, fm_inserts):
            inserts.extend(fm_inserts)
        else:  # a comment line would have landed inside a multi-line value: switch the rule off for the page
            whole.extend(f for fs in fm_lines.values() for f in fs)
    for line, fs in sorted(next_line.items()):
        prefix = _prefix(lines[line - 1], (line - 1) in list_starts)
        if ">" in prefix and (line == 1 or not lines[line - 2].lstrip().startswith(">")):
            prefix = prefix[: prefix.index(">")]  # above a quote's first line: stand before the quote
        inserts.append((src.line_start(line), "line", f"{prefix}<!-- booklint-disable-next-line {_codes(fs)} -->\n", len(fs)))
    for (a, z), fs in sorted(stretches.items()):
        codes = _codes(fs)
        inserts.append((src.line_start(a + 1), "disable", f"<!-- booklint-disable {codes} -->\n\n", len(fs)))
        if z < len(lines) and not (z == len(lines) - 1 and lines[z] == ""):
            inserts.append((src.line_start(z + 1), "enable", f"\n<!-- booklint-enable {codes} -->\n", 0))
        else:  # the stretch ends the file
            end = len(src.text)
            lead = "\n" if src.text.endswith("\n") else "\n\n"
            inserts.append((end, "enable", f"{lead}<!-- booklint-enable {codes} -->\n", 0))
    if whole:
        end = len(src.text)
        lead = "\n" if src.text.endswith("\n") else "\n\n"
        inserts.append((end, "file", f"{lead}<!-- booklint-disable-file {_codes(whole)} -->\n", len(whole)))
    return inserts


def _prefix(text: str, first_item: bool) -> str:
    """What a comment line above ``text`` starts with to stay in the same container: its quote
    markers and indentation, and for the first line of a list item other than the list's first,
    spaces up to the item's text, so the comment ends the item above rather than the list (a
    comment at the marker's column ends the list for CommonMark parsers). Above a list's first
    item the comment stands before the list: indented, kramdown would make it a paragraph."""
    m = re.match(r"([ \t>]*)(?:([*+-]|\d{1,9}[.)])([ \t]+))?", text)
    lead = m.group(1)
    if m.group(2) and not first_item:
        lead += " " * (len(m.group(2)) + len(m.group(3)))
    return lead


def _interior_lines(doc: Document) -> set[int]:
    """1-based lines that continue an inline construct begun on an earlier line (inline math, a
    Liquid tag, an HTML tag, a link, an image, a code span): a comment line there would land inside it."""
    out: set[int] = set()
    spans = ([m.span for m in doc.math] + [t.span for t in doc.liquid] + [t.span for t in doc.html]
             + [lk.span for lk in doc.links] + [im.span for im in doc.images] + [c.span for c in doc.code_spans])
    for sp in spans:
        a = doc.line_col(sp.start)[0]
        z = doc.line_col(max(sp.end - 1, sp.start))[0]
        if z > a:
            out.update(range(a + 1, z + 1))
    return out


def _prose_line(doc: Document, tokens: list, lines: list[str], line: int, interior: set[int]) -> bool:
    """Whether a comment line may go just above ``line`` (1-based): it is a line of a paragraph or
    an ATX heading, and not the middle of anything that spans lines."""
    if line in interior:
        return False
    text = lines[line - 1]
    if "|" in text or text.lstrip(" \t>").startswith(("$$", "{%", "<")):  # a table row to kramdown, math, a tag
        return False
    l0 = line - 1
    best = None
    for t in tokens:
        if t.map[0] <= l0 < t.map[1] and (best is None or t.level >= best.level):
            best = t
    if best is None:
        return False
    if best.type == "heading_open":
        return best.markup.startswith("#")
    return best.type == "paragraph_open"


def _stretch(lines: list[str], tops: list[tuple[int, int]], l0: int, first: int) -> tuple[int, int]:
    """The blank-line-separated stretch of top-level blocks around 0-based line ``l0``: [a, z)."""
    a, z = l0, l0 + 1
    while True:
        before = (a, z)
        for s, e in tops:
            if s < z and a < e:
                a, z = min(a, s), max(z, e)
        while a > first and lines[a - 1].strip():
            a -= 1
        while z < len(lines) and lines[z].strip():
            z += 1
        if (a, z) == before:
            return a, z


def _yaml_same(text: str, base: int, inserts: list[tuple[int, str, str, int]]) -> bool:
    import yaml

    edited = text
    for offset, _kind, new, _n in sorted(inserts, reverse=True):
        edited = edited[: offset - base] + new + edited[offset - base:]
    try:
        return yaml.safe_load(text) == yaml.safe_load(edited)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return False


# -- side files ------------------------------------------------------------------------------

def _bib(src: Source, items: list[Finding]) -> list[tuple[int, str, str, int]]:
    lines = src.text.split("\n")
    starts = [i + 1 for i, t in enumerate(lines) if t.lstrip().startswith("@")]
    per_entry: dict[int, list[Finding]] = defaultdict(list)
    per_line: dict[int, list[Finding]] = defaultdict(list)
    for f in items:
        entry = max((s for s in starts if s <= f.line), default=None)
        if entry is not None:
            per_entry[entry].append(f)
        else:
            per_line[max(1, f.line)].append(f)
    inserts = [(src.line_start(s), "line", f"% booklint-disable-next-entry {_codes(fs)}\n", len(fs))
               for s, fs in per_entry.items()]
    inserts += [(src.line_start(n), "line", f"% booklint-disable-next-line {_codes(fs)}\n", len(fs))
                for n, fs in per_line.items()]
    return inserts


def _data_file(src: Source, items: list[Finding], out: Plan) -> list[tuple[int, str, str, int]]:
    lines = src.text.split("\n")
    per_line: dict[int, list[Finding]] = defaultdict(list)
    for f in items:
        per_line[min(max(1, f.line), len(lines))].append(f)
    inserts = []
    for n, fs in sorted(per_line.items()):
        indent = re.match(r"[ \t]*", lines[n - 1]).group(0)
        inserts.append((src.line_start(n), "line", f"{indent}# booklint-disable-next-line {_codes(fs)}\n", len(fs)))
    if src.path.endswith(".toml"):
        same = _toml_same(src.text, inserts)
    else:
        same = _yaml_same(src.text, 0, inserts)
    if same:
        return inserts
    for fs in per_line.values():
        for f in fs:
            out.skipped.append((f, "a comment line there would change the file's data; add it to `per-file-ignores` "
                                   f"in the configuration: \"{src.path}\" = [\"{f.code}\"]"))
    return []


def _toml_same(text: str, inserts: list[tuple[int, str, str, int]]) -> bool:
    import tomllib

    edited = text
    for offset, _kind, new, _n in sorted(inserts, reverse=True):
        edited = edited[:offset] + new + edited[offset:]
    try:
        return tomllib.loads(text) == tomllib.loads(edited)
    except (tomllib.TOMLDecodeError, ValueError):
        return False
