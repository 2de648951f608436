"""Configuration: `seolint.toml`, or `[tool.seolint]` in `pyproject.toml`, into frozen Settings.

The file is found by walking up from the current directory; `--config FILE` names it instead.
Fail loud on configuration: an unknown key, rule, option or a bad value raises ConfigError, which
the CLI turns into exit 2 naming the culprit. Defaults live here and in each rule's Options.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

from seolint import _lazy
from seolint.options import (
    GENERATORS,
    SEVERITY_WEIGHTS,
    CrawlOptions,
    LinkOptions,
    MarkdownOptions,
    ScoringConfig,
)
from seolint.rule import SEVERITIES, Severity
from seolint.suggest import did_you_mean

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024  # the crawler's body cap too: a blog page is far smaller


class ConfigError(Exception):
    """A configuration problem the user must fix (exit 2)."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str = "error"
    base_url: str | None = None
    content_selector: str | None = None
    exclude: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    rules: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()  # rule -> option items
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    fail_under: float | None = None  # fail when the site score is below this
    max_warnings: int | None = None  # fail when there are more warnings than this
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    jobs: int | None = None  # worker processes; None: one per core for large runs
    source: str | None = None  # the file the settings came from, for messages
    markdown: MarkdownOptions | None = None  # from [markdown] (seolint.options)
    crawl: CrawlOptions | None = None  # from [crawl] (seolint.options)
    links: LinkOptions | None = None  # from [links] (seolint.options): the link checker
    keyphrase: str | None = None  # --keyphrase: the focus keyphrase of every page linted
    keyphrases: tuple[tuple[str, str], ...] = ()  # [keyphrases]: path glob -> keyphrase
    # Nothing to lint is an error (exit 2) unless this says an empty run is expected: a CI job
    # with a wrong path must not pass for ever
    allow_empty: bool = False

    def rule_table(self, key: str) -> dict[str, Any] | None:
        for name, items in self.rules:
            if name == key:
                return dict(items)
        return None


_KEYS = {
    "select", "ignore", "extend-select", "fail-on", "base-url", "content-selector", "exclude",
    "per-path-ignores", "rules", "max-file-size", "jobs", "scoring", "fail-under", "max-warnings",
    "markdown", "crawl", "keyphrases", "allow-empty", "links",
}


def find_config(start: Path) -> Path | None:
    """The nearest seolint.toml, or pyproject.toml with a [tool.seolint] table, walking up."""
    for folder in (start, *start.parents):
        candidate = folder / "seolint.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError, RecursionError):
                continue  # someone else's broken pyproject is not our configuration
            if "seolint" in data.get("tool", {}):
                return candidate
    return None


def load_settings(path: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from `path`, or from the nearest config file, or the defaults."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except ValueError:  # tomllib's int(): a number of more than 4,300 digits
        where = _culprit(path, _LONG_NUMBER.search)
        raise ConfigError(f"{path}: {where} is a number of more than 4,300 digits, which "
                          "Python will not read") from None
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        where = _culprit(path, _too_deep)
        raise ConfigError(f"{path}: {where} is nested too deeply to read (arrays or inline "
                          "tables hundreds of levels deep)") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("seolint", {})
    return settings_from_dict(data, source=str(path))


_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4300,}")
_ASSIGNMENT = re.compile(r"^[ \t]*([A-Za-z0-9_.\"' -]+?)[ \t]*=", re.MULTILINE)
_TABLE = re.compile(r"^[ \t]*\[\[?[ \t]*([^\]\n]+?)[ \t]*\]", re.MULTILINE)


def _too_deep(text: str) -> re.Match[str] | None:
    """Where brackets and braces first nest 200 deep (strings aside, roughly: enough to point
    at the value tomllib could not read)."""
    depth = 0
    for m in re.finditer(r"[\[{]|[\]}]|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'", text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth >= 200:
                return m
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


def _culprit(path: Path, find: Any) -> str:
    """'key KEY in [TABLE] (line N)' for the value `find` locates in the file, or 'a value'."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "a value"
    found = find(text)
    if found is None:
        return "a value"
    before = text[: found.start()]
    line = before.count("\n") + 1
    keys = _ASSIGNMENT.findall(before)
    tables = _TABLE.findall(before)
    if not keys:
        return f"a value (line {line})"
    table = f" in [{tables[-1]}]" if tables else ""
    return f"key {keys[-1].strip()!r}{table} (line {line})"


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _size(value: Any, where: str) -> int:
    if isinstance(value, int) and value > 0:
        return value
    if isinstance(value, str):
        text = value.strip().upper().replace(" ", "")
        for unit, factor in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3), ("B", 1)):
            if text.endswith(unit) and text[: -len(unit)].replace(".", "", 1).isdigit():
                return int(float(text[: -len(unit)]) * factor)
    raise ConfigError(f"{where}: 'max-file-size' must be a positive number of bytes or '5MB'")


def settings_from_dict(data: dict[str, Any], source: str = "config") -> Settings:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], _KEYS) if len(unknown) == 1 else ""
        raise ConfigError(
            f"{source}: unknown key {', '.join(repr(k) for k in unknown)}"
            + (hint or f" (known: {', '.join(sorted(_KEYS))})")
        )
    out = Settings(source=source)
    if "allow-empty" in data:
        if not isinstance(data["allow-empty"], bool):
            raise ConfigError(f"{source}: 'allow-empty' must be true or false")
        out = replace(out, allow_empty=data["allow-empty"])
    if "select" in data:
        out = replace(out, select=_strings(data["select"], "select", source))
    if "ignore" in data:
        out = replace(out, ignore=_strings(data["ignore"], "ignore", source))
    if "extend-select" in data:
        out = replace(out, extend_select=_strings(data["extend-select"], "extend-select", source))
    if "exclude" in data:
        out = replace(out, exclude=_strings(data["exclude"], "exclude", source))
    if "fail-on" in data:
        out = replace(out, fail_on=check_fail_on(data["fail-on"], source))
    for key, attr in (("base-url", "base_url"), ("content-selector", "content_selector")):
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                raise ConfigError(f"{source}: '{key}' must be a non-empty string")
            out = replace(out, **{attr: data[key].strip()})
    if out.base_url is not None:
        out = replace(out, base_url=check_base_url(out.base_url, source))
    if out.content_selector is not None:
        out = replace(out, content_selector=check_content_selector(out.content_selector, source))
    if "max-file-size" in data:
        out = replace(out, max_file_bytes=_size(data["max-file-size"], source))
    if "jobs" in data:
        if not isinstance(data["jobs"], int) or data["jobs"] < 1:
            raise ConfigError(f"{source}: 'jobs' must be a positive integer")
        out = replace(out, jobs=data["jobs"])
    if "per-path-ignores" in data:
        table = data["per-path-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: 'per-path-ignores' must be a table of glob = [rules]")
        out = replace(out, per_path_ignores=tuple(
            (glob, _strings(rules, f"per-path-ignores.{glob}", source))
            for glob, rules in table.items()
        ))
    if "keyphrases" in data:
        table = data["keyphrases"]
        if not isinstance(table, dict) or not all(
                isinstance(v, str) and v.strip() for v in table.values()):
            raise ConfigError(f"{source}: 'keyphrases' must be a table of glob = \"keyphrase\"")
        out = replace(out, keyphrases=tuple((g, v.strip()) for g, v in table.items()))
    if "scoring" in data:
        out = replace(out, scoring=scoring_config(data["scoring"], source))
    if "fail-under" in data:
        out = replace(out, fail_under=check_fail_under(data["fail-under"], source))
    if "max-warnings" in data:
        out = replace(out, max_warnings=check_max_warnings(data["max-warnings"], source))
    if "rules" in data:
        table = data["rules"]
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            raise ConfigError(f"{source}: 'rules' must hold one table per rule")
        out = replace(out, rules=tuple((k, tuple(v.items())) for k, v in table.items()))
    if "markdown" in data:  # Markdown sources: generator, content folders, title-as-h1, ...
        out = replace(out, markdown=markdown_options(data["markdown"], source))
    if "crawl" in data:  # the crawler's bounds: max-pages, max-depth, timeout, ...
        table = data["crawl"]
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: 'crawl' must be a table")
        out = replace(out, crawl=crawl_options(table, {}, f"{source}: [crawl]"))
    if "links" in data:  # the outbound-link checker: check-external, exclude, budget, cache
        try:
            out = replace(out, links=link_options(data["links"], f"{source}: [links]"))
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    return out


def _positive(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ConfigError(f"{where} must be a positive number, not {value!r} (to leave a rule "
                          "out of the score, ignore the rule)")
    return float(value)


def scoring_config(table: Any, source: str) -> ScoringConfig:
    """[scoring]: severity-weights = {error, warning, info}, weights = {CODE = w}, caps = {CODE
    = n}. Rule codes are checked against the registry when the rules are selected."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: 'scoring' must be a table")
    unknown = sorted(set(table) - {"severity-weights", "weights", "caps"})
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} in [scoring]"
                          + (did_you_mean(unknown[0], ("caps", "severity-weights", "weights"))
                             or " (known: caps, severity-weights, weights)"))
    sev = dict(SEVERITY_WEIGHTS)
    for key, value in (table.get("severity-weights") or {}).items():
        if key not in sev:
            raise ConfigError(f"{source}: [scoring.severity-weights] has unknown severity {key!r}")
        sev[key] = _positive(value, f"{source}: [scoring.severity-weights] {key}")
    weights = {str(k).upper(): _positive(v, f"{source}: [scoring.weights] {k}")
               for k, v in (table.get("weights") or {}).items()}
    caps: dict[str, int] = {}
    for k, v in (table.get("caps") or {}).items():
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ConfigError(f"{source}: [scoring.caps] {k} must be a whole number of at least 1")
        caps[str(k).upper()] = v
    return ScoringConfig(sev, weights, caps)


def check_fail_under(value: Any, source: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(f"{source}: 'fail-under' must be a score from 0 to 100, not {value!r}")
    return float(value)


def check_max_warnings(value: Any, source: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{source}: 'max-warnings' must be a whole number of 0 or more")
    return value


def check_fail_on(value: Any, source: str) -> str:
    if value not in FAIL_ON_CHOICES:
        raise ConfigError(
            f"{source}: 'fail-on' must be one of {', '.join(FAIL_ON_CHOICES)}, not {value!r}"
        )
    return str(value)


def check_base_url(value: str, source: str) -> str:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (reading it raises ValueError for a port out of range)
    except ValueError as exc:  # "http://[::1": an unclosed IPv6 bracket
        raise ConfigError(f"{source}: 'base-url' is not a valid URL ({exc}): {value!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{source}: 'base-url' must be an http(s) URL, not {value!r}")
    return value if value.endswith("/") else value + "/"


def check_content_selector(value: str, source: str) -> str:
    """The selector, compiled once here so that a typo is exit 2 naming it, not a crash on the
    first page. soupsieve is what parse uses to select (a dependency of beautifulsoup4)."""
    soupsieve = _lazy.load("soupsieve")
    try:
        soupsieve.compile(value)
    except soupsieve.SelectorSyntaxError as exc:
        reason = str(exc).splitlines()[0]
        raise ConfigError(f"{source}: 'content-selector' is not a valid CSS selector "
                          f"({reason}): {value!r}") from None
    except (ValueError, RecursionError) as exc:  # what else soupsieve may raise on odd input
        raise ConfigError(f"{source}: 'content-selector' is not a valid CSS selector "
                          f"({type(exc).__name__}): {value!r}") from None
    return value


# --- per-rule options ------------------------------------------------------------------------

def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = getattr(hint, "__origin__", None)
    if hint is bool:
        if isinstance(value, bool):
            return value
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif hint is str:
        if isinstance(value, str):
            return value
    elif origin is tuple:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
    else:
        return value
    name = getattr(hint, "__name__", str(hint))
    raise ConfigError(f"{where} must be {'a list of strings' if origin is tuple else name}, "
                      f"not {value!r}")


def build_options(
    options_type: type, overrides: dict[str, Any], where: str
) -> tuple[Any, Severity | None]:
    """The rule's Options with config overrides (kebab-case keys) applied, plus a severity
    override if the table sets one. Unknown keys and wrong types raise ConfigError."""
    overrides = dict(overrides)
    severity = overrides.pop("severity", None)
    if severity is not None and severity not in SEVERITIES:
        raise ConfigError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}")
    hints = get_type_hints(options_type)
    known = {f.name.replace("_", "-"): f.name for f in fields(options_type)}
    kwargs: dict[str, Any] = {}
    for key, value in overrides.items():
        attr = known.get(key)
        if attr is None:
            choices = ", ".join(sorted(known)) or "none"
            raise ConfigError(f"{where}: unknown option {key!r}"
                              + (did_you_mean(key, [*known, "severity"])
                                 or f" (options: {choices}, severity)"))
        kwargs[attr] = _coerce(value, hints[attr], f"{where}: '{key}'")
    try:
        return options_type(**kwargs), severity
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


def options_doc(options_type: type) -> list[tuple[str, Any]]:
    """(kebab-case name, default) for each option, for `explain` and `rules --format json`."""
    out: list[tuple[str, Any]] = []
    for f in fields(options_type):
        out.append((f.name.replace("_", "-"), f.default))
    return out


# --- the sources' tables (the option types live in seolint.options) ---------------------------

def crawl_options(table: dict[str, Any], overrides: dict[str, Any], where: str) -> CrawlOptions:
    """CrawlOptions from the config's [crawl] table, then the command line's options."""
    opts, _ = build_options(CrawlOptions, {k: v for k, v in table.items() if k != "severity"},
                            where)
    if "severity" in table:
        raise ConfigError(f"{where}: unknown option 'severity'")
    try:
        return replace(opts, **{k: v for k, v in overrides.items() if v is not None})
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


_MARKDOWN_KEYS = {"generator", "content", "title-as-h1", "title-template", "include-drafts",
                  "permalinks"}


def markdown_options(table: Any, source: str) -> MarkdownOptions:
    """MarkdownOptions from the config's [markdown] table; ConfigError names any mistake."""
    where = f"{source}: [markdown]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(table) - _MARKDOWN_KEYS)
    if unknown:
        hint = did_you_mean(unknown[0], _MARKDOWN_KEYS) if len(unknown) == 1 else ""
        raise ConfigError(f"{where}: unknown key {', '.join(repr(k) for k in unknown)}"
                          + (hint or f" (known: {', '.join(sorted(_MARKDOWN_KEYS))})"))
    out = MarkdownOptions()
    if "generator" in table:
        gen = table["generator"]
        if gen not in GENERATORS:
            raise ConfigError(f"{where}: 'generator' must be one of {', '.join(GENERATORS)}, "
                              f"not {gen!r}")
        out = replace(out, generator=gen)
    if "content" in table:
        value = table["content"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{where}: 'content' must be a list of folders")
        base = Path(source).parent if source not in ("config", "") else Path.cwd()
        out = replace(out, content=tuple(str(base / v) for v in value))
    for key, attr in (("title-as-h1", "title_as_h1"), ("include-drafts", "include_drafts")):
        if key in table:
            if not isinstance(table[key], bool):
                raise ConfigError(f"{where}: '{key}' must be true or false")
            out = replace(out, **{attr: table[key]})
    if "title-template" in table:
        value = table["title-template"]
        if not isinstance(value, str) or "{title}" not in value:
            raise ConfigError(f"{where}: 'title-template' must be a string holding {{title}}")
        out = replace(out, title_template=value)
    if "permalinks" in table:
        value = table["permalinks"]
        if isinstance(value, str):
            value = {"*": value}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise ConfigError(f"{where}: 'permalinks' must be a pattern or a table of "
                              "section = pattern")
        out = replace(out, permalinks=tuple((str(k), v) for k, v in value.items()))
    return out


# --- [links] ----------------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_LINK_KEYS = {"check-external": bool, "exclude": tuple, "concurrency": int, "delay": float,
         "budget": float, "connect-timeout": float, "read-timeout": float,
         "request-timeout": float, "retry-after-cap": float, "max-redirects": int,
         "cache": bool, "cache-dir": str, "cache-ttl": float, "cache-ttl-failed": float,
         "user-agent": str}


def duration(value: Any, where: str) -> float:
    """Seconds from a number or "90s", "30m", "1h", "1d"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    if isinstance(value, str):
        m = _DURATION.match(value.lower())
        if m:
            return float(m.group(1)) * _UNITS[m.group(2)]
    raise ValueError(f"{where} must be a number of seconds or a duration such as \"1h\", "
                     f"not {value!r}")


def link_options(table: Any, where: str) -> LinkOptions:
    """LinkOptions from the config's [links] table; ValueError names any mistake (the caller
    makes it a ConfigError)."""
    if not isinstance(table, dict):
        raise ValueError(f"{where} must be a table")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        kind = _LINK_KEYS.get(key)
        if kind is None:
            raise ValueError(f"{where}: unknown key {key!r}"
                             + (did_you_mean(key, _LINK_KEYS)
                                or f" (known: {', '.join(sorted(_LINK_KEYS))})"))
        at = f"{where}: '{key}'"
        if kind is bool:
            if not isinstance(value, bool):
                raise ValueError(f"{at} must be true or false")
        elif kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{at} must be a whole number")
        elif kind is float:
            value = duration(value, at)
        elif kind is str:
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"{at} must be a non-empty string")
        elif kind is tuple:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{at} must be a list of regexes")
            value = tuple(value)
        kwargs[key.replace("-", "_")] = value
    try:
        return LinkOptions(**kwargs)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


__all__ = [
    "ConfigError",
    "Settings",
    "build_options",
    "crawl_options",
    "load_settings",
    "markdown_options",
    "settings_from_dict",
]
