"""The kinds of problem the bibliography library reports, with what each means and whether it is
on by default. Kept apart from the checker so that the rules can declare their kinds without
loading the .bib parser (a book without a bibliography never does)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    summary: str
    default: bool = True


KINDS: dict[str, Kind] = {
    # parsing (see parse.py)
    "syntax-error": Kind("an entry cannot be read (no comma after the key, a field without `=`, ...)"),
    "unbalanced-braces": Kind("a `{` is never closed (or closed too early), so entries run together"),
    "unbalanced-quotes": Kind('a `"` value is never closed'),
    "missing-comma": Kind("no comma between two fields (or after the key): the next field is lost"),
    "malformed-value": Kind("text after a value, or a value that is not braced, quoted, a number or a macro"),
    "undefined-string": Kind("a bare word value that is not a defined @string macro"),
    "duplicate-field": Kind("the same field twice in one entry (BibTeX keeps the first)"),
    "bad-entry-type": Kind("an entry type that is not ASCII letters (or is missing)"),
    "bad-key": Kind("an entry without a key, or a key with spaces, quotes, braces or commas"),
    "stray-text": Kind("text outside any entry that looks like a broken entry (braces or `=`)"),
    "control-characters": Kind("control characters or undecodable bytes (binary data, broken encoding)"),
    "distill-unreadable": Kind("something BibTeX reads but Distill's reader throws on (@string, a bare macro, ...)"),
    # keys and duplicates
    "duplicate-key": Kind("two entries with the same key (or keys that differ only in case)"),
    "duplicate-entry": Kind("two entries for the same work (same DOI, or same normalised title)"),
    # data model
    "unknown-entry-type": Kind("an entry type the selected data model does not define"),
    "required-field-missing": Kind("a field the entry type requires is missing (e.g. journal for @article)"),
    "field-not-for-type": Kind(
        "a field of the data model that this entry type does not print (e.g. howpublished on @article); "
        "off for a book's .bib rendered by Distill (it ignores types), on for the README citation block",
        default=False,
    ),
    "unknown-field": Kind("a field no type of the data model defines and no tool uses (often a typo)"),
    # values
    "malformed-year": Kind("year is not a four-digit year"),
    "malformed-date": Kind("date is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or a range)"),
    "malformed-month": Kind("month is not a month (name, abbreviation, number or macro)"),
    "malformed-pages": Kind("pages is not a page, a range or a list of them"),
    "malformed-doi": Kind("doi is not a bare DOI (10.xxxx/...)"),
    "malformed-url": Kind("url is not an absolute http(s) or ftp address"),
    "malformed-arxiv-id": Kind("eprint of an arXiv entry is not an arXiv identifier"),
    "arxiv-missing-id": Kind("an arXiv paper with no eprint, url or doi: readers cannot find it"),
    # names
    "author-stray-quote": Kind("a quotation mark inside a name (e.g. `Dao, Tri”`)"),
    "author-stray-punctuation": Kind("brackets, digits or other punctuation inside a person's name"),
    "author-handle": Kind("a user name (handle) instead of a person's name (e.g. `ankur6ue`)"),
    "author-single-name": Kind("a person with one name only (unbraced), or an organisation without braces"),
    "author-split": Kind("one person split into two one-word authors (`{Guangyi} and {Zhang}`)"),
    "author-reversed": Kind("given and family name swapped (`Smith JA`, or the other order elsewhere)"),
    "author-malformed": Kind("an empty name (`and and`), or a name with too many commas"),
    "author-swapped": Kind("given and family name swapped where name frequencies are sure (`Alan, Turing`)"),
    # the README's citation (readme.py)
    "citation-mismatch": Kind(
        "the README's citation disagrees with its plain-text line, the chapters' authors or CITATION.cff"
    ),
    "citation-no-entry": Kind("the README's citation block has no BibTeX entry"),
    # usage (needs the citations, so the glue passes the cited keys)
    "entry-not-cited": Kind("an entry that no chapter cites", default=False),
}


# Groups of kinds that more than one rule reports together: a book's .bib reports each group
# through one rule, the README's citation block through another.
PARSE_KINDS = frozenset({
    "syntax-error", "unbalanced-braces", "unbalanced-quotes", "missing-comma", "malformed-value",
    "undefined-string", "duplicate-field", "bad-entry-type", "bad-key", "stray-text", "control-characters",
    "distill-unreadable",
})
VALUE_KINDS = frozenset({
    "malformed-year", "malformed-date", "malformed-month", "malformed-pages", "malformed-doi", "malformed-url",
    "malformed-arxiv-id",
})
NAME_KINDS = frozenset({
    "author-stray-quote", "author-stray-punctuation", "author-handle", "author-split", "author-reversed",
    "author-malformed",
})


def default_kinds() -> frozenset[str]:
    return frozenset(k for k, v in KINDS.items() if v.default)
