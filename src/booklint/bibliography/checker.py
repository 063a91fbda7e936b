"""Checks over a parsed bibliography. Each is a pure function returning BibProblems.

The rule layer registers these as rules; they never read files and never raise. Every
problem kind is listed in :data:`KINDS` with a one-line meaning and whether it is on by
default for a book's bibliography.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from .datamodel import DataModel, exporter_fields, load_model
from .kinds import KINDS, NAME_KINDS, PARSE_KINDS, VALUE_KINDS, Kind, default_kinds
from .latex import latex_to_text
from .model import BibEntry, BibField, Bibliography, BibProblem, Span
from .names import PersonName, name_key, parse_names
from .parse import MONTH_MACROS

__all__ = [
    "KINDS",
    "NAME_KINDS",
    "PARSE_KINDS",
    "VALUE_KINDS",
    "Kind",
    "check_arxiv_identifiers",
    "check_author_names",
    "check_bibliography",
    "check_duplicate_entries",
    "check_duplicate_keys",
    "check_fields",
    "check_uncited",
    "check_values",
    "default_kinds",
    "entry_fields_problems",
]


def _p(kind: str, message: str, span: Span, key: str | None = None, fld: str | None = None) -> BibProblem:
    return BibProblem(kind, message, span.line, span.column, span.end_line, span.end_column, key, fld)


def _head(entry: BibEntry) -> Span:
    """From the ``@`` to the end of the key: where entry-level problems point."""
    return entry.head_span


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(entry: BibEntry) -> str:
    title = entry.text("title")
    return f"`{entry.key}` (“{_short(title)}”)" if title else f"`{entry.key}`"


# ---------------------------------------------------------------------------------------
# keys and duplicates
# ---------------------------------------------------------------------------------------


def check_duplicate_keys(bib: Bibliography) -> list[BibProblem]:
    out: list[BibProblem] = []
    first_exact: dict[str, BibEntry] = {}
    first_folded: dict[str, BibEntry] = {}
    for e in bib.entries:
        if not e.key:
            continue
        if e.key in first_exact:
            prev = first_exact[e.key]
            out.append(
                _p(
                    "duplicate-key",
                    f"The key `{e.key}` is already used by the entry on line {prev.line}, so a "
                    f"citation of `{e.key}` can show the wrong work. Give one of the two entries a "
                    "different key, or delete the copy.",
                    e.key_span,
                    e.key,
                )
            )
            continue
        first_exact[e.key] = e
        folded = e.key.casefold()
        if folded in first_folded:
            prev = first_folded[folded]
            out.append(
                _p(
                    "duplicate-key",
                    f"The key `{e.key}` differs from `{prev.key}` (line {prev.line}) only in "
                    "letter case; BibTeX treats them as the same key and Distill as different ones. "
                    "Rename one of them.",
                    e.key_span,
                    e.key,
                )
            )
            continue
        first_folded[folded] = e
    return out


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def _norm_doi(value: str) -> str:
    return _DOI_PREFIX.sub("", value.strip()).strip().lower()


def _norm_title(title: str) -> str:
    return name_key(title)


def _families(e: BibEntry) -> set[str]:
    out = set()
    for n in parse_names(e.get("author").value if e.get("author") is not None else ""):
        if n.error is None and not n.is_others:
            k = name_key(n.family or n.text)
            if k:
                out.add(k)
    return out


def _different_authors(a: BibEntry, b: BibEntry) -> bool:
    """Two entries whose author lists have no family name in common: two different works."""
    fa, fb = _families(a), _families(b)
    return bool(fa) and bool(fb) and not fa & fb


def _key_words(e: BibEntry) -> set[str]:
    """The words a key is made of (`flammarion2015averaging` -> flammarion, averaging), without
    the authors' family names."""
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", e.key) if len(w) >= 4}
    return words - _families(e)


def _wrong_title(prev: BibEntry, e: BibEntry) -> BibProblem:
    """Same title, different authors: not a duplicate, one of the titles was copied wrong.
    Which one: the entry whose key's words are not in the title, when only one of them is."""
    title_words = set(name_key(e.text("title")).split())
    fits_prev = bool(_key_words(prev) & title_words)
    fits_e = bool(_key_words(e) & title_words)
    authors_e = _short(e.text("author"), 40)
    authors_prev = _short(prev.text("author"), 40)
    if fits_prev and not fits_e and _key_words(e):
        wrong, right = e, prev
    elif fits_e and not fits_prev and _key_words(prev):
        wrong, right = prev, e
    else:
        wrong = right = None
    if wrong is not None and right is not None:
        msg = (f"`{wrong.key}` has the title of `{right.key}` (line {right.line}), but other authors: "
               f"its title is probably wrong (its key names another work). Copy the right title for "
               f"`{wrong.key}`.")
        span, key = _head(wrong), wrong.key
    else:
        msg = (f"{_label(e)} has the same title as `{prev.key}` (line {prev.line}), but other authors "
               f"({authors_e} / {authors_prev}): two different works, so one of the two titles is "
               "wrong. Check both against the papers.")
        span, key = _head(e), e.key
    return _p("duplicate-entry", msg, span, key, "title")


def check_duplicate_entries(bib: Bibliography) -> list[BibProblem]:
    """Entries for the same work under different keys: same DOI, or same normalised title."""
    out: list[BibProblem] = []
    by_doi: dict[str, BibEntry] = {}
    by_title: dict[str, BibEntry] = {}
    for e in bib.entries:
        doi = _norm_doi(e.text("doi")) if e.has("doi") else ""
        title = _norm_title(e.text("title")) if e.has("title") else ""
        if doi:
            prev = by_doi.get(doi)
            if prev is not None and prev.key != e.key:
                out.append(
                    _p(
                        "duplicate-entry",
                        f"{_label(e)} has the same DOI ({doi}) as `{prev.key}` on line "
                        f"{prev.line}: the same work is in the bibliography twice. Keep one "
                        "entry and cite its key everywhere.",
                        _head(e),
                        e.key,
                        "doi",
                    )
                )
                continue
            by_doi.setdefault(doi, e)
        if title and (len(title.split()) >= 4 or len(title) >= 24):
            prev = by_title.get(title)
            if prev is not None and prev.key != e.key:
                prev_doi = _norm_doi(prev.text("doi")) if prev.has("doi") else ""
                if doi and prev_doi and doi != prev_doi:
                    continue  # same title, different DOIs: two works (e.g. an erratum)
                if _different_authors(prev, e):
                    out.append(_wrong_title(prev, e))
                    continue
                out.append(
                    _p(
                        "duplicate-entry",
                        f"{_label(e)} has the same title as `{prev.key}` on line {prev.line}: "
                        "probably the same work twice (for example a preprint and its published "
                        "version). Keep one entry and cite its key everywhere.",
                        _head(e),
                        e.key,
                        "title",
                    )
                )
                continue
            by_title.setdefault(title, e)
    return out


# ---------------------------------------------------------------------------------------
# data model: types and fields
# ---------------------------------------------------------------------------------------

# Types we prefer to suggest when several fit equally well (commonest first).
_SUGGEST_ORDER = [
    "misc",
    "online",
    "book",
    "article",
    "inproceedings",
    "incollection",
    "techreport",
    "report",
    "booklet",
    "manual",
    "inbook",
    "unpublished",
    "phdthesis",
    "mastersthesis",
    "thesis",
]


def _model(model: DataModel | str) -> DataModel:
    return load_model(model) if isinstance(model, str) else model


def _present(entry: BibEntry, model: DataModel) -> set[str]:
    return {model.canonical_field(f.key) for f in entry.fields if f.value.strip()}


def _fit(entry: BibEntry, model: DataModel, tname: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """Missing required groups and foreign fields if the entry had type ``tname``."""
    spec, implied = model.resolve_type(tname)
    if spec is None:
        return [("?",)], []
    present = _present(entry, model) | set(implied)
    missing = [g for g in spec.required if not any(model.canonical_field(f) in present for f in g)]
    foreign = []
    for f in entry.fields:
        c = model.canonical_field(f.key)
        if c in spec.allowed or c in model.common or c in model.tolerated or f.key in model.tolerated:
            continue
        if c in model.known_fields:
            foreign.append(f.key)
    return missing, foreign


def suggest_types(entry: BibEntry, model: DataModel | str = "bibtex", limit: int = 2) -> list[str]:
    """Entry types that fit the entry's fields better than its own (no required field missing)."""
    m = _model(model)
    own_missing, own_foreign = _fit(entry, m, entry.entry_type)
    own_cost = len(own_missing) * 2 + len(own_foreign)
    ranked = []
    for tname in m.types:
        if tname in ("set", "xdata") or tname == entry.entry_type:
            continue
        missing, foreign = _fit(entry, m, tname)
        if missing:
            continue
        cost = len(foreign)
        if cost < own_cost:
            order = _SUGGEST_ORDER.index(tname) if tname in _SUGGEST_ORDER else len(_SUGGEST_ORDER)
            ranked.append((cost, order, tname))
    ranked.sort()
    return [t for _c, _o, t in ranked[:limit]]


def _types_with(model: DataModel, fld: str, limit: int = 3) -> list[str]:
    found = [t for t in _SUGGEST_ORDER if t in model.types and fld in model.types[t].allowed]
    found += sorted(t for t, s in model.types.items() if fld in s.allowed and t not in found)
    return found[:limit]


def _or_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def entry_fields_problems(
    entry: BibEntry, model: DataModel | str = "bibtex", *, foreign: bool = True
) -> list[BibProblem]:
    """Type and field problems of one entry (used for the README citation block too)."""
    m = _model(model)
    out: list[BibProblem] = []
    t = entry.entry_type
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", t):
        return out  # reported by the parser as bad-entry-type
    if m.any_type:
        return _distill_fields_problems(entry, m)
    spec, implied = m.resolve_type(t)
    if spec is None:
        candidates = list(m.types) + list(m.type_aliases)
        close = difflib.get_close_matches(t, candidates, n=1, cutoff=0.75)
        hint = f"Did you mean @{close[0]}? " if close else ""
        out.append(
            _p(
                "unknown-entry-type",
                f"@{entry.type_as_written} is not a {m.label} entry type, so styles treat "
                f"`{entry.key}` as @misc or skip it. {hint}Use one of the model's types "
                "(article, book, inproceedings, misc, ...).",
                _head(entry),
                entry.key,
            )
        )
        return out
    missing, foreign_fields = _fit(entry, m, t)
    if missing:
        names = [" or ".join(g) for g in missing]
        better = suggest_types(entry, m)
        if better:
            fix = f"Add {_and_list(names)}, or use @{' or @'.join(better)}, which fits the fields this entry has."
        else:
            fix = f"Add {_and_list(names)}."
        out.append(
            _p(
                "required-field-missing",
                f"`{entry.key}` is an @{t} but has no {_and_list(names)}, which {m.label} requires "
                f"for @{t}; styles print a gap or warn. {fix}",
                _head(entry),
                entry.key,
                missing[0][0],
            )
        )
    for f in entry.fields:
        c = m.canonical_field(f.key)
        if c in spec.allowed or c in m.common or c in m.tolerated or f.key in m.tolerated:
            continue
        if c not in m.known_fields and (f.key in exporter_fields() or c in exporter_fields()):
            continue  # written by a reference manager or database on purpose
        if c in m.known_fields:
            if not foreign:
                continue
            where = _types_with(m, c)
            value = _short(f.text, 40)
            shown = f" (“{value}”)" if value else ""
            homes = [h for h in ("howpublished", "note", "organization", "publisher") if h in spec.allowed and h != c]
            alt = f"Use a type that has it (@{', @'.join(where)})" if where else "Use a type that has it"
            if homes:
                alt += f", or move the text into {_or_list(homes[:2])}"
            out.append(
                _p(
                    "field-not-for-type",
                    f"@{t} has no {f.key} field, so {m.label} styles drop it{shown} from the "
                    f"citation of `{entry.key}`. {alt}.",
                    f.name_span,
                    entry.key,
                    f.key,
                )
            )
        else:
            close = difflib.get_close_matches(c, sorted(m.known_fields | m.tolerated), n=1, cutoff=0.8)
            hint = (
                f"If you meant {close[0]}, rename it; otherwise remove it."
                if close
                else "Check its spelling, or remove it."
            )
            out.append(
                _p(
                    "unknown-field",
                    f"{f.key} is not a {m.label} field, so no style prints it (in `{entry.key}`). {hint}",
                    f.name_span,
                    entry.key,
                    f.key,
                )
            )
    return out


def _known_anywhere(name: str) -> bool:
    """A field some data model defines or tolerates, or that an exporter writes."""
    low = name.lower()
    if low in exporter_fields():
        return True
    for other in ("bibtex", "biblatex"):
        om = load_model(other)
        c = om.canonical_field(low)
        if c in om.known_fields or c in om.tolerated:
            return True
    return False


def _present_text(entry: BibEntry, name: str) -> str:
    f = entry.get(name)
    return f.text.strip() if f is not None else ""


_URL_IN_TEXT = re.compile(r"\\url\s*\{([^{}]+)\}|(https?://\S+)")


def _distill_fields_problems(entry: BibEntry, m: DataModel) -> list[BibProblem]:
    """What Distill prints wrong or leaves out for one entry (see rules/bib/distill.yml)."""
    out: list[BibProblem] = []
    key = entry.key
    if not entry.has("title"):
        out.append(_p("required-field-missing",
                      f"`{key}` has no title: Distill prints the word “undefined” in its place, in the "
                      "reference list and in the citation's hover card. Add title = {...}.",
                      _head(entry), key, "title"))
    if not entry.has("year") and not entry.has("date"):
        elsewhere = next((n for n in m.year_elsewhere if entry.has(n)), None)
        hint = (f" (the {elsewhere} field is not printed as the year)" if elsewhere else "")
        out.append(_p("required-field-missing",
                      f"`{key}` has no year{hint}: Distill's reference list prints none and the "
                      "citation's hover card prints “undefined”. Add year = {YYYY}.",
                      _head(entry), key, "year"))
    if not entry.has("journal") and not entry.has("booktitle"):
        for name in m.venue_elsewhere:
            text = _present_text(entry, name)
            if not text or (name == "howpublished" and (_URL_IN_TEXT.search(entry.get(name).value)
                                                         or text.lower().startswith("http"))):
                continue
            f = entry.get(name)
            out.append(_p("required-field-missing",
                          f"`{key}` gives its venue in {f.name} (“{_short(text, 40)}”), which Distill does "
                          "not print: it prints journal, or else booktitle, so the reference shows no "
                          f"venue. {'Rename' if name in ('journaltitle', 'eventtitle') else 'Copy'} it to "
                          f"{'booktitle' if name == 'eventtitle' else 'journal'}.",
                          f.name_span, key, name))
            break
    if not entry.has("url"):
        for name in ("howpublished", "note"):
            f = entry.get(name)
            mt = _URL_IN_TEXT.search(f.value) if f is not None else None
            if mt:
                addr = (mt.group(1) or mt.group(2)).strip()
                out.append(_p("required-field-missing",
                              f"The address in {f.name} of `{key}` is not shown: Distill prints neither "
                              f"{f.name} nor a link made from it, only url. Add url = {{{_short(addr, 50)}}}.",
                              f.name_span, key, "url"))
                break
    printed = {f for g in m.printed for f in g}
    for f in entry.fields:
        c = f.key
        if c in printed or _known_anywhere(c):
            continue
        close = difflib.get_close_matches(c, sorted(printed), n=1, cutoff=0.7)
        if close:
            out.append(_p("unknown-field",
                          f"{f.name} is not a field Distill reads, so `{key}` is printed without it. If you "
                          f"meant {close[0]}, rename it.",
                          f.name_span, key, c))
    return out


def _distill_date_only(bib: Bibliography, cited: frozenset[str] | None) -> list[BibProblem]:
    """Entries whose year is only in `date`: the list prints it, the hover card prints
    “undefined”. One problem a file, listing them, at the first."""
    found = [e for e in bib.entries if e.has("date") and not e.has("year")
             and (cited is None or e.key in cited)]
    if not found:
        return []
    first = found[0]
    keys = ", ".join(f"`{e.key}`" for e in found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
    n = f"{len(found)} entries give" if len(found) > 1 else "One entry gives"
    return [_p("required-field-missing",
               f"{n} the year only in date ({keys}): Distill's reference list prints the date, but the "
               "citation's hover card reads year only and prints “undefined”. Add year = {YYYY} beside "
               "each date.",
               _head(first), first.key, "year")]


def check_fields(bib: Bibliography, model: DataModel | str = "bibtex", *, foreign: bool = True,
                 cited: Iterable[str] | None = None) -> list[BibProblem]:
    """Unknown types, missing required fields, fields foreign to the type, unknown fields.
    Under Distill's model, ``cited`` (the keys the pages that load the file cite) limits the
    file-level date-only report to entries Distill shows."""
    m = _model(model)
    out: list[BibProblem] = []
    for e in bib.entries:
        out.extend(entry_fields_problems(e, m, foreign=foreign))
    if m.any_type:
        out += _distill_date_only(bib, None if cited is None else frozenset(cited))
    return out


# ---------------------------------------------------------------------------------------
# field values
# ---------------------------------------------------------------------------------------

_MONTH_NAMES = {
    name.lower(): i + 1
    for i, name in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    )
}
_MONTH_ABBR = {k[:3]: v for k, v in _MONTH_NAMES.items()} | {"sept": 9}
# a page: a number with letters around it (S12, e1002345, eadt6140 for an e-locator), an
# article number with its page (268:12348), or a roman numeral; a range, "12+", or a page
# count with roman front matter ("xiv+733", as MathSciNet writes a book's pages)
_PAGE = r"(?:[A-Za-z]{0,6}\d+[A-Za-z]{0,2}(?::\d+)?|[ivxlcdm]+|[IVXLCDM]+)"
_RANGE = rf"{_PAGE}(?:\s*(?:-{{1,3}}|–|—)\s*{_PAGE}|\+(?:\d+)?)?"
_PAGES_RE = re.compile(rf"{_RANGE}(?:\s*,\s*{_RANGE})*")
_DOI_RE = re.compile(r"10\.\d{4,9}/\S+|10/[A-Za-z0-9]+")  # a DOI, or a shortDOI (10/cmwds4)
_ARXIV_NEW = re.compile(r"(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?")
_ARXIV_OLD = re.compile(r"[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
_DATE_PART = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
_DATE_RE = re.compile(rf"{_DATE_PART}(?:/(?:{_DATE_PART})?)?|/{_DATE_PART}")


def _month_ok(f: BibField, model: DataModel) -> bool:
    raw = f.raw.strip()
    if raw.lower() in MONTH_MACROS:
        return True
    text = f.text.strip().rstrip(".").lower()
    if re.fullmatch(r"0?[1-9]|1[0-2]", text):
        return True
    if model.name == "biblatex":
        return False  # biblatex wants an integer (or a month macro)
    parts = re.split(r"\s*(?:--|-|–|/)\s*", text)
    return all(p.rstrip(".") in _MONTH_NAMES or p.rstrip(".") in _MONTH_ABBR for p in parts if p) and bool(parts)


def _arxiv_id_ok(value: str) -> bool:
    m = _ARXIV_NEW.fullmatch(value)
    if m:
        yy, mm, num = m.group(1), int(m.group(2)), m.group(3)
        if not 1 <= mm <= 12:
            return False
        yymm = int(yy + m.group(2))
        return len(num) == (4 if yymm < 1501 else 5) and yymm >= 704
    return bool(_ARXIV_OLD.fullmatch(value))


def _is_arxiv_entry(e: BibEntry) -> bool:
    for name in ("archiveprefix", "eprinttype"):
        if e.text(name).strip().lower() == "arxiv":
            return True
    if e.has("primaryclass") or e.has("eprintclass"):
        return True
    for name in ("journal", "journaltitle", "booktitle", "publisher", "howpublished", "note", "institution"):
        if re.search(r"\barxiv\b", e.text(name), re.IGNORECASE):
            return True
    return False


_ARXIV_ID_IN_TEXT = re.compile(
    r"arxiv\.org/(?:abs|pdf)/|\barxiv\s*[:\s]\s*(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})"
    # DBLP's CoRR entries: volume = {abs/2301.00774}
    r"|(?:^|\s)abs/(?:\d{4}\.\d{4,5}|[a-z\-]+/\d{7})\b",
    re.IGNORECASE,
)


def _raw_value(f: BibField) -> str:
    """A value taken verbatim (a url: `~` and `%` are characters of the address, not TeX),
    without the braces that protect it."""
    v = f.value.strip()
    while v.startswith("{") and v.endswith("}") and _balanced(v[1:-1]):
        v = v[1:-1].strip()
    return v


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def check_values(bib: Bibliography, model: DataModel | str = "bibtex") -> list[BibProblem]:
    """Malformed year, date, month, pages, DOI, URL and arXiv id. Under Distill's model the
    fields it never prints (month, eprint) are not checked, and date is printed verbatim."""
    m = _model(model)
    unprinted = {"month", "eprint", "date"} if m.any_type else set()
    out: list[BibProblem] = []
    for e in bib.entries:
        arxiv = None
        for f in e.fields:
            k = f.key
            if k in unprinted:
                continue
            v = _raw_value(f) if k == "url" else f.text.strip()
            if not v and k in ("year", "month", "pages", "doi", "url", "eprint", "date"):
                continue
            if k == "year":
                if not re.fullmatch(r"\d{4}", v):
                    hint = (
                        " For a work not yet out, leave the year and use pubstate = {forthcoming} (biblatex) or a note."
                        if re.search(r"press|forthcoming|submitted|preprint", v, re.I)
                        else ""
                    )
                    out.append(
                        _p(
                            "malformed-year",
                            f"year = {{{_short(v, 20)}}} in `{e.key}` is not a four-digit year, so "
                            f"sorting and author-year labels go wrong. Write only the year, e.g. year = {{2024}}.{hint}",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
            elif k == "date":
                if not _DATE_RE.fullmatch(v):
                    out.append(
                        _p(
                            "malformed-date",
                            f"date = {{{_short(v, 24)}}} in `{e.key}` is not an ISO 8601 date, so biber "
                            "cannot read it. Write YYYY, YYYY-MM or YYYY-MM-DD (a range as start/end).",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
            elif k == "month":
                if not _month_ok(f, m):
                    want = "an integer 1–12 or a macro such as jan" if m.name == "biblatex" else "a macro such as jan, a month name or a number"
                    out.append(
                        _p(
                            "malformed-month",
                            f"month = {{{_short(v, 20)}}} in `{e.key}` is not a month {m.label} can read. "
                            f"Write {want} (month = jan, without braces).",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
            elif k == "pages":
                if re.search(r"\bpp?\b\.?", v, re.I) or not _PAGES_RE.fullmatch(v):
                    out.append(
                        _p(
                            "malformed-pages",
                            f"pages = {{{_short(v, 24)}}} in `{e.key}` is not a page range; styles add "
                            "“pp.” themselves. Write only the numbers, e.g. pages = {12--34}.",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
                else:
                    r = re.fullmatch(r"(\d+)\s*(?:-{1,3}|–|—)\s*(\d+)", v)
                    if r and len(r.group(1)) == len(r.group(2)) and int(r.group(2)) < int(r.group(1)):
                        out.append(
                            _p(
                                "malformed-pages",
                                f"pages = {{{v}}} in `{e.key}` ends before it starts. Check the "
                                "range, e.g. pages = {123--145}.",
                                f.value_span,
                                e.key,
                                k,
                            )
                        )
            elif k == "doi":
                if _DOI_PREFIX.match(v):
                    bare = _DOI_PREFIX.sub("", v)
                    out.append(
                        _p(
                            "malformed-doi",
                            f"doi in `{e.key}` includes a prefix (“{_short(v, 40)}”); styles add "
                            f"https://doi.org/ themselves and would print it twice. Write the bare DOI: doi = {{{_short(bare, 40)}}}.",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
                elif not _DOI_RE.fullmatch(v):
                    out.append(
                        _p(
                            "malformed-doi",
                            f"doi = {{{_short(v, 40)}}} in `{e.key}` is not a DOI (a DOI looks like "
                            "10.1234/abc.5678, with no spaces). Copy it again from the publisher's page.",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
            elif k == "url":
                if "\\url" in f.value or "\\href" in f.value:
                    out.append(
                        _p(
                            "malformed-url",
                            f"url in `{e.key}` wraps the address in \\url{{...}}; the url field takes "
                            "the bare address and styles add the markup. Write url = {https://...}.",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
                elif not _url_ok(v):
                    out.append(
                        _p(
                            "malformed-url",
                            f"url = {{{_short(v, 40)}}} in `{e.key}` is not a complete web address, so "
                            "the link will not work. Write the full address, starting with https://.",
                            f.value_span,
                            e.key,
                            k,
                        )
                    )
            elif k == "eprint":
                if arxiv is None:
                    arxiv = _is_arxiv_entry(e) or bool(_ARXIV_NEW.fullmatch(v))
                if arxiv and not _arxiv_id_ok(v):
                    bare = re.sub(r"^(?:arxiv:\s*|https?://arxiv\.org/(?:abs|pdf)/)", "", v, flags=re.I).removesuffix(".pdf")
                    if bare != v and _arxiv_id_ok(bare):
                        msg = (
                            f"eprint = {{{_short(v, 40)}}} in `{e.key}` carries a prefix; styles add "
                            f"“arXiv:” and the link themselves. Write the bare id: eprint = {{{bare}}}."
                        )
                    else:
                        msg = (
                            f"eprint = {{{_short(v, 40)}}} in `{e.key}` is not an arXiv identifier "
                            "(YYMM.NNNNN such as 2401.10774, or archive/YYMMNNN such as "
                            "hep-th/9901001). Copy the id from the paper's arXiv page."
                        )
                    out.append(_p("malformed-arxiv-id", msg, f.value_span, e.key, k))
            elif k == "howpublished" and "\\url" in f.value:
                for seg_url in re.findall(r"\\url\s*\{([^{}]*)\}", f.value):
                    if not _url_ok(seg_url.strip()):
                        out.append(
                            _p(
                                "malformed-url",
                                f"The address in howpublished of `{e.key}` (“{_short(seg_url, 40)}”) "
                                "is not a complete web address. Write the full address, starting with https://.",
                                f.value_span,
                                e.key,
                                k,
                            )
                        )
    return out


def _url_ok(url: str) -> bool:
    if not url or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https", "ftp"):
        return False
    host = parts.hostname or ""
    return bool(host) and ("." in host or host == "localhost")


def check_arxiv_identifiers(bib: Bibliography) -> list[BibProblem]:
    """arXiv papers (archivePrefix, primaryClass, "arXiv ..." journal) with no way to find them."""
    out: list[BibProblem] = []
    for e in bib.entries:
        if not _is_arxiv_entry(e):
            continue
        if e.has("eprint") or e.has("doi") or e.has("url"):
            continue
        if any(_ARXIV_ID_IN_TEXT.search(f.text) for f in e.fields):
            continue  # e.g. journal = {arXiv preprint arXiv:1706.03762}
        if any("\\url" in f.value or "http" in f.text for f in e.fields if f.key in ("howpublished", "note")):
            continue
        out.append(
            _p(
                "arxiv-missing-id",
                f"{_label(e)} is an arXiv paper but has no eprint, url or doi, so readers cannot "
                "find it and the bibliography shows no link. Add its arXiv id as "
                "eprint = {YYMM.NNNNN} (or a url = {https://arxiv.org/abs/...}).",
                _head(e),
                e.key,
            )
        )
    return out


# ---------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------

_QUOTES = set('"“”„‟«»‹›')
_APOSTROPHES = set("'’‘‚‛`´")
_PUNCT = re.compile(r"[()\[\]<>;:!?*#@|/\\=+^$&%\d]")
_ODD = re.compile(r"[\"“”„‟«»‹›'’‘‚‛`´()\[\]<>;:!?*#@|/\\=+^$&%\d]")
_PERSONAL_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")
_INITIALS = re.compile(r"[A-Z]{1,3}")


def _name_span(bib: Bibliography, f: BibField, n: PersonName) -> Span:
    if f.value_offset is None:
        return f.value_span
    return bib.index.span(f.value_offset + n.start, f.value_offset + n.end)


def _initials(given: str) -> str:
    return " ".join(w[0] + "." for w in given.split() if w)


def _is_single(n: PersonName) -> bool:
    return n.error is None and not n.is_others and n.commas == 0 and n.words == 1


def _handle_like(text: str) -> bool:
    if re.search(r"[\d_]", text):
        return True
    if "@" in text:
        # `AI@Meta` is a corporate author's name; `jdoe@` or `@jdoe` is a handle
        return not re.fullmatch(r"[A-Z][A-Za-z]*@[A-Z][A-Za-z]*", text)
    return text.isascii() and text.isalpha() and text.islower()


def _pubmed_shape(n: PersonName) -> bool:
    """`Smith JA`: a capitalised word, then initials, with no comma."""
    return (
        n.error is None and not n.is_others and not n.literal
        and n.commas == 0
        and n.words >= 2
        and len(n.last) == 1
        and len(n.last[0]) <= 8  # initials, perhaps with TeX accents; cheap test first
        and not n.prelast
        and bool(_INITIALS.fullmatch(latex_to_text(n.last[0])))
        and bool(n.first)
        and bool(_PERSONAL_WORD.fullmatch(latex_to_text(n.first[0])))
    )


def check_author_names(bib: Bibliography, fields: Iterable[str] = ("author", "editor")) -> list[BibProblem]:
    """Names that look broken: stray quotes or punctuation, handles, split or reversed names."""
    out: list[BibProblem] = []
    wanted = tuple(fields)
    # for the cross-bibliography reversed-name check
    occurrences: dict[tuple[str, str], list[tuple[BibEntry, BibField, PersonName]]] = defaultdict(list)
    as_given: Counter[str] = Counter()
    as_family: Counter[str] = Counter()

    for e in bib.entries:
        for f in e.fields:
            if f.key not in wanted:
                continue
            names = parse_names(f.value)
            role = f.key
            handled: set[int] = set()
            # "Smith JA" is reversed (two or more initials), and so is "Smith J" in a list written
            # that way (PubMed); one such name among "Given Family" names is a one-letter family
            # name (Kam Hou U, Weinan E)
            pubmed_list: bool | None = None  # computed when a name needs it
            single = [_is_single(n) for n in names]
            # one person split into two one-word names
            for i in range(len(names) - 1):
                if not (single[i] and single[i + 1]) or i in handled:
                    continue
                a, b = names[i], names[i + 1]
                ta, tb = a.text, b.text
                if _PERSONAL_WORD.fullmatch(ta) and _PERSONAL_WORD.fullmatch(tb):
                    handled.update((i, i + 1))
                    span = _name_span(bib, f, a)
                    end = _name_span(bib, f, b)
                    out.append(
                        _p(
                            "author-split",
                            f"“{ta}” and “{tb}” are listed as two {role}s with one name each in "
                            f"`{e.key}`; this is probably one person, {ta} {tb}, split in two. Write it "
                            f"as one name: {tb}, {ta}.",
                            Span(span.line, span.column, end.end_line, end.end_column),
                            e.key,
                            role,
                        )
                    )
            for i, n in enumerate(names):
                if n.error is not None:
                    span = _name_span(bib, f, n)
                    if n.error == "empty":
                        msg = (
                            f"The {role} list of `{e.key}` has an empty name (a doubled, leading or "
                            f"trailing “and”). Remove the extra “and”."
                        )
                    else:
                        msg = (
                            f"The {role} name “{_short(n.text, 40)}” in `{e.key}` has {n.commas} commas; "
                            "BibTeX allows at most two (Family, Jr., Given). Check the name, or put "
                            "an organisation's name in braces."
                        )
                    out.append(_p("author-malformed", msg, span, e.key, role))
                    continue
                if n.is_others or i in handled:
                    continue
                text = n.text
                odd = _ODD.search(text) is not None
                # stray quotes
                words = re.split(r"[\s,\-]+", text) if odd else ()
                if odd and any(c in _QUOTES for c in text) or any(
                    w and (w[0] in _APOSTROPHES or w[-1] in _APOSTROPHES) for w in words
                ):
                    bad = next((c for c in text if c in _QUOTES or c in _APOSTROPHES), "”")
                    clean = "".join(c for c in n.raw if c not in _QUOTES)
                    clean = re.sub(r"(?:(?<=\s)|^)[" + "".join(_APOSTROPHES) + r"]|[" + "".join(_APOSTROPHES) + r"](?=\s|,|$)", "", clean)
                    out.append(
                        _p(
                            "author-stray-quote",
                            f"The {role} name “{_short(text, 40)}” in `{e.key}` contains a stray "
                            f"quotation mark ({bad}), which is printed as part of the name. Remove it: "
                            f"{_short(clean, 40)}.",
                            _name_span(bib, f, n),
                            e.key,
                            role,
                        )
                    )
                    continue
                if single[i]:
                    if n.literal:
                        continue  # {DeepSeek-AI}: an organisation, printed as written
                    if _handle_like(text):
                        out.append(
                            _p(
                                "author-handle",
                                f"“{text}” in `{e.key}` looks like a user name (a handle), not a "
                                "person's name, and styles print it as a family name without initials. "
                                "Write the author's name as Family, Given; if only the handle is known, "
                                f"put it in braces ({{{text}}}) so it is printed as is.",
                                _name_span(bib, f, n),
                                e.key,
                                role,
                            )
                        )
                    else:
                        out.append(
                            _p(
                                "author-single-name",
                                f"The {role} “{text}” in `{e.key}` has only one name, which BibTeX "
                                "reads as a family name with no given name. Add the given name "
                                f"({text}, Given), or, for an organisation, put it in braces ({{{text}}}).",
                                _name_span(bib, f, n),
                                e.key,
                                role,
                            )
                        )
                    continue
                if not n.literal:
                    bad = None
                    fam = n.family
                    if odd:
                        given_words = [latex_to_text(w) for w in n.first + n.middle]
                        bad = next((w for w in given_words if _PUNCT.search(w)), None)
                        if bad is None and _PUNCT.search(fam):
                            bad = fam
                    if bad is not None:
                        ch = _PUNCT.search(bad).group(0)  # type: ignore[union-attr]
                        shown = f"{fam}, {_initials(n.given)}" if n.given else fam
                        out.append(
                            _p(
                                "author-stray-punctuation",
                                f"The {role} name “{_short(text, 40)}” in `{e.key}` contains “{ch}”, "
                                f"which is not part of a name; styles that shorten given names print "
                                f"“{shown}”. Keep only the name (e.g. drop a nickname in brackets or an "
                                "affiliation mark).",
                                _name_span(bib, f, n),
                                e.key,
                                role,
                            )
                        )
                        continue
                    # "Smith JA" (PubMed style) read by BibTeX as given Smith, family JA
                    if _pubmed_shape(n) and len(latex_to_text(n.last[0])) < 2 and pubmed_list is None:
                        shaped = sum(1 for x in names if _pubmed_shape(x))
                        pubmed_list = shaped >= 2 and shaped * 2 >= len([x for x in names if not x.is_others])
                    if _pubmed_shape(n) and (pubmed_list or len(latex_to_text(n.last[0])) >= 2):
                        fam_word = latex_to_text(n.first[0])
                        inits = " ".join(c + "." for c in latex_to_text(n.last[0]))
                        out.append(
                            _p(
                                "author-reversed",
                                f"“{text}” in `{e.key}` reads as given name {fam_word} and family name "
                                f"{latex_to_text(n.last[0])}: BibTeX takes the last word as the family "
                                f"name. Write it as {fam_word}, {inits}",
                                _name_span(bib, f, n),
                                e.key,
                                role,
                            )
                        )
                        continue
                    g = name_key(n.given)
                    fk = name_key(n.family)
                    if g and fk and len(g) > 1 and len(fk) > 1 and " " not in g and " " not in fk:
                        occurrences[(g, fk)].append((e, f, n))
                        as_given[g] += 1
                        as_family[fk] += 1

    # the same person written Family, Given in one place and Given, Family in another
    reported: set[tuple[str, str]] = set()

    def coauthors(e: BibEntry, skip: tuple[str, str]) -> set[str]:
        out: set[str] = set()
        for f in e.fields:
            if f.key in wanted:
                for n in parse_names(f.value):
                    if n.error is None and not n.is_others:
                        k = name_key(n.family)
                        if k and k not in skip:
                            out.add(k)
        return out

    for (g, fk), occ in occurrences.items():
        if g == fk or (fk, g) not in occurrences or (g, fk) in reported:
            continue
        other = occurrences[(fk, g)]
        # two names that mirror each other are two people, unless their entries share
        # another author (then it is one person, written both ways)
        if not any(e1 is not e2 and coauthors(e1, (g, fk)) & coauthors(e2, (g, fk))
                   for e1, _f1, _n1 in occ for e2, _f2, _n2 in other):
            continue
        # which order is wrong? the one whose "family" is more often seen as a given name
        score_this = as_family[fk] + as_given[g]
        score_other = as_family[g] + as_given[fk]
        if score_this > score_other:
            continue
        if score_this == score_other and occ[0][0].line < other[0][0].line:
            continue
        reported.add((g, fk))
        ref_e, _ref_f, ref_n = other[0]
        for e, f, n in occ:
            out.append(
                _p(
                    "author-reversed",
                    f"“{n.text}” in `{e.key}` has given and family name the other way round from "
                    f"“{ref_n.text}” in `{ref_e.key}` (line {ref_e.line}); one of them is "
                    f"swapped. If this is {ref_n.display}, write it as {ref_n.family}, {ref_n.given}.",
                    _name_span(bib, f, n),
                    e.key,
                    f.key,
                )
            )
    return out


# ---------------------------------------------------------------------------------------
# usage
# ---------------------------------------------------------------------------------------


def check_uncited(bib: Bibliography, cited_keys: Iterable[str]) -> list[BibProblem]:
    """Entries whose key no chapter cites (off by default: many books keep a shared .bib)."""
    cited = set(cited_keys)
    return [
        _p(
            "entry-not-cited",
            f"{_label(e)} is never cited in the book. Cite it where it is used, or remove it from "
            "the bibliography.",
            _head(e),
            e.key,
        )
        for e in bib.entries
        if e.key and e.key not in cited
    ]


# ---------------------------------------------------------------------------------------
# everything
# ---------------------------------------------------------------------------------------


def check_bibliography(
    bib: Bibliography,
    model: DataModel | str = "bibtex",
    kinds: Iterable[str] | None = None,
    cited_keys: Iterable[str] | None = None,
    shown_keys: Iterable[str] | None = None,
) -> list[BibProblem]:
    """Parse problems plus every check, filtered to ``kinds`` (default: :func:`default_kinds`),
    sorted by position. ``cited_keys`` enables ``entry-not-cited`` when that kind is selected;
    ``shown_keys`` (the keys the pages that print the file cite) limits Distill's file-level
    reports to the entries it lists."""
    m = _model(model)
    selected = default_kinds() if kinds is None else frozenset(kinds)
    unknown = selected - KINDS.keys()
    if unknown:
        raise ValueError(f"unknown problem kinds: {', '.join(sorted(unknown))}")
    out = list(bib.problems)
    out += check_duplicate_keys(bib)
    out += check_duplicate_entries(bib)
    out += check_fields(bib, m, foreign="field-not-for-type" in selected, cited=shown_keys)
    out += check_values(bib, m)
    out += check_arxiv_identifiers(bib)
    out += check_author_names(bib)
    if "author-swapped" in selected:
        from .name_order import swapped_names  # reads the name-frequency data on first use

        out += swapped_names(bib)
    if cited_keys is not None and "entry-not-cited" in selected:
        out += check_uncited(bib, cited_keys)
    out = [p for p in out if p.kind in selected]
    out.sort(key=lambda p: (p.line, p.column, p.kind))
    return out
