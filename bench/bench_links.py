"""Benchmark the outbound-link checker: 2,000 distinct URLs over 20 local hosts.

The hosts are 127.0.0.1 ... 127.0.0.20, served by a child process (asyncio, keep-alive) that
answers every request after `--latency` seconds, as a real server would take. The checker runs
in this process with an empty cache, and the run prints URLs/s next to the bound the politeness
settings set (per host: `concurrency / latency` requests a second, or `1 / delay` when a delay is
slower; times the hosts), and the peak memory of this process.

    python bench/bench_links.py                       # 2,000 URLs, 20 hosts, 100 ms, 2 per host
    python bench/bench_links.py --delay 0.1           # bound by the per-host delay instead
    python bench/bench_links.py --latency 0.02        # a stress test: then seolint is the bound

The goal: seolint reaches the politeness bound (the URLs/s the settings allow), not less.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from seolint.sources.linkcheck import LinkChecker, LinkOptions  # noqa: E402


async def _serve(hosts: int, port: int, latency: float, ready: object) -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method = head.split(b" ", 1)[0]
                if latency:
                    await asyncio.sleep(latency)
                body = b"" if method == b"HEAD" else b"ok"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/html"
                             b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, f"127.0.0.{i + 1}", port)
               for i in range(hosts)]
    ready.set()  # type: ignore[attr-defined]
    await asyncio.gather(*(s.serve_forever() for s in servers))


def _server_main(hosts: int, port: int, latency: float, ready: object) -> None:
    asyncio.run(_serve(hosts, port, latency, ready))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1, help="server seconds per answer")
    parser.add_argument("--concurrency", type=int, default=2, help="requests at once per host")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds between starts")
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--rounds", type=int, default=3, help="runs; the median is reported")
    args = parser.parse_args()

    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    server = ctx.Process(target=_server_main, args=(args.hosts, args.port, args.latency, ready),
                         daemon=True)
    server.start()
    if not ready.wait(20):
        raise SystemExit("the benchmark servers did not start")
    urls = [f"http://127.0.0.{i % args.hosts + 1}:{args.port}/post/{i}" for i in range(args.urls)]
    per_host = args.concurrency / args.latency if args.latency else float("inf")
    if args.delay:
        per_host = min(per_host, 1 / args.delay)
    bound = per_host * args.hosts
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rates = []
    try:
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory() as cache:
                options = LinkOptions(check_external=True, concurrency=args.concurrency,
                                      delay=args.delay, budget=600, cache_dir=cache)
                started = time.perf_counter()
                facts = LinkChecker(options).check(urls)
                seconds = time.perf_counter() - started
            states = {s.state for s in facts.results.values()}
            assert states == {"ok"}, states
            rates.append(args.urls / seconds)
            print(f"  {args.urls} URLs in {seconds:.2f} s: {args.urls / seconds:.0f} URLs/s "
                  f"({facts.requests} requests)")
    finally:
        server.terminate()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rates.sort()
    median = rates[len(rates) // 2]
    print(f"{args.urls} distinct URLs over {args.hosts} hosts, latency {args.latency * 1000:g} ms, "
          f"concurrency {args.concurrency}/host, delay {args.delay:g} s")
    print(f"median {median:.0f} URLs/s; politeness bound {bound:.0f} URLs/s "
          f"({median / bound:.0%} of it)")
    print(f"peak memory {rss_after / 1024:.0f} MB (the check added "
          f"{(rss_after - rss_before) / 1024:.0f} MB over the interpreter and imports)")


if __name__ == "__main__":
    main()
