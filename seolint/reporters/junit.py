"""JUnit XML, for CI test-report views (GitLab, Jenkins, Azure, CircleCI).

One `<testcase>` per page (its file, else its URL), and a `<failure>` per finding at or above
`--fail-on` (the run's gate): `type` is the severity, `message` the rule and message, the text
the location, message and fix. Findings below the gate do not fail the build, so they are not
failures: they are listed in the testcase's `<system-out>`, and a page with only those passes.
Findings on no page go to a testcase named "site". When the gates fail, the testsuite's
`seolint.failed` property says why (the same reasons as stderr). Characters XML 1.0 cannot
hold (control characters from a page) are shown as visible escapes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO, Any

from seolint.engine import at_or_above
from seolint.sanitize import clean

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _where(f: Any) -> str:
    loc = f.location
    if f.line:
        loc += f":{f.line}" + (f":{f.column}" if f.column else "")
    return loc


def _body(f: Any) -> str:
    body = f"{_where(f)} {f.severity} {f.code} {f.name} {f.message}"
    return body + (f"\nfix: {f.fix}" if f.fix else "")


def junit_tree(report: Any) -> ET.Element:
    cases: list[tuple[str, list[Any]]] = [(p.location, list(p.findings)) for p in report.pages]
    on_pages = {id(f) for _, found in cases for f in found}
    rest = [f for f in report.findings if id(f) not in on_pages]
    if rest:
        cases.append(("site", rest))
    fail_on = report.settings.fail_on
    failures = sum(1 for _, found in cases for f in found if at_or_above(f.severity, fail_on))
    root = ET.Element("testsuites", name="seolint", tests=str(len(cases)),
                      failures=str(failures), errors="0")
    suite = ET.SubElement(root, "testsuite", name="seolint", tests=str(len(cases)),
                          failures=str(failures), errors="0", skipped="0")
    verdict = report.verdict
    if verdict:
        props = ET.SubElement(suite, "properties")
        ET.SubElement(props, "property", name="seolint.failed", value=xml_text("; ".join(verdict)))
    for location, found in cases:
        case = ET.SubElement(suite, "testcase", classname="seolint", name=xml_text(location))
        if location != "site" and not location.startswith(("http://", "https://")):
            case.set("file", xml_text(location))
        below: list[str] = []
        for f in found:
            if not at_or_above(f.severity, fail_on):
                below.append(_body(f))
                continue
            failure = ET.SubElement(case, "failure", type=f.severity,
                                    message=xml_text(clean(f"{f.code} {f.name}: {f.message}",
                                                           500)))
            failure.text = xml_text(_body(f))
        if below:
            out = ET.SubElement(case, "system-out")
            out.text = xml_text(f"below --fail-on {fail_on} (not failures):\n" + "\n".join(below))
    return root


def render(report: Any, out: IO[str], color: bool = False) -> None:
    tree = junit_tree(report)
    ET.indent(tree, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree, encoding="unicode"))
    out.write("\n")
