"""Markup and structure (D): front matter, Liquid and HTML structure, document structure."""
