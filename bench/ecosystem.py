"""Ecosystem check: lint every real blog of ../shared/corpus and count findings per site and rule.

ruff runs its ecosystem check on every change: a rule that starts firing 400 more times on real
projects is either a fix or a new false-positive class, and the count says which to look at. This
is seolint's.

    python bench/ecosystem.py                          # run, print the counts
    python bench/ecosystem.py --out new.json           # run, write a snapshot
    python bench/ecosystem.py --compare old.json       # run, diff against old.json
    python bench/ecosystem.py --compare old.json new.json   # diff two snapshots, no run
    python bench/ecosystem.py --check                  # exit 1 if the counts differ from
                                                       # bench/ecosystem_snapshot.json
    python bench/ecosystem.py --sites flink-hugo,rust-blog-zola --jobs 2
    python bench/ecosystem.py --findings all.jsonl     # also every finding, one JSON a line
    python bench/ecosystem.py --select R002,R003 --findings r.jsonl   # only these rules, even
                                                       # default-off ones (to read their findings)

It measures whichever seolint the interpreter running it imports: run it with another worktree's
venv (`/work/wtNN/.venv/bin/python /work/wt12a/bench/ecosystem.py`) to measure that code. Each
site is linted as a user would, `python -m seolint check SITE --format json` in a subprocess
whose working directory is an empty temporary folder (so no checkout's package or config is
picked up), with the default rule selection, or with `--select CODES` (passed on to
`seolint check --select`: only those rules, default-off ones included). A `--select` snapshot
counts only the selected rules, so compare it with another of the same selection, never with the
committed default-selection snapshot (`--check` refuses it).

Sites: every folder of corpus/sites/ (not `_archives`, not `*.meta`) and of corpus/markdown/.
Keys are `sites/NAME` and `markdown/NAME`; `--sites` takes either the key or the bare NAME.
Without ../shared/corpus it says so and exits 0 (a fresh clone has no corpus).

Snapshot (JSON): `{"version": 1, "seolint": {...}, "sites": {KEY: {"pages", "findings",
"severity": {error, warning, info}, "rules": {CODE: count}}}, "total": {same, summed}}`.
Exit codes: 0 done (or no corpus), 1 `--check` found a difference, 2 a site could not be linted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SNAPSHOT = ROOT / "bench" / "ecosystem_snapshot.json"
VERSION = 1
SEVERITIES = ("error", "warning", "info")
TIMEOUT = 900  # seconds per site: far above the slowest (about 60 s on a busy 2-core machine)


def corpus_sites(corpus: Path) -> dict[str, Path]:
    """KEY -> folder for every built site and Markdown repo, in a stable order."""
    out: dict[str, Path] = {}
    for group in ("sites", "markdown"):
        folder = corpus / group
        if not folder.is_dir():
            continue
        for p in sorted(folder.iterdir()):
            if p.is_dir() and not p.name.startswith(("_", ".")) and not p.name.endswith(".meta"):
                out[f"{group}/{p.name}"] = p
    return out


def restrict(sites: dict[str, Path], wanted: str | None) -> dict[str, Path]:
    if not wanted:
        return sites
    names = {w.strip() for w in wanted.split(",") if w.strip()}
    picked = {k: v for k, v in sites.items() if k in names or k.split("/", 1)[1] in names}
    unknown = names - set(picked) - {k.split("/", 1)[1] for k in picked}
    if unknown:
        raise SystemExit(f"unknown site(s): {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(k.split('/', 1)[1] for k in sites)}")
    return picked


def measured_seolint(python: str, cwd: str) -> dict[str, Any]:
    """Which seolint the interpreter imports, and the git commit of its checkout."""
    proc = subprocess.run(
        [python, "-c", "import seolint, os; print(seolint.__version__); "
                       "print(os.path.dirname(os.path.dirname(seolint.__file__)))"],
        cwd=cwd, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise SystemExit(f"{python} cannot import seolint:\n{proc.stderr.strip()}")
    version, where = proc.stdout.split("\n")[:2]
    commit = subprocess.run(["git", "-C", where, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or None
    dirty = bool(subprocess.run(["git", "-C", where, "status", "--porcelain", "--", "seolint",
                                 "rules"], capture_output=True, text=True).stdout.strip())
    return {"version": version, "checkout": where, "commit": commit, "dirty": dirty}


def lint_site(python: str, folder: Path, jobs: int, cwd: str,
              select: str | None = None) -> dict[str, Any]:
    """One `seolint check` run: the JSON report as a dict, or {"error": ...}."""
    out = Path(cwd) / f"report-{os.getpid()}-{abs(hash(str(folder)))}.json"
    cmd = [python, "-m", "seolint", "check", str(folder), "--format", "json", "--output",
           str(out), "--exit-zero", "--no-progress", "--quiet", "--jobs", str(jobs)]
    if select:
        cmd += ["--select", select]
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {TIMEOUT} s"}
    try:
        if proc.returncode != 0 or not out.is_file():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            return {"error": f"exit {proc.returncode}: " + " | ".join(tail)}
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def counts(report: dict[str, Any]) -> dict[str, Any]:
    findings = report["findings"]
    severity = Counter(f["severity"] for f in findings)
    return {
        "pages": report["summary"]["pages"],
        "findings": len(findings),
        "severity": {s: severity.get(s, 0) for s in SEVERITIES},
        "rules": dict(sorted(Counter(f["code"] for f in findings).items())),
    }


def total(sites: dict[str, dict[str, Any]]) -> dict[str, Any]:
    rules: Counter[str] = Counter()
    severity: Counter[str] = Counter()
    pages = findings = 0
    for entry in sites.values():
        if "error" in entry:
            continue
        pages += entry["pages"]
        findings += entry["findings"]
        severity.update(entry["severity"])
        rules.update(entry["rules"])
    return {"pages": pages, "findings": findings,
            "severity": {s: severity.get(s, 0) for s in SEVERITIES},
            "rules": dict(sorted(rules.items()))}


def run(sites: dict[str, Path], jobs: int, parallel: int,
        findings_out: Path | None, select: str | None = None) -> dict[str, Any]:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="seolint-eco-") as cwd:
        meta = measured_seolint(python, cwd)
        print(f"seolint {meta['version']} from {meta['checkout']} @ {meta['commit']}"
              f"{' (uncommitted changes)' if meta['dirty'] else ''}", file=sys.stderr)
        results: dict[str, dict[str, Any]] = {}
        sink = findings_out.open("w", encoding="utf-8") if findings_out else None
        started = time.perf_counter()

        def one(key: str) -> tuple[str, dict[str, Any], float]:
            t = time.perf_counter()
            return key, lint_site(python, sites[key], jobs, cwd, select), time.perf_counter() - t

        try:
            with ThreadPoolExecutor(max(1, parallel)) as pool:
                for key, report, secs in pool.map(one, sites):
                    if "error" in report:
                        results[key] = {"error": report["error"]}
                        print(f"  {key}: FAILED {report['error']}", file=sys.stderr)
                        continue
                    results[key] = counts(report)
                    print(f"  {key}: {results[key]['pages']} pages, "
                          f"{results[key]['findings']} findings ({secs:.1f} s)", file=sys.stderr)
                    if sink is not None:
                        for f in report["findings"]:
                            sink.write(json.dumps({"site": key, **f}, ensure_ascii=False) + "\n")
        finally:
            if sink is not None:
                sink.close()
        print(f"{len(sites)} sites in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    snapshot = {"version": VERSION, "seolint": meta, "sites": results, "total": total(results)}
    if select:
        snapshot["select"] = select
    return snapshot


# --- comparing ---------------------------------------------------------------------------------

def _rules(entry: dict[str, Any] | None) -> dict[str, int]:
    return {} if not entry or "error" in entry else entry["rules"]


def rule_moves(old: dict[str, Any] | None,
               new: dict[str, Any] | None) -> list[tuple[str, int, int]]:
    a, b = _rules(old), _rules(new)
    return [(code, a.get(code, 0), b.get(code, 0)) for code in sorted(set(a) | set(b))
            if a.get(code, 0) != b.get(code, 0)]


def _plus_minus(moves: Iterable[tuple[str, int, int]]) -> str:
    moves = list(moves)
    up = sum(n - o for _, o, n in moves if n > o)
    down = sum(o - n for _, o, n in moves if n < o)
    return f"+{up} / -{down}"


def compare(old: dict[str, Any], new: dict[str, Any], only: Iterable[str] | None = None) -> bool:
    """Print what moved, per site and in total. True when nothing did."""
    if old.get("select") != new.get("select"):
        print(f"note: the two runs selected different rules ({old.get('select') or 'default'}"
              f" against {new.get('select') or 'default'}): rules outside both move")
    keys = sorted(set(old["sites"]) | set(new["sites"])) if only is None else sorted(only)
    same = True
    lines: list[str] = []
    for key in keys:
        o, n = old["sites"].get(key), new["sites"].get(key)
        if o is None or n is None:
            lines.append(f"{key}: {'only in the new snapshot' if o is None else 'not linted'}")
            same = same and o is None and n is None
            continue
        if "error" in n or "error" in o:
            lines.append(f"{key}: could not be linted: {n.get('error') or o.get('error')}")
            same = False
            continue
        moves = rule_moves(o, n)
        if not moves and o["pages"] == n["pages"]:
            continue
        same = False
        pages = f", pages {o['pages']} -> {n['pages']}" if o["pages"] != n["pages"] else ""
        lines.append(f"{key}: {_plus_minus(moves)} findings "
                     f"({o['findings']} -> {n['findings']}{pages})")
        lines.extend(f"    {code:<6} {a:>6} -> {b:<6} {b - a:+d}" for code, a, b in moves)
    old_total = total({k: old["sites"][k] for k in keys if k in old["sites"]})
    new_total = total({k: new["sites"][k] for k in keys if k in new["sites"]})
    moves = rule_moves(old_total, new_total)
    if same:
        print(f"no change: {new_total['findings']} findings on {new_total['pages']} pages "
              f"of {len(keys)} sites")
        return True
    print("\n".join(lines))
    print(f"\ntotal: {_plus_minus(moves)} findings ({old_total['findings']} -> "
          f"{new_total['findings']}; pages {old_total['pages']} -> {new_total['pages']})")
    print(f"    {'rule':<6} {'old':>6}    {'new':<6} diff")
    for code, a, b in moves:
        print(f"    {code:<6} {a:>6} -> {b:<6} {b - a:+d}")
    sev = [(s, old_total["severity"][s], new_total["severity"][s]) for s in SEVERITIES]
    print("    " + ", ".join(f"{s} {a} -> {b}" for s, a, b in sev))
    return False


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("version") != VERSION or "sites" not in data:
        raise SystemExit(f"{path} is not an ecosystem snapshot (version {VERSION})")
    return data


def write(path: Path, snapshot: dict[str, Any]) -> None:
    path.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def print_counts(snapshot: dict[str, Any]) -> None:
    t = snapshot["total"]
    sev = ", ".join(f"{s} {t['severity'][s]}" for s in SEVERITIES)
    print(f"{t['pages']} pages, {t['findings']} findings ({sev})")
    for code, n in sorted(t["rules"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"    {code:<6} {n:>6}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See the module docstring (and docs/precision.md).")
    ap.add_argument("--out", type=Path, help="write the snapshot to FILE")
    ap.add_argument("--compare", nargs="+", type=Path, metavar=("OLD", "NEW"),
                    help="diff OLD against NEW, or against a fresh run when NEW is not given")
    ap.add_argument("--check", action="store_true",
                    help=f"exit 1 if the counts differ from {SNAPSHOT.relative_to(ROOT)}")
    ap.add_argument("--sites", help="comma-separated site names (default: all)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes per seolint run (default: all cores)")
    ap.add_argument("--parallel", type=int, default=1,
                    help="sites linted at once (default 1: each run already uses --jobs)")
    ap.add_argument("--findings", type=Path, help="also write every finding to FILE (JSONL)")
    ap.add_argument("--select", help="comma-separated rule codes to run instead of the default "
                    "selection (default-off rules included)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.compare and len(args.compare) > 2:
        ap.error("--compare takes OLD.json and optionally NEW.json")
    if args.compare and len(args.compare) == 2:
        compare(load(args.compare[0]), load(args.compare[1]))
        return 0

    if not (args.corpus / "sites").is_dir() and not (args.corpus / "markdown").is_dir():
        print(f"no corpus at {args.corpus}: nothing to check (put ../shared beside the repo)")
        return 0
    if args.select and args.check:
        ap.error("--check compares with the default-selection snapshot: drop --select")
    sites = restrict(corpus_sites(args.corpus), args.sites)
    snapshot = run(sites, args.jobs, args.parallel, args.findings, args.select)
    failed = any("error" in e for e in snapshot["sites"].values())
    if args.out:
        write(args.out, snapshot)
        print(f"wrote {args.out}", file=sys.stderr)
    if args.compare:
        compare(load(args.compare[0]), snapshot, only=sites)
    elif args.check:
        if not SNAPSHOT.is_file():
            print(f"no committed snapshot at {SNAPSHOT}")
            return 2
        if not compare(load(SNAPSHOT), snapshot, only=sites):
            print(f"\nthe counts differ from {SNAPSHOT.relative_to(ROOT)}: explain the move in "
                  "the commit message, then rewrite it with --out")
            return 2 if failed else 1
    elif not args.out:
        print_counts(snapshot)
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
