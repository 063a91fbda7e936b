"""Views of a Document that rules share: its top-level blocks, HTML tree, Jekyll-Liquid scan and code regions.

A view is built from a parsed Document (and the Book, for what the site decides) once per run,
through ``book.memo`` under a key starting with the module's name (``"views.html"``, ...).
The parser's own scanners stay in :mod:`booklint.document`; nothing here imports rules.
"""
