"""What the outbound-link checker did, as lines for stderr: cache warnings, then one summary
(URLs checked, requests made, what was broken, unverified or not reached in the budget)."""

from __future__ import annotations

from typing import Any


def notes(report: Any) -> list[tuple[bool, str]]:
    """(is_warning, text) lines; none when the link checker did not run."""
    facts = getattr(report, "links", None)
    if facts is None:
        return []
    out = [(True, w) for w in facts.warnings]
    states: dict[str, int] = {}
    for status in facts.results.values():
        states[status.state] = states.get(status.state, 0) + 1
    cached = sum(1 for s in facts.results.values() if s.cached)
    total = len(facts.results)
    parts = [f"checked {total} outbound URL{'s' if total != 1 else ''} in {facts.seconds:.1f} s "
             f"({facts.requests} request{'s' if facts.requests != 1 else ''}, {cached} from the "
             "cache)"]
    for state, label in (("broken", "broken"), ("unverified", "could not be verified"),
                         ("credentials", "hold a user name or password (not requested)"),
                         ("excluded", "excluded")):
        if states.get(state):
            parts.append(f"{states[state]} {label}")
    if states.get("not-checked"):
        parts.append(f"{states['not-checked']} not checked: the {facts.budget:g} s budget ran "
                     "out (raise [links] budget)")
    out.append((False, "; ".join(parts)))
    return out
