"""JUnit XML, for CI test-report views (GitLab, Jenkins, Azure, CircleCI).

One `<testcase>` per page (its file, else its URL), passing when the page has no finding, and a
`<failure>` per finding: `type` is the severity, `message` the rule and message, the text the
location, message and fix. Findings on no page go to a testcase named "site". Characters XML 1.0
cannot hold (control characters from a page) are shown as visible escapes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO, Any

from seolint.sanitize import clean

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _where(f: Any) -> str:
    loc = f.location
    if f.line:
        loc += f":{f.line}" + (f":{f.column}" if f.column else "")
    return loc


def junit_tree(report: Any) -> ET.Element:
    cases: list[tuple[str, list[Any]]] = [(p.location, list(p.findings)) for p in report.pages]
    on_pages = {id(f) for _, found in cases for f in found}
    rest = [f for f in report.findings if id(f) not in on_pages]
    if rest:
        cases.append(("site", rest))
    failures = sum(len(found) for _, found in cases)
    root = ET.Element("testsuites", name="seolint", tests=str(len(cases)),
                      failures=str(failures), errors="0")
    suite = ET.SubElement(root, "testsuite", name="seolint", tests=str(len(cases)),
                          failures=str(failures), errors="0", skipped="0")
    for location, found in cases:
        case = ET.SubElement(suite, "testcase", classname="seolint", name=xml_text(location))
        if location != "site" and not location.startswith(("http://", "https://")):
            case.set("file", xml_text(location))
        for f in found:
            failure = ET.SubElement(case, "failure", type=f.severity,
                                    message=xml_text(clean(f"{f.code} {f.name}: {f.message}",
                                                           500)))
            body = f"{_where(f)} {f.code} {f.name} {f.message}"
            if f.fix:
                body += f"\nfix: {f.fix}"
            failure.text = xml_text(body)
    return root


def render(report: Any, out: IO[str], color: bool = False) -> None:
    tree = junit_tree(report)
    ET.indent(tree, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree, encoding="unicode"))
    out.write("\n")
