"""booklint never reads or writes outside the book: hostile links (`../../..`, absolute
paths, `file://`), config patterns and symlinks out of the book cannot make it open a file
there. A Python audit hook records every file the run opens."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap

from click.testing import CliRunner

from booklint.cli import main

PROBE = textwrap.dedent(r"""
    import os, sys
    opened = []
    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            opened.append((os.fsdecode(args[0]), args[1]))
    sys.addaudithook(hook)
    from booklint.cli import main
    try:
        main(["check", "--fix", "--unsafe-fixes", "--select", "ALL", sys.argv[1]])
    except SystemExit:
        pass
    import json
    sys.stderr.write("\nOPENED " + json.dumps(opened) + "\n")
""")


def test_a_run_opens_nothing_outside_the_book(make_book):
    secret_dir = tempfile.mkdtemp(prefix="booklint-secret-")
    secret = os.path.join(secret_dir, "secret.md")
    with open(secret, "w") as f:
        f.write("# Secret\n\n[x](nowhere.md)\n")
    root = make_book({
        "_config.yml": "baseurl: /b\ninclude: ['../../']\n",
        "booklint.toml": f'include = ["../*", "{secret_dir}/*", "*"]\nexclude = ["../"]\n',
        "a.md": textwrap.dedent(f"""\
            ---
            title: x
            previous_section_url: ../../../../../../etc
            bibliography: ../../../../../etc/passwd
            ---
            [a](../../../../../../../etc/passwd) [b]({secret}) [c](file://{secret})
            ![d](../../../../../../../etc/hostname) <img src="/etc/hostname">
            {{% include figure.liquid path="../../../../../../etc/hostname" %}}
            {{% include ../../../../etc/passwd %}}
            """),
    })
    (root / "out-dir").symlink_to(secret_dir, target_is_directory=True)
    (root / "out-file.md").symlink_to(secret)
    proc = subprocess.run([sys.executable, "-c", PROBE, str(root)], capture_output=True, text=True, timeout=300)
    opened = __import__("json").loads(proc.stderr.rsplit("OPENED ", 1)[1])
    from booklint.data import derived_dir, rules_dir

    # the book, Python and its packages, booklint's own rule data, and booklint's cache of
    # data derived from installed packages (a dictionary in a faster format)
    allowed = (str(root.resolve()), sys.prefix, sys.base_prefix, os.path.dirname(os.path.dirname(__import__("booklint").__file__)),
               str(rules_dir()), str(derived_dir() or root), "/dev/", "/proc/", "/usr/lib/", "/usr/share/", "/etc/localtime")
    outside = [p for p, _ in opened if os.path.isabs(p) and not os.path.realpath(p).startswith(allowed)
               and not p.startswith(allowed) and "/site-packages/" not in p]
    assert any(os.path.realpath(p).startswith(str(root.resolve()) + "/a.md") for p, _ in opened)  # the hook sees reads
    assert not outside, outside
    assert not any(secret_dir in os.path.realpath(p) for p, _ in opened), "read through a symlink"
    with open(secret) as f:
        assert f.read() == "# Secret\n\n[x](nowhere.md)\n"


def test_fix_never_writes_through_a_symlink_out_of_the_book(make_book):
    secret_dir = tempfile.mkdtemp(prefix="booklint-secret-")
    secret = os.path.join(secret_dir, "s.md")
    with open(secret, "w") as f:
        f.write("[a]((https://x.org))\n")
    root = make_book({"a.md": "[a]((https://x.org))\n"})
    (root / "link.md").symlink_to(secret)
    CliRunner().invoke(main, ["check", "--fix", str(root)])
    assert (root / "a.md").read_text() == "[a](https://x.org)\n"
    with open(secret) as f:
        assert f.read() == "[a]((https://x.org))\n"
