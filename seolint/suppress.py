"""Suppressions. For now: `per-path-ignores` from the config (glob -> rules)."""

from __future__ import annotations

import fnmatch

from seolint.registry import check_selectors, selector_matches
from seolint.rule import Finding, Rule


class PathIgnores:
    """Drops findings whose file or URL path matches a glob with rules ignored there."""

    def __init__(self, table: tuple[tuple[str, tuple[str, ...]], ...],
                 rules: dict[str, Rule]) -> None:
        self.table = table
        self.rules = rules
        for _, selectors in table:
            check_selectors(selectors, rules)

    def ignored(self, finding: Finding) -> bool:
        if not self.table:
            return False
        where = finding.path or finding.url or ""
        for glob, selectors in self.table:
            if fnmatch.fnmatch(where, glob) or fnmatch.fnmatch(where, "*/" + glob.lstrip("/")):
                if any(selector_matches(s, finding.code, finding.name, self.rules)
                       for s in selectors):
                    return True
        return False
