"""Write the README's rule table from the registered rules (their metadata and docstrings).

    python tools/gen_rule_table.py          rewrite README.md between the rule-table markers
    python tools/gen_rule_table.py --check  exit 1 when README.md is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from seolint.config import options_doc
from seolint.registry import load_rules

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- rule-table:begin -->", "<!-- rule-table:end -->"


def table() -> str:
    lines = ["| code | name | category | severity | what it reports | options (default) |",
             "|---|---|---|---|---|---|"]
    for rule in load_rules().values():
        name = " / ".join(f"`{n}`" for n in rule.names)
        opts = ", ".join(f"`{k}` ({json.dumps(list(v) if isinstance(v, tuple) else v)})"
                         for k, v in options_doc(rule.options))
        lines.append(f"| {rule.code} | {name} | {rule.category} | {rule.severity} | "
                     f"{rule.summary} | {opts} |")
    return "\n".join(lines)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{BEGIN}\n{table()}\n{END}{tail}"
    if "--check" in sys.argv:
        return 0 if new == text else 1
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
