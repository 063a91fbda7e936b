from __future__ import annotations

from ...registry import rule


@rule("X001", "internal-error", scope="book")
def internal_error(book, ctx):
    """Reports a bug in booklint: a rule crashed on a file.

    ## What it does
    When a rule raises an exception on a file, the engine records this finding for that
    file and rule, keeps every other finding, and exits with code 2. This rule itself
    never finds anything; it exists so the code is documented and cannot be turned off.

    ## Why is this bad?
    The crashed rule did not check that file, so a real problem may be hidden there.

    ## Example
    `X001 booklint's rule M001 (unknown-command) crashed on this file: ...`

    ## Use instead
    Report the bug with the rule code; meanwhile `--ignore` the rule for that file with
    `per-file-ignores`.
    """
    return iter(())
