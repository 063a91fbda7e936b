"""booklint: a linter and citation tool for books written in Markdown."""

__version__ = "0.1.0"
