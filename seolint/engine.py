"""Runs rules over pages and the site, and turns what they yield into Findings.

Policy:
- Fail soft per page: a page that cannot be read becomes an X002 (fetch-failed) or X007
  (not-html) finding; a rule that crashes on a page becomes a Z001 (internal-error) finding on
  that page; the run goes on either way.
- Page analysis (seolint.analysis) runs in the worker pool over all cores once there are enough
  pages to repay the start-up (about 0.3 s); results come back in input order, so output is
  deterministic. The crawl streams its pages through the same pool (engine.crawl).
- Site rules run once, in this process, over compact PageSummary records.
- No network I/O here: what the outbound-link check learned (D009) is handed to build_report
  as data (`links`, a LinkFacts) by whoever ran the check at the edge (the CLI, with
  seolint.sources.linkcheck.check_outbound). A contract in pyproject.toml keeps the engine from
  importing the checker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from seolint.analysis.analyser import Analyser, Context, summarise
from seolint.analysis.pool import POOL_THRESHOLD, analyse_files, analysis_context
from seolint.config import ConfigError, Settings
from seolint.document import CrawlFacts, LinkFacts, RawDocument, Site, SitemapEntry
from seolint.parse import PSEUDO_ORIGIN as _PSEUDO
from seolint.registry import ConfiguredRule, load_rules, select_rules
from seolint.result import PageResult, internal_error, source_finding, stamp
from seolint.rule import SEVERITY_RANK, Finding
from seolint.scoring import Fix, PageInput, PageScore, Scores, compute, rule_infos
from seolint.sources.files import FileItem
from seolint.suppress import PathIgnores, unused_finding
from seolint.suppress import apply as apply_directives

if TYPE_CHECKING:
    from seolint.options import CrawlOptions
    from seolint.sources.crawl import CrawlOutcome, Progress

@dataclass(frozen=True)
class Report:
    pages: tuple[PageResult, ...]
    findings: tuple[Finding, ...]
    rules: tuple[ConfiguredRule, ...]
    settings: Settings = field(default_factory=Settings)
    scores: Scores | None = None
    crawl: CrawlFacts | None = None  # statuses and redirect chains, when the pages were crawled
    suppressed: int = 0  # findings dropped by inline comments and front-matter ignores
    baselined: int = 0  # findings hidden because the baseline holds them (seolint.baseline)
    links: LinkFacts | None = None  # the outbound-link check, when --check-external ran it

    @property
    def score(self) -> float | None:
        """The site score (0-100), or None when no page could be scored."""
        return self.scores.site if self.scores else None

    @property
    def fixes(self) -> tuple[Fix, ...]:
        """The ranked fix list, best first."""
        return self.scores.fixes if self.scores else ()

    def page_score(self, location: str) -> PageScore | None:
        return self.scores.pages.get(location) if self.scores else None

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out

    def failed(self, fail_on: str) -> bool:
        """True when a finding is at or above `fail_on` (error, warning, info, never)."""
        return any(at_or_above(f.severity, fail_on) for f in self.findings)

    def gate_failures(self, fail_on: str, fail_under: float | None = None,
                      max_warnings: int | None = None) -> list[str]:
        """Why the run fails (empty when it passes), each reason with its numbers and the gate
        that set it: findings at or above fail_on, a site score under fail_under, more
        warnings than max_warnings. Every format shows them (a CI log must say why)."""
        reasons: list[str] = []
        failing = sum(1 for f in self.findings if at_or_above(f.severity, fail_on))
        if failing:
            reasons.append(f"{failing} finding{'s' if failing != 1 else ''} at or above "
                           f"{fail_on}")
        if max_warnings is not None and self.counts["warning"] > max_warnings:
            n = self.counts["warning"]
            reasons.append(f"{n} warning{'s' if n != 1 else ''} (limit --max-warnings "
                           f"{max_warnings})")
        if fail_under is not None and self.score is not None and self.score < fail_under:
            reasons.append(f"site score {self.score:g} under --fail-under {fail_under:g}")
        return reasons

    @property
    def verdict(self) -> tuple[str, ...]:
        """The gates' reasons for failing with the report's own settings (the CLI's flags are
        in them): what reporters show as "failed: ..."; empty when the run passes."""
        s = self.settings
        return tuple(self.gate_failures(s.fail_on, s.fail_under, s.max_warnings))


def at_or_above(severity: str, fail_on: str) -> bool:
    """Does a finding of `severity` fail a run gated at `fail_on` (never: nothing does)?"""
    return fail_on != "never" and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]




# --- site rules -------------------------------------------------------------------------------

def run_site_rules(site: Site, rules: Iterable[ConfiguredRule],
                   source_rules: dict[str, ConfiguredRule]) -> list[Finding]:
    findings: list[Finding] = []
    for cr in rules:
        # Source rules with a check judge facts only a source supplies (HTTP, robots.txt,
        # sitemaps) over the whole site: they run here too.
        if cr.rule.scope != "site" and not (cr.rule.scope == "source" and cr.rule.check):
            continue
        try:
            for v in cr.rule.check(site, cr.options):  # type: ignore[misc]
                page = v.page
                public = page.url if page and not page.url.startswith(_PSEUDO) else None
                finding = stamp(cr, v, public, page.path if page else None)
                if finding is not None:
                    findings.append(finding)
        except Exception as exc:
            findings.append(internal_error(cr.rule, exc, None, None, source_rules))
    return findings




def validate(settings: Settings) -> None:
    """Raise ConfigError now, before any work, for unknown rules in any selector or table."""
    select_rules(settings)
    rules = load_rules()
    PathIgnores(settings.per_path_ignores, rules)
    for table, codes in (("weights", settings.scoring.weights), ("caps", settings.scoring.caps)):
        for code in codes:
            if code not in rules:
                raise ConfigError(f"{settings.source or 'config'}: [scoring.{table}] names "
                                  f"unknown rule code {code!r}")


def build_report(results: list[PageResult], settings: Settings, complete: bool,
                 known_urls: frozenset[str] = frozenset(),
                 sitemap: tuple[SitemapEntry, ...] | None = None,
                 crawl: CrawlFacts | None = None,
                 extra_findings: Iterable[Finding] = (),
                 sitemap_complete: bool = True,
                 links: LinkFacts | None = None) -> Report:
    """Site rules, per-path ignores and ordering over finished page results.

    `sitemap` and `crawl` are what sources learned beyond the pages (the Site carries them to
    site rules); `extra_findings` are findings a source raised itself (sitemap unreadable, a
    crawl trap), placed on their page like site findings; `links` is what the outbound-link
    check learned (sources.linkcheck.check_outbound, run by the caller: None, D009 is silent)."""
    configured = tuple(select_rules(settings))
    source_rules = {cr.rule.code: cr for cr in configured if cr.rule.scope == "source"}
    summaries = tuple(r.summary for r in results if r.summary is not None)
    # Links a Markdown source could not verify (a theme's tag pages) count as existing.
    known_urls = known_urls | frozenset(u for r in results for u in r.assumed_urls)
    site = Site(summaries, known_urls, complete, sitemap=sitemap, crawl=crawl,
                sitemap_complete=sitemap_complete, links=links)
    site_findings = run_site_rules(site, configured, source_rules) + list(extra_findings)
    by_location: dict[str, list[Finding]] = {}
    for f in site_findings:
        by_location.setdefault(f.location, []).append(f)
    ignores = PathIgnores(settings.per_path_ignores, load_rules())
    pages: list[PageResult] = []
    orphans = list(by_location.pop("-", []))
    selected_codes = frozenset(cr.rule.code for cr in configured)
    suppressed = 0
    for r in results:
        extra = by_location.pop(r.location, [])
        found = sorted([*r.findings, *extra], key=Finding.sort_key)
        found = [f for f in found if not ignores.ignored(f)]
        if r.directives:  # inline comments and front-matter ignores (seolint.suppress)
            outcome = apply_directives(found, r.directives, load_rules(),
                                       selected_codes - set(r.not_applicable))
            suppressed += outcome.suppressed
            found = list(outcome.kept)
            z002 = source_rules.get("Z002")
            if z002 is not None:
                unused = [unused_finding(d, why, z002.severity, r.url, r.path)
                          for d, why in outcome.unused]
                found = sorted([*found, *(f for f in unused if not ignores.ignored(f))],
                               key=Finding.sort_key)
        pages.append(replace(r, findings=tuple(found)))
    for rest in by_location.values():
        orphans.extend(rest)
    orphans = [f for f in orphans if not ignores.ignored(f)]
    pages.sort(key=lambda p: p.location)
    findings = [f for p in pages for f in p.findings] + sorted(orphans, key=Finding.sort_key)
    return Report(tuple(pages), tuple(findings), configured, settings,
                  score_report(pages, configured, settings), crawl=crawl,
                  suppressed=suppressed, links=links)


def score_report(pages: list[PageResult], configured: Iterable[ConfiguredRule],
                 settings: Settings) -> Scores:
    """Scores and ranked fixes. A parsed page is judged by the page rules that applied to it and
    by every site rule; a page that could not be read only by what was found on it."""
    configured = list(configured)
    infos = rule_infos(((cr.rule.code, cr.rule.category, cr.severity) for cr in configured),
                       settings.scoring, {cr.rule.code: cr.rule.why for cr in configured})
    page_codes = {cr.rule.code for cr in configured if cr.rule.scope == "page"}
    site_codes = {cr.rule.code for cr in configured if cr.rule.scope == "site"}
    inputs = []
    for p in pages:
        # A redirect stub has no content to judge: it is scored only by what was found on it
        # (nothing, usually), so it neither lifts nor drags the site's mean.
        content = p.summary is not None and p.kind != "redirect"
        applicable = (page_codes - set(p.not_applicable)) | site_codes if content else set()
        inputs.append(PageInput(p.location, frozenset(applicable), p.findings))
    return compute(inputs, infos, settings.fail_on)


def crawl(seed: str, settings: Settings, options: CrawlOptions | None = None,
          progress: Progress | None = None, transport: Any = None) -> CrawlOutcome:
    """Crawl `seed`, each page analysed by the crawl's analysis (seolint.analysis.stream): the
    crawl's outcome, for build_report. `transport` is an httpx transport (tests)."""
    from seolint.analysis.stream import StreamAnalysis
    from seolint.options import CrawlOptions
    from seolint.sources.crawl import Crawler

    crawler = Crawler(seed, settings, options or CrawlOptions(), progress, transport,
                      analysis=StreamAnalysis(settings))
    return crawler.run()


def analyse(files: list[FileItem], documents: list[RawDocument], settings: Settings,
            failures: Iterable[tuple[str, str, str, str]] = (),
            progress: Callable[[], None] | None = None, markdown: Any = None,
            ) -> list[PageResult]:
    """Every page analysed, in input order: the files (in the worker pool when there are
    enough), then the fetched documents, then the URLs that could not be fetched.

    `failures` are (url, code, message, fix) for URLs that could not be fetched; `markdown` is
    the MarkdownSite of Markdown files; `progress` is called once a page."""
    configured = select_rules(settings)
    ctx = Context(settings, tuple(cr.rule.code for cr in configured), markdown,
                  fingerprint=len(files) + len(documents) > 1)
    results = list(analyse_files(files, ctx, settings.jobs, progress))
    if documents or failures:
        analyser = Analyser(ctx)
        for doc in documents:
            results.append(analyser.analyse(doc))
            if progress:
                progress()
        for url, code, message, fix in failures:
            results.append(analyser.failure(url, None, code, message, fix))
            if progress:
                progress()
    return results


def lint(files: list[FileItem], documents: list[RawDocument], settings: Settings,
         complete: bool, known_urls: frozenset[str] = frozenset(),
         failures: Iterable[tuple[str, str, str, str]] = (),
         progress: Callable[[], None] | None = None,
         sitemap: tuple[SitemapEntry, ...] | None = None,
         extra_findings: Iterable[Finding] = (),
         sitemap_complete: bool = True, markdown: Any = None) -> Report:
    """The whole pipeline after sources: analyse every page, then site rules, then ignores.

    No outbound-link check (it is network I/O, at the caller's edge): a caller that wants D009
    calls analyse, sources.linkcheck.check_outbound and build_report(..., links=...), as
    `seolint check` does. The other arguments go to analyse and build_report."""
    results = analyse(files, documents, settings, failures, progress, markdown)
    return build_report(results, settings, complete, known_urls, sitemap=sitemap,
                        extra_findings=extra_findings, sitemap_complete=sitemap_complete)


__all__ = [
    "POOL_THRESHOLD",
    "Analyser",
    "Context",
    "PageResult",
    "Report",
    "analyse",
    "analyse_files",
    "analysis_context",
    "build_report",
    "crawl",
    "internal_error",
    "lint",
    "run_site_rules",
    "score_report",
    "source_finding",
    "stamp",
    "summarise",
    "validate",
]
