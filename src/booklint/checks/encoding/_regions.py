"""What the character rules skip: code blocks and code spans."""

from __future__ import annotations

from ...document.model import Document


def code_regions(doc: Document):
    """Code blocks and code spans: text the character rules leave alone."""
    from ..markup._common import Regions

    return Regions([c.span for c in doc.code_blocks] + [c.span for c in doc.code_spans])
