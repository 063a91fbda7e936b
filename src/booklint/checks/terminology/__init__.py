"""Terminology (T): glossary terms, book-wide variants, British/American spelling, translation."""

from ...registry import settings

settings("terminology", {
    "glossaries": (list, None, "shipped glossary packs to use (rules/terms/<name>.yml; default: all); "
                               "packs in the book's `.booklint/terms/*.yml` always apply"),
    "ignore": (list, [], "terms the variant and spelling rules (T002, T003) leave alone, as written in the book"),
})
