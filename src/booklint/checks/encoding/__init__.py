"""Encoding (E): files that are not text, invalid UTF-8, and encoding damage."""
