from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from ...bibliography.book import bibliographies
from ...registry import rule

_REQUIRED = ("cff-version", "message", "title", "authors")
_REF_REQUIRED = ("type", "title", "authors")
_PERSON_KEYS = {"family-names", "given-names", "name", "alias"}


def _positions(text: str) -> dict[tuple, tuple[int, int]]:
    """Line and column of each top-level key, of `authors` items and of `preferred-citation` keys."""
    import yaml

    out: dict[tuple, tuple[int, int]] = {}
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return out
    if not isinstance(node, yaml.MappingNode):
        return out
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            continue
        out[(k.value,)] = (k.start_mark.line + 1, k.start_mark.column + 1)
        if isinstance(v, yaml.SequenceNode):
            for i, item in enumerate(v.value):
                out[(k.value, i)] = (item.start_mark.line + 1, item.start_mark.column + 1)
        elif isinstance(v, yaml.MappingNode):
            for kk, vv in v.value:
                if isinstance(kk, yaml.ScalarNode):
                    out[(k.value, kk.value)] = (kk.start_mark.line + 1, kk.start_mark.column + 1)
                    if isinstance(vv, yaml.SequenceNode):
                        for i, item in enumerate(vv.value):
                            out[(k.value, kk.value, i)] = (item.start_mark.line + 1, item.start_mark.column + 1)
    return out


def _person_problem(a: object) -> str | None:
    if not isinstance(a, Mapping):
        return "is not a person or an entity (write `- family-names: ...` and `given-names: ...`, or `- name: ...`)"
    if not _PERSON_KEYS & set(map(str, a)):
        return "has neither family-names, given-names nor name"
    return None


@rule("C007", "citation-cff-invalid", scope="book")
def citation_cff_invalid(book, ctx):
    """Finds a CITATION.cff that GitHub's "Cite this repository" cannot read.

    ## What it does
    Reads the book's `CITATION.cff` (the `citation-cff` setting of `[tool.booklint.bib]`)
    and reports what the Citation File Format 1.2.0 schema rejects most often: YAML that
    does not parse (with its line), a missing `cff-version`, `message`, `title` or
    `authors`, a `cff-version` that is not a quoted version, authors that are plain
    strings instead of persons, a `date-released` that is not `YYYY-MM-DD`, and a
    `preferred-citation` without `type`, `title` or `authors`. `booklint cite --write-cff`
    writes a valid file from the README's citation block.

    ## Why is this bad?
    GitHub shows an error instead of the "Cite this repository" box, and tools such as
    Zenodo and Zotero ignore the file.

    ## Example
    ```yaml
    cff-version: 1.2
    title: How to Scale Your Model
    authors:
      - Jacob Austin
    date-released: 2025
    ```

    ## Use instead
    ```yaml
    cff-version: 1.2.0
    message: If you use this book, please cite it as below.
    title: How to Scale Your Model
    authors:
      - family-names: Austin
        given-names: Jacob
    date-released: 2025-02-04
    ```
    """
    cff = bibliographies(book, ctx.settings("bib")).citation_cff()
    if cff is None:
        return
    src = book.source(cff.rel)
    if src is None:
        return
    if cff.error is not None:
        yield ctx.finding_at(src, cff.line, cff.column,
                             f"CITATION.cff is not valid YAML ({cff.error}), so GitHub cannot show a citation. "
                             "Fix the YAML at this line.")
        return
    data = cff.data
    if not isinstance(data, Mapping):
        yield ctx.finding_at(src, 1, 1, "CITATION.cff is not a YAML mapping of keys, so GitHub cannot read it. "
                                        "Start from `booklint cite --write-cff`.")
        return
    pos = _positions(src.text)

    def at(*path, message: str):
        line, col = pos.get(tuple(path), pos.get(tuple(path[:1]), (1, 1)))
        return ctx.finding_at(src, line, col, message)

    missing = [k for k in _REQUIRED if k not in data or data.get(k) in (None, "", [])]
    if missing:
        yield ctx.finding_at(src, 1, 1,
                             f"CITATION.cff has no {', '.join(missing)}, which the Citation File Format requires; GitHub "
                             f"reports the file as invalid. Add {'it' if len(missing) == 1 else 'them'}.")
    version = data.get("cff-version")
    if version is not None and not (isinstance(version, str) and re.fullmatch(r"1\.[0-2]\.\d+", version)):
        yield at("cff-version", message=f"cff-version must be a version string such as \"1.2.0\", not {version!r}. "
                                        "Write `cff-version: 1.2.0`.")
    authors = data.get("authors")
    if authors is not None and not isinstance(authors, list):
        yield at("authors", message="authors must be a list of persons. Write each author as "
                                    "`- family-names: ...` with `given-names: ...`.")
    elif isinstance(authors, list):
        for i, a in enumerate(authors):
            why = _person_problem(a)
            if why:
                yield at("authors", i, message=f"Author {i + 1} ({str(a)[:40]}) {why}. GitHub rejects the file.")
    released = data.get("date-released")
    if released is not None and not isinstance(released, datetime.date) and not (
            isinstance(released, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", released)):
        yield at("date-released", message=f"date-released must be a date written YYYY-MM-DD, not {released!r}. "
                                          "Write the full date, e.g. 2025-02-04.")
    ref = data.get("preferred-citation")
    if ref is not None:
        if not isinstance(ref, Mapping):
            yield at("preferred-citation", message="preferred-citation must be a mapping (type, title, authors, ...).")
        else:
            lacking = [k for k in _REF_REQUIRED if not ref.get(k)]
            if lacking:
                yield at("preferred-citation", message=f"preferred-citation has no {', '.join(lacking)}, which a CFF "
                                                       "reference requires. Add them.")
            refauthors = ref.get("authors")
            if isinstance(refauthors, list):
                for i, a in enumerate(refauthors):
                    why = _person_problem(a)
                    if why:
                        yield at("preferred-citation", "authors", i,
                                 message=f"Author {i + 1} of preferred-citation ({str(a)[:40]}) {why}.")
