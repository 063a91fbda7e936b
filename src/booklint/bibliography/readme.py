"""The book's own citation: the README's BibTeX block and what must agree with it.

A README typically says "please cite this work as" with a plain-text line (often in a code
span) and a fenced BibTeX block. The engine hands these functions the texts and the lines
where they start; everything here is pure and never raises.

* :func:`check_citation_block` parses the block and validates it strictly (the block is
  meant to be pasted into a LaTeX document, so fields the entry type does not print matter).
* :func:`compare_plain_citation` compares it with the plain-text line (authors and "et al.",
  title, year, publisher).
* :func:`compare_front_matter` compares its authors with the chapters' front-matter authors.
* :func:`compare_cff` compares it with a parsed ``CITATION.cff``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .checker import check_bibliography, default_kinds
from .datamodel import DataModel
from .model import BibEntry, Bibliography, BibProblem, Span
from .names import PersonName, name_key, parse_names
from .parse import parse_bib

__all__ = [
    "CitationBlock",
    "PlainCitation",
    "check_citation_block",
    "compare_cff",
    "compare_front_matter",
    "compare_plain_citation",
    "parse_plain_citation",
    "strip_markup",
]


@dataclass(frozen=True)
class CitationBlock:
    """The parsed README block: its bibliography, the citation entry (the first) and problems."""

    bibliography: Bibliography
    entry: BibEntry | None
    problems: list[BibProblem]


def _p(kind: str, message: str, span: Span, key: str | None = None, fld: str | None = None) -> BibProblem:
    return BibProblem(kind, message, span.line, span.column, span.end_line, span.end_column, key, fld)


def check_citation_block(
    text: str, first_line: int = 1, model: DataModel | str = "bibtex", first_column: int = 1
) -> CitationBlock:
    """Parse and validate the README's BibTeX block (``first_line``: its first line in the README).

    All default checks run, plus ``field-not-for-type``: whoever copies this block into a
    LaTeX document gets a citation without the fields its type does not print.
    """
    bib = parse_bib(text, first_line=first_line, first_column=first_column)
    kinds = set(default_kinds()) | {"field-not-for-type"}
    problems = check_bibliography(bib, model, kinds=kinds)
    entry = bib.entries[0] if bib.entries else None
    if entry is None and not bib.failed:
        span = bib.index.span(0, len(text.rstrip()))
        problems.append(
            _p(
                "citation-no-entry",
                "The citation block contains no BibTeX entry, so readers have nothing to paste into "
                "their bibliography. Put an entry such as @misc{key, author = {...}, title = {...}, "
                "year = {...}} in it.",
                span,
            )
        )
    return CitationBlock(bib, entry, problems)


# ---------------------------------------------------------------------------------------
# the plain-text citation line
# ---------------------------------------------------------------------------------------

_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’|«([^»]+)»|(?<![\w*])\*([^*]+)\*(?!\w)|(?<!\w)_([^_]+)_(?!\w)")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_ET_AL = re.compile(r"\bet\s+al\b\.?", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_SUP = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)


def strip_markup(name: str) -> str:
    """A front-matter name without HTML (``Reiner Pope<sup>*</sup>`` → ``Reiner Pope``)."""
    text = _TAGS.sub("", _SUP.sub("", name)) if "<" in name else name
    return " ".join(text.replace("&nbsp;", " ").split()).strip(" *†‡")


@dataclass(frozen=True)
class PlainCitation:
    """What a one-line citation says; offsets are into the line."""

    text: str
    authors: str
    authors_start: int
    et_al: bool
    title: str | None
    title_start: int
    rest: str  # what follows the title
    rest_start: int
    years: tuple[tuple[str, int], ...]  # (year, offset)


def parse_plain_citation(text: str) -> PlainCitation:
    """Split a line like ``Austin et al., "How to Scale Your Model", Google DeepMind, 2025.``

    The title is the first quoted or emphasised run; the authors are what precedes it
    (without an APA-style "(2025)."); the rest follows it.
    """
    m = _QUOTED.search(text)
    if m is not None:
        gi = next(i for i in range(1, 7) if m.group(i) is not None)
        title, title_start = m.group(gi), m.start(gi)
        authors_end, rest_start = m.start(), m.end()
    else:
        # no quotes: "Authors (Year). Title. Rest" or "Authors. Title. Rest"
        ym = re.search(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\.?", text)
        if ym is not None:
            after = ym.end()
            dot = text.find(". ", after)
            title = text[after:dot if dot >= 0 else len(text)].strip()
            title_start = after + (len(text[after:]) - len(text[after:].lstrip()))
            authors_end, rest_start = ym.start(), (dot + 1 if dot >= 0 else len(text))
        else:
            title, title_start, authors_end, rest_start = None, 0, len(text), len(text)
    authors = text[:authors_end]
    stripped = re.sub(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\.?", "", authors).strip(" ,.;:")
    return PlainCitation(
        text=text,
        authors=stripped,
        authors_start=len(authors) - len(authors.lstrip()),
        et_al=bool(_ET_AL.search(authors)),
        title=title.strip() if title else None,
        title_start=title_start,
        rest=text[rest_start:],
        rest_start=rest_start,
        years=tuple((y.group(1), y.start()) for y in _YEAR.finditer(text)),
    )


def _persons(entry: BibEntry, fld: str = "author") -> list[PersonName]:
    f = entry.get(fld)
    return [n for n in parse_names(f.value) if n.error is None and not n.is_others] if f else []


def _line_span(line: int, column: int, start: int, end: int) -> Span:
    return Span(line, column + start, line, column + max(end, start + 1))


def compare_plain_citation(entry: BibEntry, text: str, line: int, column: int = 1) -> list[BibProblem]:
    """Compare the README's plain-text citation (``text`` at ``line``:``column``) with the entry.

    Reports ``citation-mismatch`` problems positioned on the plain-text line.
    """
    out: list[BibProblem] = []
    pc = parse_plain_citation(text)
    key = entry.key
    whole = _line_span(line, column, 0, len(text))

    # authors
    persons = _persons(entry) or _persons(entry, "editor")
    akey = " " + name_key(pc.authors) + " "
    if persons and pc.authors:
        aspan = _line_span(line, column, pc.authors_start, pc.authors_start + len(pc.authors))
        first = persons[0]
        fam = name_key(first.family_core or first.text)
        if fam and f" {fam} " not in akey:
            out.append(
                _p(
                    "citation-mismatch",
                    f"The plain-text citation starts with “{pc.authors}”, but the BibTeX block's first "
                    f"author is {first.display}. Make both name the same first author.",
                    aspan,
                    key,
                    "author",
                )
            )
        elif pc.et_al and len(persons) <= 2:
            out.append(
                _p(
                    "citation-mismatch",
                    f"The plain-text citation says “et al.”, but the BibTeX block has only "
                    f"{len(persons)} author{'s' if len(persons) > 1 else ''}. Name "
                    f"{'both authors' if len(persons) == 2 else 'the author'} instead.",
                    aspan,
                    key,
                    "author",
                )
            )
        elif not pc.et_al:
            missing = [p.display for p in persons[1:] if f" {name_key(p.family_core or p.text)} " not in akey]
            if missing:
                out.append(
                    _p(
                        "citation-mismatch",
                        f"The plain-text citation names “{pc.authors}”, but the BibTeX block also "
                        f"lists {_short_list(missing)}. Add them, or shorten to “{first.family} et al.”.",
                        aspan,
                        key,
                        "author",
                    )
                )
    # title
    etitle = entry.text("title")
    if pc.title is not None and etitle:
        if name_key(pc.title) != name_key(etitle):
            out.append(
                _p(
                    "citation-mismatch",
                    f"The plain-text citation's title “{pc.title}” differs from the BibTeX block's "
                    f"“{etitle}”. Use the same title in both.",
                    _line_span(line, column, pc.title_start, pc.title_start + len(pc.title)),
                    key,
                    "title",
                )
            )
    elif pc.title is None and etitle and name_key(etitle) not in name_key(text):
        out.append(
            _p(
                "citation-mismatch",
                f"The plain-text citation does not contain the title “{etitle}” of the BibTeX block. "
                "Add the title, in quotes.",
                whole,
                key,
                "title",
            )
        )
    # year
    eyear = entry.text("year") or entry.text("date")[:4]
    if eyear:
        years = [y for y, _o in pc.years]
        if not years:
            out.append(
                _p(
                    "citation-mismatch",
                    f"The plain-text citation has no year; the BibTeX block says {eyear}. Add the year.",
                    whole,
                    key,
                    "year",
                )
            )
        elif eyear not in years:
            y, off = pc.years[-1]
            out.append(
                _p(
                    "citation-mismatch",
                    f"The plain-text citation gives the year {y}, the BibTeX block {eyear}. Use the "
                    "same year in both.",
                    _line_span(line, column, off, off + len(y)),
                    key,
                    "year",
                )
            )
    # publisher and the other parts after the title
    tkey = " " + name_key(text) + " "
    for fld in ("publisher", "organization", "institution", "school", "journal"):
        val = entry.text(fld)
        if val and f" {name_key(val)} " not in tkey:
            out.append(
                _p(
                    "citation-mismatch",
                    f"The BibTeX block gives {fld} = “{val}”, which the plain-text citation does not "
                    f"mention. Name {val} in the plain-text citation too, or fix the block.",
                    whole,
                    key,
                    fld,
                )
            )
    known = " " + " ".join(name_key(f.text) for f in entry.fields) + " "
    pos = pc.rest_start
    for seg in re.split(r"([,;]|\.\s)", pc.rest):
        start = pos
        pos += len(seg)
        s = seg.strip(" .,;:")
        if not s or seg in (",", ";") or _YEAR.fullmatch(s) or re.fullmatch(r"[\d\s\-–()]+", s):
            continue
        k = name_key(s)
        if k and f" {k} " not in known and not _YEAR.search(s):
            lead = len(seg) - len(seg.lstrip(" .,;:"))
            out.append(
                _p(
                    "citation-mismatch",
                    f"The plain-text citation mentions “{s}”, which is not in the BibTeX block. Add it "
                    "to the block (e.g. as publisher or howpublished) or remove it from the line.",
                    _line_span(line, column, start + lead, start + lead + len(s)),
                    key,
                    None,
                )
            )
    return out


def _short_list(items: list[str], limit: int = 4) -> str:
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


# ---------------------------------------------------------------------------------------
# chapters' front matter
# ---------------------------------------------------------------------------------------


def _author_field_span(entry: BibEntry) -> Span:
    f = entry.get("author") or entry.get("editor")
    return f.span if f is not None else entry.head_span


def compare_front_matter(entry: BibEntry, chapters: Mapping[str, Sequence[str]]) -> list[BibProblem]:
    """Compare the block's authors with the ``authors:`` of the chapters' front matter.

    ``chapters`` maps a chapter (path or name, used in messages) to its author names as
    written (HTML such as ``<sup>*</sup>`` is ignored). The book's author list is the one most
    chapters share; guest authors of single chapters are not reported. Problems point at the
    block's author field.
    """
    out: list[BibProblem] = []
    persons = _persons(entry)
    if not persons or not chapters:
        return out
    lists = {ch: [s for s in map(strip_markup, names) if s] for ch, names in chapters.items()}
    lists = {ch: names for ch, names in lists.items() if names}
    if not lists:
        return out
    span = _author_field_span(entry)
    key = entry.key
    counted = Counter(tuple(name_key(n) for n in names) for names in lists.values())
    common_keys, share = counted.most_common(1)[0]
    example = next(ch for ch, names in lists.items() if tuple(name_key(n) for n in names) == common_keys)
    common = lists[example]
    block_keys = [name_key(p.display) for p in persons]
    by_key = {name_key(n): n for names in lists.values() for n in names}
    # spelling: same family name and given initial, different spelling (accents, middle names)
    for p in persons:
        k = name_key(p.display)
        if k in by_key:
            if by_key[k] != p.display:  # same letters, other accents or punctuation
                out.append(
                    _p(
                        "citation-mismatch",
                        f"The BibTeX block writes {p.display}, the chapters' front matter "
                        f"{by_key[k]}. Spell the name the same way in both.",
                        span,
                        key,
                        "author",
                    )
                )
            continue
        fam = name_key(p.family)
        similar = [n for n in by_key.values() if name_key(n).endswith(" " + fam) and name_key(n)[:1] == name_key(p.given)[:1]]
        if similar:
            out.append(
                _p(
                    "citation-mismatch",
                    f"The BibTeX block writes {p.display}, the chapters' front matter {similar[0]}. "
                    "Spell the name the same way in both.",
                    span,
                    key,
                    "author",
                )
            )
        else:
            out.append(
                _p(
                    "citation-mismatch",
                    f"{p.display} is an author in the BibTeX block but in no chapter's front matter. "
                    "Add them to the chapters' authors, or remove them from the block.",
                    span,
                    key,
                    "author",
                )
            )
    if share * 2 > len(lists) or len(lists) == 1:
        missing = [n for n, k in zip(common, common_keys, strict=True) if k not in block_keys and not _similar_in(k, persons)]
        if missing:
            out.append(
                _p(
                    "citation-mismatch",
                    f"{_short_list(missing)} {'is' if len(missing) == 1 else 'are'} an author in "
                    f"{share} of {len(lists)} chapters (e.g. {example}) but not in the BibTeX block. "
                    "Add them to the block's author list.",
                    span,
                    key,
                    "author",
                )
            )
        shared = [k for k in block_keys if k in common_keys]
        order = [k for k in common_keys if k in block_keys]
        if not missing and shared != order:
            out.append(
                _p(
                    "citation-mismatch",
                    f"The BibTeX block lists the authors in a different order from the chapters' "
                    f"front matter (e.g. {example}: {', '.join(common[:3])}, ...). Use the same order.",
                    span,
                    key,
                    "author",
                )
            )
    return out


def _similar_in(k: str, persons: list[PersonName]) -> bool:
    parts = k.split()
    if not parts:
        return False
    fam, ini = parts[-1], parts[0][:1]
    return any(name_key(p.family).split()[-1:] == [fam] and name_key(p.given)[:1] == ini for p in persons if p.family)


# ---------------------------------------------------------------------------------------
# CITATION.cff
# ---------------------------------------------------------------------------------------


def _cff_person(d: Mapping) -> str:
    if not isinstance(d, Mapping):
        return str(d)
    if d.get("name"):
        return str(d["name"])
    parts = [d.get("given-names"), d.get("name-particle"), d.get("family-names"), d.get("name-suffix")]
    return " ".join(str(p) for p in parts if p)


def compare_cff(entry: BibEntry, cff: Mapping) -> list[BibProblem]:
    """Compare the block with a parsed CITATION.cff (its ``preferred-citation`` if present).

    Reports ``citation-mismatch`` problems at the block's fields.
    """
    out: list[BibProblem] = []
    if not isinstance(cff, Mapping):
        return out
    src = cff.get("preferred-citation") if isinstance(cff.get("preferred-citation"), Mapping) else cff
    which = "CITATION.cff's preferred-citation" if src is not cff else "CITATION.cff"
    key = entry.key
    # title
    t = src.get("title")
    et = entry.text("title")
    f = entry.get("title")
    if t and et and name_key(str(t)) != name_key(et):
        out.append(
            _p(
                "citation-mismatch",
                f"{which} has the title “{t}”, the BibTeX block “{et}”. Use the same title in both.",
                f.span if f else entry.head_span,
                key,
                "title",
            )
        )
    # authors, in order
    cff_names = [_cff_person(a) for a in (src.get("authors") or []) if a]
    persons = _persons(entry)
    if cff_names and persons:
        ck = [name_key(n) for n in cff_names]
        bk = [name_key(p.display) for p in persons]
        if ck != bk:
            only_cff = [n for n, k in zip(cff_names, ck, strict=True) if k not in bk]
            only_bib = [p.display for p, k in zip(persons, bk, strict=True) if k not in ck]
            if only_cff or only_bib:
                bits = []
                if only_cff:
                    bits.append(f"{_short_list(only_cff)} only in {which}")
                if only_bib:
                    bits.append(f"{_short_list(only_bib)} only in the BibTeX block")
                msg = f"The authors differ: {'; '.join(bits)}. Make the two author lists the same."
            else:
                msg = f"{which} lists the same authors in a different order. Use the same order in both."
            out.append(_p("citation-mismatch", msg, _author_field_span(entry), key, "author"))
    # year
    cy = src.get("year") or str(src.get("date-released") or src.get("date-published") or "")[:4]
    ey = entry.text("year") or entry.text("date")[:4]
    if cy and ey and str(cy) != ey:
        f = entry.get("year") or entry.get("date")
        out.append(
            _p(
                "citation-mismatch",
                f"{which} gives the year {cy}, the BibTeX block {ey}. Use the same year in both.",
                f.span if f else entry.head_span,
                key,
                "year",
            )
        )
    # url
    cu = src.get("url") or cff.get("url")
    eu = entry.text("url")
    if cu and eu and str(cu).rstrip("/") != eu.rstrip("/"):
        f = entry.get("url")
        out.append(
            _p(
                "citation-mismatch",
                f"{which} gives the URL {cu}, the BibTeX block {eu}. Use the same address.",
                f.span if f else entry.head_span,
                key,
                "url",
            )
        )
    # publisher
    pub = src.get("publisher")
    pub_name = pub.get("name") if isinstance(pub, Mapping) else pub
    ep = entry.text("publisher") or entry.text("organization") or entry.text("institution")
    if pub_name and ep and name_key(str(pub_name)) != name_key(ep):
        f = entry.get("publisher") or entry.get("organization") or entry.get("institution")
        out.append(
            _p(
                "citation-mismatch",
                f"{which} names the publisher {pub_name}, the BibTeX block {ep}. Use the same name.",
                f.span if f else entry.head_span,
                key,
                "publisher",
            )
        )
    return out
