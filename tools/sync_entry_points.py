"""Write one `seolint.rules` entry point per module in rules/ into pyproject.toml.

Run after adding a rule: `python tools/sync_entry_points.py`, then reinstall (`pip install -e .`)
so the new entry point is registered. tests/test_registry.py fails when this is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"@(?:page|site)_rule\(\s*\"([A-Z]\d{3})\"|source_rule\(\s*\"([A-Z]\d{3})\"")


def entries() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "rules").glob("*.py")):
        if path.name.startswith("_"):
            continue
        codes = [a or b for a, b in CODE.findall(path.read_text(encoding="utf-8"))]
        if not codes:
            raise SystemExit(f"{path}: no rule found")
        out.append((codes[0], f"seolint.rules.{path.stem}"))
    return sorted(out)


def render() -> str:
    return "\n".join(f'{code} = "{module}"' for code, module in entries())


def main() -> int:
    pyproject = ROOT / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    new = re.sub(r"# BEGIN GENERATED\n.*?# END GENERATED",
                 "# BEGIN GENERATED\n" + render() + "\n# END GENERATED", text, flags=re.S)
    if "--check" in sys.argv:
        return 0 if new == text else 1
    pyproject.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
