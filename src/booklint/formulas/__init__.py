"""Formulas: a page's math as its renderers see it, shared by every math (M) rule.

:mod:`.pipeline` says which program draws each kind of formula of a file, :mod:`.autorender`
rebuilds the text nodes KaTeX's auto-render pairs dollars in, :mod:`.damage` says which of
kramdown's changes to a `$...$` formula the reader sees, and :mod:`.analysis` runs them all
once per page (through :meth:`Book.memo <booklint.book.model.Book.memo>`), with the TeX checks
of :mod:`booklint.tex`. Settings come in as arguments; nothing here imports a rule.
"""
