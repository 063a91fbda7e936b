"""Bibliography (B): the book's .bib files — syntax, duplicate keys and entries, the data
model's types and fields, malformed values, arXiv papers nobody can find, broken author
names, entries never cited.

Settings (shared with the citation rules, C) live in ``[tool.booklint.bib]``.
"""

from ...registry import settings

settings("bib", {
    "model": (str, "auto",
              "the data model entries are checked against: auto (each .bib by what renders it: Distill for a file "
              "a page loads through `bibliography:`, BibTeX for jekyll-scholar's and others), or one of bibtex, "
              "biblatex, distill for every file", ("auto", "bibtex", "biblatex", "distill")),
    "folder": (str, "assets/bibliography",
               "where a chapter's front matter `bibliography: main.bib` points (al-folio's Distill layout: "
               "assets/bibliography)"),
    "files": (list, [], "the .bib files the B rules check (default: every .bib file of the book)"),
    "extra-fields": (list, [], "field names your tools add that B011 (unknown-field) should accept"),
    "readme": (str, "README.md", "the file that carries the book's citation block"),
    "citation-cff": (str, "CITATION.cff", "the book's CITATION.cff, compared with the citation block"),
    "citation": (dict, {},
                 "the book's citation for `booklint cite` when neither the README nor CITATION.cff has one "
                 "(type, title, authors, year, publisher, url, ...)"),
})
