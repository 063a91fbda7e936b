"""booklint in the editor: a book kept live across changes (live.py), the language server
(lsp.py) and `booklint check --watch` (watch.py)."""
