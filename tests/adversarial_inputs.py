"""Adversarial Markdown: the inputs that once made a rule or the parser slow or overflow the stack.

``inputs(size)`` gives each at about ``size`` characters; the tests run them at 128 KB for
correctness (no crash, no stack overflow), ``bench/adversarial.py`` at 1 MB for the time targets.
"""

from __future__ import annotations

MB = 1 << 20


def _nested_lists(size: int) -> str:
    out, total, i = [], 0, 0
    while total < size:
        line = "  " * (i % 5000) + "- x\n"
        out.append(line)
        total += len(line)
        i += 1
    return "".join(out)[:size]


def _nested_quotes(size: int) -> str:
    out, total, i = [], 0, 1
    while total < size:
        line = ">" * (i % 5000) + " x\n"
        out.append(line)
        total += len(line)
        i += 1
    return "".join(out)[:size]


def inputs(size: int = MB) -> dict[str, str]:
    return {
        "dollars": "$" * size,
        "double-dollars": "$$x" * (size // 3),
        "braces": "{" * size,
        "liquid": "{%" * (size // 2),
        "brackets": "[" * size,
        "angles": "<" * size,
        "backslashes": "\\" * size,
        "emphasis": "*_" * (size // 2),
        "nested-lists": _nested_lists(size),
        "nested-quotes": _nested_quotes(size),
        "math-frac": "$" + "\\frac{" * (size // 7) + "$",
        "links": "[a](b) " * (size // 7),
        "one-line-words": ("word " * (size // 5)),
    }


# Units whose repetition once made a scan quadratic; bench/adversarial.py times the parse of each.
PATHOLOGICAL = ["[", "<a ", "{%", "<!--", "> ", "$", "\\", "*_", "  - ", "![", "[a](", "{{", "a`", "<"]
