from __future__ import annotations

from ...document.model import Document
from ...findings import Edit, Fix
from ...registry import rule

_OPEN_Q = "“”‘’«»„‚"
_CLOSE_Q = {"“": "”", "”": "”", "„": "“”", "‘": "’", "’": "’", "‚": "‘’", "«": "»", "»": "«»"}


@rule("D017", "front-matter-curly-quotes", fixable=True, severity="warning")
def front_matter_curly_quotes(doc: Document, ctx):
    """Finds front-matter values wrapped in typographic quotes (`“…”`) instead of YAML quotes.

    ## What it does
    YAML quotes a value only with `"` or `'`. Reports an unquoted value that starts and
    ends with curly or angle quotes: the quotes become part of the text. The fix (marked
    unsafe: it changes the text shown) replaces them with plain `"`.

    ## Why is this bad?
    The table of contents or title shows the quotes (“Explicit sharding mode”) unlike
    every other entry, and a value with `: ` or `#` inside still breaks the YAML.

    ## Example
    ```yaml
    toc:
      - name: “Explicit sharding mode”
    ```

    ## Use instead
    ```yaml
    toc:
      - name: "Explicit sharding mode"
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return
    text = doc.text
    for path, span in sorted(fm.value_spans.items(), key=lambda kv: kv[1].start):
        if span.end - span.start < 2:
            continue
        first, last = text[span.start], text[span.end - 1]
        if first not in _OPEN_Q or last not in _CLOSE_Q.get(first, ""):
            continue
        value = text[span.start + 1 : span.end - 1]
        if "\n" in value:
            continue
        fix = None
        if '"' not in value and "\\" not in value:
            fix = Fix('Use plain `"` quotes', (Edit(span.start, span.end, '"' + value + '"'),), safe=False)
        key = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
        key = f"{key}:"
        yield ctx.finding(doc, span,
                          f"`{key}` is wrapped in typographic quotes ({first}…{last}), which YAML keeps as part of the text, "
                          f"so they are shown to readers. Use plain `\"` quotes.", fix=fix)
