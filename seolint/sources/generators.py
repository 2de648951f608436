"""Static-site generators: which one a blog repo uses, and the URL each Markdown file gets.

Detection looks for the generator's own config file, walking up from the folder being linted
(and stopping at the repository root). Found by, content starts at, a post's URL by default:

- Hugo: `hugo.toml/yaml/json`, or `config.*` with `baseURL`; content in `content/`
  (`contentDir`); `/:sections/:slug/`, or `[permalinks]` per section.
- Jekyll: `_config.yml`; the site root, posts in `_posts/`; the `permalink:` style (`date`:
  `/:categories/:year/:month/:day/:title.html`), pages at `/:path/:basename.html`.
- Zola: `config.toml` with `base_url`; `content/`; `/:path/:slug/`, or the `path` key.
- Astro: `astro.config.*`; `src/content/` and `src/pages/`; `/:collection/:slug/`.
- Eleventy: `.eleventy.js`, `eleventy.config.*`; its `input` folder; `/:path/:filename/`, or
  `permalink:` (`permalink: false` is never written, so never linted).
- SvelteKit (`svelte.config.*`) and no generator at all: the linted folder; `/:path/:slug/`
  (`+page.md` is its folder's page).

A date at the start of a file name (`2024-05-01-slug.md`) is the post's date and is not part of
its slug, as in Jekyll, Zola and most others. Front-matter overrides win: Jekyll's and
Eleventy's `permalink`, Hugo's `url` and `slug`, Zola's `path` and `slug`. Aliases (`aliases`,
`redirect_from`) are URLs that exist too. Slugs follow each generator's own rules (Jekyll keeps
case and punctuation such as commas, Zola lower-cases to ASCII, Hugo lower-cases).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from seolint.options import GENERATORS  # noqa: F401  (re-exported: the names this module places)

NAMES = {"hugo": "Hugo", "jekyll": "Jekyll", "zola": "Zola", "astro": "Astro",
         "eleventy": "Eleventy", "sveltekit": "SvelteKit", "generic": "no generator"}

_DATE_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_](.*))?$")
_DATE_PATH = re.compile(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})(?:/|$)")
_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_POST_SECTIONS = frozenset({"posts", "post", "blog", "articles", "article", "news", "_posts",
                            "_drafts", "entries", "writing", "notes"})


@dataclass(frozen=True)
class Project:
    """A blog repo as its generator sees it. Paths are absolute, as strings (picklable)."""

    generator: str = "generic"
    root: str | None = None  # the folder holding the generator's config
    config_file: str | None = None
    content_dirs: tuple[str, ...] = ()  # where content paths (and so URLs) start
    permalinks: tuple[tuple[str, str], ...] = ()  # section ("" = default) -> pattern
    base_url: str | None = None
    language: str | None = None
    site_title: str | None = None
    excludes: tuple[str, ...] = ()  # Jekyll's `exclude`
    lowercase: bool = True  # Hugo's disablePathToLower = false
    ugly_urls: bool = False  # Hugo's uglyURLs
    static_dirs: tuple[str, ...] = ()  # served at the site root (Hugo/Zola static/, Astro public/)
    # How the generator writes heading ids (seolint.sources.headingids); None: not known
    heading_ids: str | None = None
    heading_id_prefix: str = ""

    @property
    def name(self) -> str:
        return NAMES.get(self.generator, self.generator)


def _read_config(path: Path) -> dict[str, Any]:
    """A generator's config as data; {} when it does not parse (it is not ours to judge)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    import yaml  # 25 ms: only for a folder with a generator's config

    try:
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix in (".yml", ".yaml"):
            data = yaml.safe_load(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            return {}
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def _js_string(text: str, key: str) -> str | None:
    m = re.search(rf"\b{key}\s*:\s*[\"'`]([^\"'`]+)[\"'`]", text)
    return m.group(1) if m else None


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _ci(data: dict[str, Any], key: str) -> Any:
    """Hugo's config keys are case-insensitive."""
    for k, v in data.items():
        if isinstance(k, str) and k.lower() == key.lower():
            return v
    return None


def _find_root(start: Path) -> tuple[str, Path, Path | None] | None:
    """(generator, root, config file) for the nearest folder at or above `start` with one."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        for name in ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"):
            if (candidate / name).is_file():
                return "hugo", candidate, candidate / name
        for name in ("_config.yml", "_config.yaml", "_config.toml"):
            if (candidate / name).is_file():
                return "jekyll", candidate, candidate / name
        for name in ("config.toml", "config.yaml", "config.yml", "config.json"):
            path = candidate / name
            if path.is_file():
                data = _read_config(path)
                if "base_url" in data:
                    return "zola", candidate, path
                if _ci(data, "baseURL") is not None or (candidate / "content").is_dir() and (
                        candidate / "archetypes").is_dir():
                    return "hugo", candidate, path
        if (candidate / "config" / "_default").is_dir() and (candidate / "content").is_dir():
            cfg = next((candidate / "config" / "_default" / n for n in
                        ("hugo.toml", "config.toml", "hugo.yaml", "config.yaml")
                        if (candidate / "config" / "_default" / n).is_file()), None)
            return "hugo", candidate, cfg
        for stem in ("astro.config",):
            for ext in (".mjs", ".js", ".ts", ".mts", ".cjs"):
                if (candidate / (stem + ext)).is_file():
                    return "astro", candidate, candidate / (stem + ext)
        for name in (".eleventy.js", ".eleventy.cjs", "eleventy.config.js", "eleventy.config.mjs",
                     "eleventy.config.cjs", "eleventy.config.ts"):
            if (candidate / name).is_file():
                return "eleventy", candidate, candidate / name
        for name in ("svelte.config.js", "svelte.config.mjs", "svelte.config.ts"):
            if (candidate / name).is_file():
                return "sveltekit", candidate, candidate / name
        if (candidate / ".git").exists():
            return None  # the repository's root: a config above it belongs to something else
    return None


def detect(start: Path, generator: str | None = None) -> Project:
    """The project that `start` (a folder or file being linted) belongs to.

    `generator` forces one (from the config's [markdown] generator); the config file is still
    read when it is found."""
    found = _find_root(start)
    if found is None:
        if generator and generator != "generic":
            root = start if start.is_dir() else start.parent
            return _with_heading_ids(_build(generator, root.resolve(), None), None)
        return Project()
    kind, root, config = found
    return _with_heading_ids(_build(generator or kind, root, config), config)


_JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts")


def _with_heading_ids(project: Project, config: Path | None) -> Project:
    from dataclasses import replace

    from seolint.sources.headingids import scheme_for

    data: dict[str, Any] = {}
    text = ""
    if config is not None and config.suffix in _JS_SUFFIXES:
        try:
            text = config.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
    elif config is not None:
        data = _read_config(config)
    scheme, prefix = scheme_for(project.generator, data, text)
    return replace(project, heading_ids=scheme, heading_id_prefix=prefix)


def _build(kind: str, root: Path, config: Path | None) -> Project:
    data = _read_config(config) if config is not None else {}
    text = ""
    if config is not None and config.suffix in (".js", ".mjs", ".cjs", ".ts", ".mts"):
        try:
            text = config.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
    r = str(root)
    cfg = str(config) if config else None
    if kind == "hugo":
        content = _str(_ci(data, "contentDir")) or "content"
        perms = _ci(data, "permalinks") or {}
        table: list[tuple[str, str]] = []
        if isinstance(perms, dict):
            for key, value in perms.items():
                if isinstance(value, str):
                    table.append((str(key), value))
                elif isinstance(value, dict) and key == "page":  # Hugo 0.118+: kind first
                    table.extend((str(k), v) for k, v in value.items() if isinstance(v, str))
        lang = _str(_ci(data, "languageCode")) or _str(_ci(data, "defaultContentLanguage"))
        return Project("hugo", r, cfg, (str(root / content),), tuple(table),
                       _str(_ci(data, "baseURL")), lang, _str(_ci(data, "title")), (),
                       not bool(_ci(data, "disablePathToLower")), bool(_ci(data, "uglyURLs")),
                       (str(root / "static"),))
    if kind == "jekyll":
        permalink = _str(data.get("permalink")) or "date"
        url = _str(data.get("url")) or _str(data.get("production_url"))
        baseurl = _str(data.get("baseurl")) or ""
        base = (url.rstrip("/") + "/" + baseurl.strip("/")).rstrip("/") + "/" if url else None
        raw_excludes = data.get("exclude")
        excludes: list[Any] = raw_excludes if isinstance(raw_excludes, list) else []
        collections_dir = _str(data.get("collections_dir")) or ""
        return Project("jekyll", r, cfg, (str(root / collections_dir) if collections_dir
                                          else r,),
                       (("", permalink),), base, _str(data.get("lang")) or _str(
                           data.get("locale")), _str(data.get("title")) or _str(data.get("name")),
                       tuple(str(x) for x in excludes), False, False, ())
    if kind == "zola":
        raw_slugify = data.get("slugify")
        slugify: dict[str, Any] = raw_slugify if isinstance(raw_slugify, dict) else {}
        lower = slugify.get("paths", "on") == "on"
        return Project("zola", r, cfg, (str(root / "content"),), (), _str(data.get("base_url")),
                       _str(data.get("default_language")), _str(data.get("title")), (), lower,
                       False, (str(root / "static"),))
    if kind == "astro":
        src = root / "src"
        return Project("astro", r, cfg, (str(src / "content"), str(src / "pages")), (),
                       _js_string(text, "site"), None, None, (), True, False,
                       (str(root / "public"),))
    if kind == "eleventy":
        m = re.search(r"\binput\s*:\s*[\"'`]([^\"'`]+)[\"'`]", text)
        inp = (root / m.group(1)).resolve() if m else root
        return Project("eleventy", r, cfg, (str(inp),), (), None, None, None, (), False, False,
                       ())
    return Project(kind, r, cfg, (), (), None, None, None, (), False, False, ())


# --- slugs ------------------------------------------------------------------------------------

def slug_jekyll(text: str) -> str:
    """Jekyll's `slugify(mode: "pretty", cased: true)`: keeps case and ._~!$&'()+,;=@."""
    out = re.sub(r"(?:[^\w.~!$&'()+,;=@]|_)+", "-", text)
    return out.strip("-")


def slug_ascii(text: str) -> str:
    """Zola's default (the `slug` crate): ASCII, lower case, runs of other characters -> '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def slug_hugo(text: str, lower: bool = True) -> str:
    """Hugo's urlize: spaces to hyphens, drops characters a path cannot hold, lower case."""
    out = re.sub(r"\s+", "-", text.strip())
    out = re.sub(r"[^\w.~+@\-/]", "", out)
    return out.lower() if lower else out


def slug_github(text: str) -> str:
    """Astro's (github-slugger): lower case, punctuation dropped, spaces to hyphens."""
    out = re.sub(r"[^\w\- ]", "", text.lower())
    return out.replace(" ", "-")


def _slug(generator: str, text: str, project: Project) -> str:
    if generator == "jekyll":
        return slug_jekyll(text)
    if generator == "zola":
        return slug_ascii(text) if project.lowercase else text
    if generator == "hugo":
        return slug_hugo(text, project.lowercase)
    if generator == "astro":
        return slug_github(text)
    return text


# --- URLs -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    """Where a source file ends up on the site."""

    url_path: str  # "/posts/hello/" (what the page is served at, from the site root)
    kind: str  # post, page or listing
    date: str | None  # ISO date, from the front matter, the file name or the path
    aliases: tuple[str, ...] = ()
    published: bool = True  # False: permalink: false (Eleventy), the page is never written


def parse_date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            try:
                return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
            except ValueError:
                return None
    return None


def name_date(stem: str) -> tuple[dt.date | None, str]:
    """(date, rest) of a file name such as 2024-05-01-slug."""
    m = _DATE_NAME.match(stem)
    if not m:
        return None, stem
    try:
        date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None, stem
    return date, m.group(4) or ""


DATE_KEYS = ("date", "pubDate", "published", "publishDate", "published_at", "created")


def front_date(fm: dict[str, Any]) -> dt.date | None:
    for key in DATE_KEYS:
        date = parse_date(fm.get(key))
        if date is not None:
            return date
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _expand(pattern: str, values: dict[str, str]) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        # Longest known placeholder first: `:titlefoo` is not `:title` + "foo" in Jekyll either.
        for cut in range(len(key), 0, -1):
            if key[:cut] in values:
                return values[key[:cut]] + key[cut:]
        return m.group(0)

    return _PLACEHOLDER.sub(sub, pattern)


def _clean_path(path: str) -> str:
    path = "/" + re.sub(r"/{2,}", "/", path).lstrip("/")
    return path


def _pattern_for(table: tuple[tuple[str, str], ...], section: str) -> str | None:
    """The pattern for a section (the first folder under the content root): its own, else
    "*" (every section); "" names the files directly in the content root."""
    mapping = dict(table)
    return mapping.get(section) or mapping.get("*")


def place(rel: PurePosixPath, fm: dict[str, Any], project: Project,
          overrides: tuple[tuple[str, str], ...] = ()) -> Placement:
    """The URL path, kind and date of the file `rel` (relative to its content folder)."""
    gen = project.generator
    stem = rel.stem
    parts = list(rel.parent.parts)
    is_section = stem == "_index"
    is_bundle = stem in ("index", "+page")  # SvelteKit (mdsvex) routes: blog/hello/+page.md
    in_posts = "_posts" in parts or "_drafts" in parts
    if is_bundle or is_section:
        name = parts[-1] if parts else ""
        date, rest = name_date(name)
    else:
        date, rest = name_date(stem)
        name = stem
    if date is not None and rest:
        name_slug = rest
    else:
        name_slug = name
    fdate = front_date(fm)
    slug_fm = _str(fm.get("slug"))
    values: dict[str, str] = {}
    when = fdate or date
    if when is not None:
        values.update(year=f"{when.year:04d}", month=f"{when.month:02d}", day=f"{when.day:02d}",
                      i_month=str(when.month), i_day=str(when.day),
                      short_year=f"{when.year % 100:02d}", y_day=f"{when.timetuple().tm_yday:03d}",
                      week=f"{when.isocalendar()[1]:02d}",
                      short_day=when.strftime("%a"), monthname=when.strftime("%B").lower())
    dirs = [p for p in parts if p not in ("_posts", "_drafts")]
    section = dirs[0] if dirs else ""
    aliases = tuple(_strings(fm.get("aliases")) + _strings(fm.get("redirect_from")))
    published = True
    url: str | None = None

    if gen == "jekyll":
        cats = [c.lower() for c in dirs] if in_posts else []
        for key in ("categories", "category"):
            raw = fm.get(key)
            if isinstance(raw, str):
                cats += [c.lower() for c in raw.split()]
            else:
                cats += [c.lower() for c in _strings(raw)]
        title_slug = slug_jekyll(slug_fm or name_slug)
        values.update(title=title_slug, slug=slug_jekyll(slug_fm or name_slug), name=slug_jekyll(
            stem), categories="/".join(dict.fromkeys(cats)), output_ext=".html",
            path="/".join(dirs), basename=stem, collection="posts")
        style = _pattern_for(overrides, section) or dict(project.permalinks).get("", "date")
        pattern = _JEKYLL_STYLES.get(style, style)
        fm_link = _str(fm.get("permalink"))
        if fm_link:
            pattern = _JEKYLL_STYLES.get(fm_link, fm_link)
        elif not in_posts:
            if stem == "index":
                pattern = "/:path/"
            elif style == "pretty" or pattern.endswith("/"):
                pattern = "/:path/:basename/"
            elif style in _JEKYLL_STYLES or pattern.endswith(":output_ext"):
                pattern = "/:path/:basename:output_ext"
            else:
                pattern = "/:path/:basename"
        url = _expand(pattern, values)
    else:
        slug_dirs = [_slug(gen, d, project) for d in dirs]
        if is_bundle or is_section:
            leaf_dirs = slug_dirs[:-1]
            leaf = slug_fm or _slug(gen, name_slug, project)
        else:
            leaf_dirs = slug_dirs
            leaf = slug_fm or _slug(gen, name_slug, project)
        if gen == "hugo" and slug_fm is None and not (is_bundle or is_section):
            leaf = _slug(gen, name_slug, project)
        title = _str(fm.get("title")) or name_slug
        values.update(slug=leaf, title=_slug(gen, title, project) if gen != "jekyll" else leaf,
                      filename=_slug(gen, name_slug, project), contentbasename=leaf,
                      section=section, sections="/".join(slug_dirs[:-1] if is_section else
                                                         slug_dirs),
                      path="/".join(leaf_dirs), collection=section)
        chosen = _pattern_for(overrides, section) or _pattern_for(project.permalinks, section)
        if gen == "hugo" and _str(fm.get("url")):
            url = _str(fm.get("url"))
        elif gen == "zola" and _str(fm.get("path")):
            url = "/" + str(_str(fm.get("path"))).strip("/") + "/"
        elif gen == "eleventy" and "permalink" in fm:
            link = fm.get("permalink")
            if link is False:
                published = False
            elif isinstance(link, str) and "{{" not in link and "{%" not in link:
                url = link if link.startswith("/") else "/" + link
                if url.endswith("index.html"):
                    url = url[: -len("index.html")]
        if url is None and is_section:
            url = "/" + "/".join(slug_dirs) + "/" if slug_dirs else "/"
        elif url is None and chosen:
            url = _expand(chosen, values)
        elif url is None:
            if is_bundle and not leaf_dirs and not dirs:
                url = "/"
            else:
                url = "/" + "/".join([*leaf_dirs, leaf]) + "/"
                if gen == "hugo" and project.ugly_urls:
                    url = url.rstrip("/") + ".html"
    url = _clean_path(url or "/")
    if date is None and fdate is None:
        m = _DATE_PATH.search(url)
        if m:
            try:
                date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                date = None
    when = fdate or date
    if is_section:
        kind = "listing"
    elif gen == "jekyll":
        kind = "post" if in_posts else "page"
    elif is_bundle and not dirs:
        kind = "page"
    elif when is not None or section.lower() in _POST_SECTIONS:
        kind = "post"
    else:
        kind = "page"
    layout = _str(fm.get("layout"))
    if layout in ("page", "home", "default") and gen == "jekyll" and not in_posts:
        kind = "page"
    return Placement(url, kind, when.isoformat() if when else None,
                     tuple(_clean_path(a) for a in aliases if not urlsplit(a).scheme), published)


# What a permalink placeholder can expand to, as a regex (None: a free run of folders).
_PLACEHOLDER_RE = {
    "year": r"\d{4}", "month": r"\d{2}", "day": r"\d{2}", "i_month": r"\d{1,2}",
    "i_day": r"\d{1,2}", "short_year": r"\d{2}", "y_day": r"\d{3}", "week": r"\d{2}",
    "short_day": r"[A-Za-z]{3}", "monthname": r"[a-z]+", "output_ext": r"\.html",
    "slug": r"[^/]+", "title": r"[^/]+", "filename": r"[^/]+", "contentbasename": r"[^/]+",
    "name": r"[^/]+", "basename": r"[^/]+", "slugorfilename": r"[^/]+",
    "slugorcontentbasename": r"[^/]+", "section": r"[^/]+",
    "sections": r"(?:[^/]+/)*", "path": r"(?:[^/]+/)*", "categories": r"(?:[^/]+/)*",
}
_DATE_PARTS = frozenset({"year", "month", "day", "i_month", "i_day", "short_year", "y_day",
                         "week"})


def permalink_patterns(project: Project,
                       overrides: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """Regexes of the URL paths the site's permalink patterns produce, for the patterns that pin
    a URL down (a literal folder, or a date): a link that matches one, and is no page, points to
    a post that does not exist. A pattern such as "/:slug/" pins nothing down (a theme page may
    live there) and is left out."""
    table = dict(project.permalinks)
    table.update(dict(overrides))
    out: list[str] = []
    for pattern in table.values():
        pattern = _JEKYLL_STYLES.get(pattern, pattern)
        regex = _pattern_regex(pattern)
        if regex is not None and regex not in out:
            out.append(regex)
    return tuple(out)


def _pattern_regex(pattern: str) -> str | None:
    pieces: list[str] = []
    pinned = False
    pos = 0
    for m in _PLACEHOLDER.finditer(pattern):
        literal = pattern[pos:m.start()]
        if literal.strip("/"):
            pinned = True
        pieces.append(re.escape(literal))
        key = m.group(1)
        regex = _PLACEHOLDER_RE.get(key)
        if regex is None:
            return None  # a placeholder seolint does not know: do not guess its URLs
        if key in _DATE_PARTS:
            pinned = True
        pieces.append(regex)
        pos = m.end()
    tail = pattern[pos:]
    if tail.strip("/"):
        pinned = True
    pieces.append(re.escape(tail))
    if not pinned:
        return None
    body = re.sub(r"/{2,}", "/", "".join(pieces))
    body = body.replace(r"(?:[^/]+/)*/", r"(?:[^/]+/)*")
    return "^/" + body.strip("/") + "/?$"


def remapped_sections(project: Project,
                      overrides: tuple[tuple[str, str], ...] = ()) -> tuple[str, ...]:
    """"/posts/" for each Hugo section whose permalink pattern moves its pages elsewhere: under
    that folder only the section's list page is left, so a link below it is checked."""
    if project.generator != "hugo":
        return ()
    table = dict(project.permalinks)
    table.update(dict(overrides))
    return tuple(f"/{section}/" for section, pattern in table.items()
                 if section not in ("", "*") and not pattern.startswith(f"/{section}/")
                 and not pattern.startswith("/:section"))


def is_draft(rel: PurePosixPath, fm: dict[str, Any]) -> bool:
    """Drafts as generators see them: `draft: true`, Jekyll's `published: false` and _drafts/."""
    if "_drafts" in rel.parts:
        return True
    draft = fm.get("draft")
    if draft is True or (isinstance(draft, str) and draft.strip().lower() in ("true", "yes")):
        return True
    return fm.get("published") is False
