"""Benchmark `powtrack serve`: requests/s and p50/p99 latency of the main pages.

Builds a ledger with N exchanges (default 10,000; records made directly,
without extraction, so only the serving is measured), starts
``powtrack serve`` under uvicorn in a subprocess on 127.0.0.1, and sends a
fixed number of requests per URL from an asyncio load generator with a
fixed concurrency. Nothing but 127.0.0.1 is contacted; every loop is
bounded by its request count and a timeout.

    .venv/bin/python benchmarks/serve.py                  # 10,000 exchanges, SQLite
    .venv/bin/python benchmarks/serve.py --exchanges 500 --requests 50
    .venv/bin/python benchmarks/serve.py --db postgresql+psycopg://u:pw@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx2

from powtrack.document import Document
from powtrack.records import Event, Evidence, Record
from powtrack.store import Store

PAIRS = [("Ukraine", "Russia"), ("Armenia", "Azerbaijan"), ("Israel", "Hamas"),
         ("Houthis", "Yemeni government"), ("United States", "Iran"),
         ("United States", "Russia"), ("Belarus", "Ukraine"), ("Venezuela", "United States")]
OUTLETS = ["kyiv-daily.example", "wire-service.example", "caucasus-news.example",
           "gulf-times.example", "world-report.example"]
MEDIATORS = ["United Arab Emirates", "Qatar", "Saudi Arabia", "Turkey", "Vatican", "ICRC"]


def _event(day: date, parties: tuple[str, str], a: int, b: int, text: str,
           mediator: str | None) -> Event:
    evidence = []
    for party, value in ((parties[0], a), (parties[1], b)):
        at = text.index(f" {value} ") + 1
        evidence.append(Evidence("returned", value, at, at + len(str(value)), text, 0,
                                 party=party, attributed_to=party))
    return Event(status="completed", date=day, date_text=day.isoformat(),
                 parties=list(parties), returned={parties[0]: [a], parties[1]: [b]},
                 mediators=[mediator] if mediator else [], evidence=evidence)


def build(store: Store, n_exchanges: int, seed: int = 3) -> int:
    """Store reports of ``n_exchanges`` swaps (one in five reported twice, one in
    twenty with a disputed figure) and resolve them; returns the documents stored."""
    rng = random.Random(seed)
    n_docs = 0
    per_pair = -(-n_exchanges // len(PAIRS))
    for p, parties in enumerate(PAIRS):
        # swaps of one pair far enough apart that each resolves on its own
        day = date(1990, 1, 1) + timedelta(days=p)
        for i in range(min(per_pair, n_exchanges - p * per_pair)):
            day += timedelta(days=rng.randrange(47, 60))
            a, b = rng.randrange(20, 500), rng.randrange(20, 500)
            mediator = rng.choice(MEDIATORS) if rng.random() < 0.4 else None
            reports = 2 if rng.random() < 0.2 else 1
            for r in range(reports):
                # a second outlet sometimes gives a slightly different figure: a conflict
                shown = a - max(1, a // 40) if r == 1 and rng.random() < 0.25 else a
                outlet = OUTLETS[(i + r) % len(OUTLETS)]
                text = (f"{parties[0]} and {parties[1]} exchanged prisoners on {day:%B %d, %Y}. "
                        f"{parties[0]} said {shown} of its people came home, and {parties[1]} "
                        f"said {b} of its people were returned ({outlet}, report {r}).")
                doc = Document(text=text, id=f"p{p}s{i}r{r}", url=f"https://{outlet}/{p}/{i}/{r}",
                               published=day + timedelta(days=r), title=f"Swap {p}-{i}")
                event = _event(day, parties, shown, b, text, mediator)
                store.add_document(doc, Record(id=doc.key, relevant=True, events=[event],
                                               url=doc.url, published=doc.published))
                n_docs += 1
    store.resolve()
    return n_docs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "powtrack", "serve", "--db", db,
                             "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"powtrack serve exited: {proc.stderr.read().decode()}")
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/api/conflicts?per_page=1",
                          timeout=2).status_code == 200:
                return proc
        except httpx2.TransportError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("powtrack serve did not start within 60 s")


async def load(url: str, requests: int, concurrency: int, warmup: int = 10) -> dict:
    """Send ``requests`` GETs to ``url`` with ``concurrency`` in flight; time each one."""
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(limits=limits, timeout=60) as client:
        for _ in range(warmup):
            (await client.get(url)).raise_for_status()
        latencies: list[float] = []
        errors = 0
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(requests):
            queue.put_nowait(i)

        async def worker() -> None:
            nonlocal errors
            while True:
                try:
                    queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                response = await client.get(url)
                await response.aread()
                latencies.append(time.perf_counter() - t0)
                errors += response.status_code != 200

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - start
    latencies.sort()
    return {"requests": requests, "concurrency": concurrency, "errors": errors,
            "rps": requests / wall,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
            "bytes": len(await _once(url))}


async def _once(url: str) -> bytes:
    async with httpx2.AsyncClient(timeout=60) as client:
        return (await client.get(url)).content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exchanges", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300, help="per URL")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in --workdir)")
    parser.add_argument("--workdir", help="folder for the SQLite file (default: a temp folder)")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args()

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="powtrack-serve-bench-"))
    db = args.db or f"sqlite:///{workdir / 'serve-bench.db'}"
    with Store.open(db) as store:
        have = store.counts()["exchanges"]
        if have == 0:
            t0 = time.perf_counter()
            n_docs = build(store, args.exchanges)
            print(f"built {store.counts()['exchanges']:,} exchanges from {n_docs:,} documents "
                  f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        elif have != args.exchanges:
            raise SystemExit(f"{db} holds {have:,} exchanges, not {args.exchanges:,}; "
                             "use an empty database")
        n_exchanges = store.counts()["exchanges"]
        one = store.exchanges(limit=1)[0]["id"]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    targets = [
        ("overview page", "/"),
        ("overview chart data", "/api/timeline"),
        ("exchanges list page", "/exchanges"),
        ("exchanges list API", "/api/exchanges"),
        ("exchanges list, filtered", "/exchanges?party=Ukraine&year=2000&sort=returned_to_a"),
        ("one exchange page", f"/exchanges/{one}"),
        ("one exchange API", f"/api/exchanges/{one}"),
    ]
    proc = start_server(db, port)
    results = []
    try:
        for name, path in targets:
            r = asyncio.run(load(base + path, args.requests, args.concurrency))
            r.update(name=name, path=path)
            results.append(r)
            print(f"{name:28} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
                  f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}", file=sys.stderr)
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    out = {"exchanges": n_exchanges, "backend": db.split(":", 1)[0],
           "python": sys.version.split()[0],
           "machine": f"{platform.machine()}, {os.cpu_count()} CPUs", "results": results}
    print("| what | path | req/s | p50 ms | p99 ms |")
    print("|---|---|---:|---:|---:|")
    for r in results:
        print(f"| {r['name']} | `{r['path']}` | {r['rps']:.0f} | {r['p50_ms']:.1f} "
              f"| {r['p99_ms']:.1f} |")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
