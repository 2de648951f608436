"""Benchmark: `seolint crawl` with every rule against a bare httpx fetch-all loop, same URLs.

    python bench/bench_crawl.py [--pages 3000] [--concurrency 4] [--runs 1] [--server nginx]
                                [--with-check]

It generates a blog of --pages interlinked pages (home, paginated listings, tag pages, posts of
about 500 words with navigation, related posts and images; robots.txt and sitemap.xml), serves
it on 127.0.0.1 with nginx when it is installed (started from here, with a throwaway config),
else with a threaded Python server, and in the same run measures:

- bare httpx: one httpx.AsyncClient GETting every URL of the sitemap with --concurrency requests
  at once and reading the bodies (no parsing): the ceiling of any httpx-based crawler;
- seolint crawl: `python -m seolint crawl URL --select ALL -f json` as a user runs it (robots.txt,
  sitemap, link discovery, every page and site rule, the JSON report), in a subprocess.

It prints pages per second for both (seolint's from its own summary line, which excludes Python's
start-up, and from the wall clock), their ratio, and the peak RSS of seolint's process tree
(the main process plus its analysis workers, sampled every 0.5 s with psutil when it is
installed, else from Linux's /proc; "not measured" where neither works, never a false 0).
Targets: >= 300 pages/s, peak RSS <= 300 MB at 10,000 pages.
Not part of the test suite: timings belong here, never in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("run runner running pace breath stride shoe trail road race mile tempo easy long "
         "recovery rest week plan start late body legs heart lungs morning evening rain hill "
         "track coach habit goal slow fast steady calm strong tired fresh sore stretch warm "
         "cool water sleep food coffee friend club city park river bridge path").split()
TAGS = ["training", "shoes", "nutrition", "races", "injuries", "beginners", "trails", "gear"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, n: int = 5) -> str:
    return " ".join(_sentence(rng) for _ in range(n))


def generate(root: Path, pages: int, base: str = "http://127.0.0.1", seed: int = 7) -> list[str]:
    """Write the site; return its paths (as in the sitemap)."""
    rng = random.Random(seed)
    per_listing = 20
    posts = max(1, pages - 1 - len(TAGS) - (pages // per_listing))
    listings = (posts + per_listing - 1) // per_listing
    paths: list[str] = ["/"]
    post_paths = [f"/posts/{i:05d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}/" for i in range(posts)]
    listing_paths = ["/"] + [f"/page/{i}/" for i in range(2, listings + 1)]
    tag_paths = [f"/tags/{t}/" for t in TAGS]
    nav = ('<header class="site-header"><a href="/">Backwards &amp; Forwards</a>\n<nav>'
           + " ".join(f'<a href="{p}">{t}</a>' for p, t in zip(tag_paths, TAGS, strict=True))
           + ' <a href="/about/">About</a></nav></header>')

    def head(title: str, path: str, description: str) -> str:
        return textwrap.dedent(f"""\
            <!doctype html>
            <html lang="en"><head>
            <meta charset="utf-8">
            <title>{title}</title>
            <meta name="description" content="{description}">
            <link rel="canonical" href="{base}{path}">
            <meta property="og:title" content="{title}">
            <meta property="og:description" content="{description}">
            <meta property="og:image" content="/img/cover.jpg">
            </head><body>
            """)

    def write(path: str, html: str) -> None:
        target = root / path.lstrip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")

    for i, path in enumerate(post_paths):
        title = f"Post {i}: {' '.join(rng.choice(WORDS) for _ in range(5)).capitalize()}"
        related = rng.sample(post_paths, min(5, len(post_paths)))
        body = "\n".join(f"<p>{_paragraph(rng)}</p>" for _ in range(6))
        sections = "\n".join(f"<h2>{_sentence(rng)[:40]}</h2>\n<p>{_paragraph(rng, 4)}</p>"
                             for _ in range(3))
        write(path, head(title, path, _sentence(rng) + " " + _sentence(rng)) + nav + f"""
<main><article><h1>{title}</h1>
<p>By <a href="/about/">Ana Costa</a>, <time datetime="2026-0{i % 9 + 1}-01">2026</time></p>
<img src="/img/{i}.jpg" alt="A runner on a {rng.choice(WORDS)} path" width="640" height="360">
{body}
{sections}
<p>Read more in <a href="https://www.example.org/study/{i}">this study</a>.</p>
</article>
<aside class="related"><h2>Related posts</h2><ul>
{"".join(f'<li><a href="{p}">{p.split("/")[2]}</a></li>' for p in related)}
</ul></aside></main>
<footer><a href="/about/">About</a> <a href="/">Home</a></footer>
</body></html>
""")
    for n, path in enumerate(listing_paths, start=1):
        chunk = post_paths[(n - 1) * per_listing:n * per_listing]
        items = "\n".join(f'<article><h2><a href="{p}">{p.split("/")[2]}</a></h2>'
                          f"<p>{_sentence(rng)}</p></article>" for p in chunk)
        nxt = f'<a href="/page/{n + 1}/">Older posts</a>' if n < listings else ""
        write(path, head(f"Backwards & Forwards, page {n} of the running blog", path,
                         "Notes on running from a runner who started late: training, shoes, "
                         "races and what she learned on the way.")
              + nav + f"<main><h1>Posts</h1>\n{items}\n<p>{nxt}</p></main></body></html>\n")
    for tag, path in zip(TAGS, tag_paths, strict=True):
        chunk = rng.sample(post_paths, min(30, len(post_paths)))
        items = "\n".join(f'<li><a href="{p}">{p.split("/")[2]}</a></li>' for p in chunk)
        write(path, head(f"Posts about {tag} on the Backwards & Forwards running blog", path,
                         f"Every post about {tag} on Backwards & Forwards, the running blog of "
                         "a runner who started late.")
              + nav + f"<main><h1>{tag}</h1><ul>\n{items}\n</ul></main></body></html>\n")
    write("/about/", head("About Ana Costa, who took up running at forty", "/about/",
                          "Who writes Backwards & Forwards: Ana Costa, a runner who started "
                          "at forty and writes about what she learns.")
          + nav + f"<main><h1>About</h1><p>{_paragraph(rng)}</p></main></body></html>\n")
    paths = listing_paths + tag_paths + ["/about/"] + post_paths
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /drafts/\n", encoding="utf-8")
    return paths


def write_sitemap(root: Path, base: str, paths: list[str]) -> None:
    locs = "\n".join(f"  <url><loc>{base}{p}</loc></url>" for p in paths)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9">\n{locs}\n</urlset>\n', encoding="utf-8")


# --- servers ----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    def __init__(self, root: Path, port: int, work: Path) -> None:
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        conf = work / "nginx.conf"
        (work / "logs").mkdir(exist_ok=True)
        conf.write_text(textwrap.dedent(f"""\
            worker_processes 1;
            error_log {work}/logs/error.log crit;
            pid {work}/nginx.pid;
            events {{ worker_connections 1024; }}
            http {{
              include /etc/nginx/mime.types;
              access_log off;
              sendfile on;
              keepalive_requests 100000;
              client_body_temp_path {work}/body;
              proxy_temp_path {work}/proxy;
              fastcgi_temp_path {work}/fastcgi;
              uwsgi_temp_path {work}/uwsgi;
              scgi_temp_path {work}/scgi;
              server {{
                listen 127.0.0.1:{port};
                root {root};
                index index.html;
              }}
            }}
            """))
        self.proc = subprocess.Popen([self.binary, "-c", str(conf), "-p", str(work), "-g",
                                      "daemon off; user root;" if os.geteuid() == 0
                                      else "daemon off;"])
        _wait_port(port)

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGQUIT)
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class PythonServer:
    def __init__(self, root: Path, port: int) -> None:
        import functools
        from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

        class Quiet(SimpleHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port),
                                          functools.partial(Quiet, directory=str(root)))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()


def _wait_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"the server did not start on port {port}")


# --- the two measurements ---------------------------------------------------------------------

def bare_httpx(urls: list[str], concurrency: int) -> float:
    import httpx

    async def main() -> None:
        queue = list(reversed(urls))
        async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency)) as client:
            async def worker() -> None:
                while queue:
                    response = await client.get(queue.pop())
                    response.read()

            await asyncio.gather(*(worker() for _ in range(concurrency)))

    started = time.perf_counter()
    asyncio.run(main())
    return time.perf_counter() - started


def seolint_crawl(url: str, max_pages: int, concurrency: int, jobs: int | None
                  ) -> tuple[float, float | None, dict[str, int | None], str]:
    """(wall seconds, seolint's own crawl seconds, peak memory in bytes, summary line)."""
    cmd = [sys.executable, "-m", "seolint", "crawl", url, "--select", "ALL", "-f", "json",
           "-o", os.devnull, "--no-progress", "--max-pages", str(max_pages),
           "--concurrency", str(concurrency), "--exit-zero"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())
    peak = _watch_rss(proc)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"seolint crawl failed ({proc.returncode}):\n{err}")
    m = re.search(r"in ([\d.]+) s", err)
    summary = next((line for line in err.splitlines() if "crawled" in line), err.strip())
    return wall, float(m.group(1)) if m else None, peak, summary


def _watch_rss(proc: subprocess.Popen[str]) -> dict[str, int | None]:
    """Peak memory of seolint's process tree while it runs: the main process's RSS, the sum of
    every process's RSS (which counts shared pages once per process), and the sum of PSS.

    The main process's peak is its own high-water mark (VmHWM in /proc, read every 50 ms: one
    small file). The tree is swept every SAMPLE_SECONDS, with psutil when it is installed, else
    from /proc (Linux: the children from each process's stat, Rss and Pss from smaps_rollup):
    reading every process's smaps costs about 15 ms a sweep, and sweeping every 50 ms took an
    eighth of this 2-core machine away from the crawl being measured. Where neither works, a
    figure is None ("not measured"), never a 0 that reads as a measurement."""
    peak: dict[str, int | None] = {"main": 0, "tree_rss": 0, "tree_pss": 0}
    try:
        import psutil  # type: ignore[import-untyped]
    except ImportError:
        psutil = None
    sweep = _psutil_sweep(psutil) if psutil is not None else _proc_sweep
    swept = False
    status = Path(f"/proc/{proc.pid}/status")
    next_sweep = 0.0
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak["main"] = max(peak["main"] or 0, int(line.split()[1]) * 1024)
        except (OSError, ValueError):
            pass
        if time.monotonic() >= next_sweep:
            next_sweep = time.monotonic() + SAMPLE_SECONDS
            found = sweep(proc.pid)
            if found is not None:
                swept = True
                main, rss, pss = found
                peak["main"] = max(peak["main"] or 0, main)
                peak["tree_rss"] = max(peak["tree_rss"] or 0, rss)
                if pss is None:
                    peak["tree_pss"] = None
                elif peak["tree_pss"] is not None:
                    peak["tree_pss"] = max(peak["tree_pss"], pss)
        time.sleep(0.05)
    if not swept:
        peak["tree_rss"] = peak["tree_pss"] = None
    if not peak["main"]:
        peak["main"] = None  # no /proc (not Linux) and no psutil
    return peak


Sweep = Callable[[int], tuple[int, int, int | None] | None]


def _psutil_sweep(psutil: Any) -> Sweep:
    def sweep(pid: int) -> tuple[int, int, int | None] | None:
        try:
            parent = psutil.Process(pid)
            infos = [p.memory_full_info() for p in [parent, *parent.children(recursive=True)]]
        except psutil.Error:
            return None
        return infos[0].rss, sum(i.rss for i in infos), sum(i.pss for i in infos)
    return sweep


def _proc_sweep(pid: int) -> tuple[int, int, int | None] | None:
    """(main RSS, tree RSS, tree PSS or None) from /proc, in bytes; None without /proc."""
    children: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return None
    for entry in entries:
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # it ended meanwhile
        # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after it
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and fields[1].isdigit():
            children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, ()))
    sizes: list[tuple[int, int | None]] = []
    for member in tree:
        rss, pss = _proc_memory(member)
        if rss is not None:
            sizes.append((rss, pss))
    if not sizes or tree[0] != pid:
        return None
    main = sizes[0][0]
    pss_total = None if any(p is None for _, p in sizes) else sum(p or 0 for _, p in sizes)
    return main, sum(r for r, _ in sizes), pss_total


def _proc_memory(pid: int) -> tuple[int | None, int | None]:
    """(Rss, Pss) of one process in bytes, from smaps_rollup (Linux 4.14+), else VmRSS alone."""
    values: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("Rss", "Pss") and rest.split():
                values[key] = int(rest.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    if "Rss" in values:
        return values["Rss"], values.get("Pss")
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024, None
    except (OSError, ValueError):
        pass
    return None, None


def _mb(value: int | None) -> str:
    return "not measured" if value is None else f"{value / 1048576:.0f} MB"


SAMPLE_SECONDS = 0.5


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--server", choices=("auto", "nginx", "python"), default="auto")
    ap.add_argument("--with-check", action="store_true",
                    help="also time `seolint check` of the generated folder (the same pages, "
                         "from disk, no network): the analysis alone")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="seolint-bench-") as tmp:
        work = Path(tmp)
        site = work / "site"
        site.mkdir()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        paths = generate(site, args.pages, base)
        write_sitemap(site, base, paths)
        use_nginx = args.server == "nginx" or (
            args.server == "auto" and (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()))
        server = Nginx(site, port, work) if use_nginx else PythonServer(site, port)
        try:
            urls = [base + p for p in paths]
            print(f"{len(urls)} pages served by {'nginx' if use_nginx else 'Python'} on "
                  f"{base}; concurrency {args.concurrency}; {os.cpu_count()} cores")
            for _ in range(args.runs):
                bare = bare_httpx(urls, args.concurrency)
                wall, own, peak, summary = seolint_crawl(base + "/", len(urls) + 10,
                                                         args.concurrency, args.jobs)
                crawl_s = own or wall
                print(f"bare httpx   : {len(urls) / bare:8.1f} pages/s ({bare:.2f} s)")
                print(f"seolint crawl: {len(urls) / crawl_s:8.1f} pages/s ({crawl_s:.2f} s "
                      f"crawling; {len(urls) / wall:.1f} pages/s and {wall:.2f} s with start-up "
                      "and report)")
                print(f"ratio        : seolint at {bare / crawl_s * 100:.1f} % of the bare "
                      f"loop's speed ({crawl_s / bare:.1f}x its time)")
                print(f"peak memory  : main process RSS {_mb(peak['main'])}; whole tree "
                      f"(main, forkserver, analysis workers) RSS {_mb(peak['tree_rss'])}, PSS "
                      f"{_mb(peak['tree_pss'])}")
                print(f"seolint said : {summary}")
                if args.with_check:
                    started = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "seolint", "check", str(site),
                                    "--select", "ALL", "-f", "json", "-o", os.devnull,
                                    "--no-progress", "--exit-zero"], check=True)
                    spent = time.perf_counter() - started
                    print(f"seolint check: {len(urls) / spent:8.1f} pages/s ({spent:.2f} s, the "
                          "same pages from disk, with start-up)")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
