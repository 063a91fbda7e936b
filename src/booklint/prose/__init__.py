"""booklint's prose library: the words of a book's pages, as the S, T and E rules read them.

:mod:`~booklint.prose.words` finds the words of a page's prose with their exact places;
:mod:`~booklint.prose.vocabulary` builds the book's vocabulary once a run;
:mod:`~booklint.prose.english`, :mod:`~booklint.prose.english_checker` and
:mod:`~booklint.prose.russian` hold the dictionaries and the verdict on a word, with
:mod:`~booklint.prose.edits` and :mod:`~booklint.prose.suggest` for corrections;
:mod:`~booklint.prose.glossary` and :mod:`~booklint.prose.variants` hold glossary packs and
book-wide term variants; :mod:`~booklint.prose.mojibake` finds and repairs UTF-8 text read
with a wrong encoding. Per-run analyses live in the Book's memo under ``"prose.*"`` keys;
settings come in as arguments. Nothing here imports a rule, and this package imports
none of its modules eagerly (the dictionaries load only when a rule needs them).
"""
