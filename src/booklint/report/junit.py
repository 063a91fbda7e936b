"""JUnit XML: a test suite a file, a failing test case a finding."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from .escape import visible


def render(findings) -> str:
    by_file: dict[str, list] = defaultdict(list)
    for f in findings:
        by_file[f.path].append(f)
    root = ET.Element("testsuites", name="booklint", tests=str(len(findings)), failures=str(len(findings)))
    for path in sorted(by_file):
        items = by_file[path]
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(len(items)), failures=str(len(items)))
        for f in items:
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.name}", classname=f"{f.path}:{f.line}:{f.column}")
            fail = ET.SubElement(case, "failure", type=f.severity, message=_clean(f.message))
            fail.text = _clean(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}")
    if not findings:
        suite = ET.SubElement(root, "testsuite", name="booklint", tests="1", failures="0")
        ET.SubElement(suite, "testcase", name="booklint", classname="booklint")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _clean(s: str) -> str:
    """XML 1.0 cannot carry most control characters; a finding about them must still print."""
    return visible(s, keep_newlines=True)
