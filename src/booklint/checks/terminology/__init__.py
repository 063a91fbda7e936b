"""Terminology (T): glossary terms, book-wide variants, British/American spelling, translation."""

from ...registry import settings

settings("terminology", {
    "glossaries": (list, None, "shipped glossary packs to use (rules/terms/<name>.yml; default: all); "
                               "packs in the book's `.booklint/terms/*.yml` always apply"),
    "scope": (str, "auto", "what one work is, for term variants, British/American spelling and the spelling "
                           "vocabulary: auto (each Jekyll post, and each collection document with its own "
                           "authors, is a work; the other pages are one), book (all pages are one) or page",
              ("auto", "book", "page")),
    "ignore": (list, [], "terms the variant and spelling rules (T002, T003) leave alone, as written in the book"),
    "unit-packs": (list, None, "shipped unit tables T010 checks units against (rules/units/<name>.txt; "
                               "default: all)"),
    "units": (list, [], "more units the book writes after numbers, as they should be written (T010)"),
})
