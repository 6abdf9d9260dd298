"""Ledger benchmark: ingest speed, database size, query latency and memory.

Two phases, each on its own fresh database (SQLite files under --workdir, or
--db URL for PostgreSQL; the benchmark empties nothing it did not create):

1. ingest: --docs generated news articles (2-3 KB, --relevant share about a
   swap, each swap reported by about three outlets) go through extraction
   (the real pipeline, or --extract generated to time the store alone) into
   the store, then one resolve. Reports documents/s, database size, and
   peak RSS after 10k documents and at the end (flat memory: the two match).
2. queries: --exchanges swaps (about 2.5 reports each, records generated,
   no extraction) are stored and resolved; then `exchanges` and `show` are
   timed through the library and through the CLI.

    python benchmarks/ledger.py                     # 100,000 docs, 10,000 exchanges
    python benchmarks/ledger.py --docs 2000 --exchanges 500 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from powtrack.document import Document
from powtrack.records import Event, Evidence, Record
from powtrack.store import Store, ingest

PAIRS = [
    ("Ukraine", "Russia", "Ukrainians", "Russian servicemen"),
    ("Armenia", "Azerbaijan", "Armenians", "Azerbaijani soldiers"),
    ("Houthis", "Yemeni government", "Houthi fighters", "government soldiers"),
    ("Israel", "Hamas", "Israeli hostages", "Palestinian prisoners"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
OUTLETS = ["wire", "daily", "herald", "courier", "tribune", "gazette", "post", "observer"]
TOPICS = ["road repairs", "school meals", "the new tram line", "water pipes", "park lighting",
          "library hours", "the harbour", "bus fares", "the city hospital", "waste collection",
          "flood defences", "the airport", "housing grants", "the museum", "bike lanes"]
FILLER = [
    "The city council met on {day} to discuss {topic}, and officials said a decision "
    "would follow within {n} weeks.",
    "Local businesses reported that sales rose by {n} percent during the last quarter, "
    "although analysts warned that energy prices could weigh on growth.",
    "A spokesperson for the regional government said {n} new staff would be hired to "
    "manage {topic} before the end of the year.",
    "Residents who attended the public meeting asked why work on {topic} had been delayed "
    "for {n} months.",
    "Forecasters expect temperatures to stay near {n} degrees for the rest of the week, "
    "with light rain in the north.",
    "The football club confirmed that its stadium would host {n} matches next season after "
    "repairs to the main stand.",
    "According to the statistics office, about {n} thousand people moved to the capital "
    "last year, most of them for work.",
    "The university opened applications for {n} scholarships, with priority for students "
    "studying engineering and medicine.",
    "Critics of the plan for {topic} said the budget was too small and that the timetable "
    "was unrealistic.",
    "Volunteers planted {n} trees along the river on {day}, the organisers said in a "
    "statement.",
    "The opposition called for an independent review of spending on {topic}, citing a "
    "report published {n} days ago.",
    "Ticket sales for the summer festival passed {n} thousand, the organisers said.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _filler(rng: random.Random, length: int) -> str:
    parts: list[str] = []
    size = 0
    while size < length:
        sentence = rng.choice(FILLER).format(day=rng.choice(WEEKDAYS), topic=rng.choice(TOPICS),
                                             n=rng.randrange(2, 90))
        parts.append(sentence)
        size += len(sentence) + 1
    # paragraphs of three sentences, as a news page has
    return "\n\n".join(" ".join(parts[i:i + 3]) for i in range(0, len(parts), 3))


def _swap_lead(rng: random.Random, pair, day: date, x: int, y: int, variant: int):
    """Lead paragraph about a swap, and the offsets of the two figures in it."""
    a, b, a_people, b_people = pair
    when = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if variant == 0:
        head = f"{a} and {b} exchanged prisoners on {when}. {a} said "
        mid = f" {a_people} came home, and {b} said "
        tail = f" {b_people} were returned."
    else:
        head = f"A prisoner swap between {b} and {a} took place on {when}, officials said. "
        mid = f" {a_people} were freed in exchange for "
        tail = f" {b_people}."
    text = f"{head}{x}{mid}{y}{tail}"
    xs = len(head)
    ys = xs + len(str(x)) + len(mid)
    return text, (xs, xs + len(str(x))), (ys, ys + len(str(y)))


def _swaps(n: int, rng: random.Random, start: date) -> list[tuple]:
    """n swaps spread over the pairs, each pair's swaps 5 to 25 days apart."""
    days = {p[0]: start for p in PAIRS}
    out = []
    for i in range(n):
        pair = PAIRS[i % len(PAIRS)]
        days[pair[0]] += timedelta(days=rng.randrange(5, 26))
        out.append((pair, days[pair[0]], rng.randrange(10, 900), rng.randrange(10, 900)))
    return out


def documents(n_docs: int, relevant: float, seed: int = 1,
              reports: float = 3.0) -> Iterator[tuple[Document, Record]]:
    """Generated articles with the records an ideal extractor would give, streamed."""
    rng = random.Random(seed)
    n_relevant = round(n_docs * relevant)
    swaps = _swaps(max(1, round(n_relevant / reports)), rng, date(2014, 1, 1))
    every = n_docs / n_relevant if n_relevant else None
    made = 0
    for i in range(n_docs):
        url = f"https://{OUTLETS[i % len(OUTLETS)]}.example/{i}"
        is_swap = every is not None and made < n_relevant and i >= made * every
        if is_swap:
            pair, day, x, y = swaps[made % len(swaps)]
            published = day + timedelta(days=made % 2)
            lead, xs, ys = _swap_lead(rng, pair, day, x, y, made % 2)
            made += 1
            body = _filler(rng, rng.randrange(1800, 2700) - len(lead))
            text = f"{lead}\n\n{body}"
            sentence = lead.split(". ", 1)[1] if made % 2 else lead
            start = lead.index(sentence)
            event = Event(
                status="completed", date=day, date_text=f"on {day:%B} {day.day}, {day.year}",
                parties=[pair[0], pair[1]], returned={pair[0]: [x], pair[1]: [y]},
                evidence=[Evidence("returned", x, xs[0], xs[1], sentence, start, party=pair[0]),
                          Evidence("returned", y, ys[0], ys[1], sentence, start,
                                   party=pair[1])])
            doc = Document(text=text, id=f"doc{i}", url=url, published=published,
                           lang="en", title=f"{pair[0]} and {pair[1]} swap prisoners")
            yield doc, Record(id=doc.key, relevant=True, events=[event], url=url,
                              published=published)
        else:
            published = date(2014, 1, 1) + timedelta(days=rng.randrange(0, 4000))
            text = _filler(rng, rng.randrange(2000, 3000)) + f"\n\nReference {i}."
            doc = Document(text=text, id=f"doc{i}", url=url, published=published, lang="en",
                           title=f"{rng.choice(TOPICS).capitalize()} update")
            yield doc, Record(id=doc.key, relevant=False, url=url, published=published)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def db_size_mb(url: str) -> float:
    """Size of the database: the SQLite file (with its WAL), or the PostgreSQL database."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database)
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20
    engine = sa.create_engine(parsed)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT pg_database_size(current_database())")
                                ).scalar_one() / 2**20
    finally:
        engine.dispose()


def _url(args, workdir: Path, name: str) -> str:
    if args.db:
        return args.db
    path = workdir / f"{name}.db"
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    return f"sqlite:///{path}"


def phase_ingest(args, workdir: Path) -> dict:
    url = _url(args, workdir, "ingest")
    store = Store.open(url)
    records: dict[str, Record] = {}
    checkpoints: dict[int, dict] = {}
    count = 0
    started = time.perf_counter()

    def stream() -> Iterator[Document]:
        for doc, rec in documents(args.docs, args.relevant, seed=args.seed):
            records[doc.key] = rec
            yield doc

    if args.extract == "generated":
        def extract(doc: Document) -> Record:
            return records.pop(doc.key)
    else:
        from powtrack.pipeline import process

        def extract(doc: Document) -> Record:
            records.pop(doc.key, None)
            return process(doc)

    def progress() -> None:
        nonlocal count
        count += 1
        if count in (1_000, 10_000, 50_000) or count == args.docs:
            checkpoints[count] = {"seconds": round(time.perf_counter() - started, 1),
                                  "peak_rss_mb": round(peak_rss_mb(), 1),
                                  "rss_mb": round(current_rss_mb(), 1)}
        if args.verbose and count % 10_000 == 0:
            print(f"  {count} documents, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)

    stats = ingest(store, stream(), extract=extract, progress=progress, resolve_after=False)
    ingest_s = time.perf_counter() - started
    t = time.perf_counter()
    resolved = store.resolve()
    resolve_s = time.perf_counter() - t
    counts = store.counts()
    store.close()  # checkpoints the SQLite WAL into the file
    size = db_size_mb(url)
    return {
        "documents": stats.read, "stored": stats.added, "extract": args.extract,
        "seconds": round(ingest_s, 1), "docs_per_s": round(stats.read / ingest_s, 1),
        "resolve_seconds": round(resolve_s, 2), "mentions": counts["mentions"],
        "exchanges": resolved.exchanges, "swaps_generated": round(
            round(args.docs * args.relevant) / 3.0),
        "db_mb": round(size, 1), "checkpoints": checkpoints,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _time(fn, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"median": round(statistics.median(times), 2),
            "p95": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2)}


def phase_queries(args, workdir: Path) -> dict:
    url = _url(args, workdir, "queries")
    rng = random.Random(args.seed + 1)
    store = Store.open(url)
    started = time.perf_counter()
    n_docs = 0
    for i, (pair, day, x, y) in enumerate(_swaps(args.exchanges, rng, date(1990, 1, 1))):
        for r in range(2 + (i % 2)):  # 2 or 3 reports per swap
            lead, xs, ys = _swap_lead(rng, pair, day, x, y, r % 2)
            text = f"{lead}\n\n{_filler(rng, 2000)}"
            url_ = f"https://{OUTLETS[r]}.example/q{i}"
            doc = Document(text=text, id=f"q{i}-{r}", url=url_, published=day + timedelta(r),
                           lang="en")
            event = Event(status="completed", date=day, parties=[pair[0], pair[1]],
                          returned={pair[0]: [x], pair[1]: [y]},
                          evidence=[Evidence("returned", x, xs[0], xs[1], lead, 0, pair[0]),
                                    Evidence("returned", y, ys[0], ys[1], lead, 0, pair[1])])
            store.add_document(doc, Record(id=doc.key, relevant=True, events=[event]))
            n_docs += 1
    store_s = time.perf_counter() - started
    t = time.perf_counter()
    store.resolve()
    resolve_s = time.perf_counter() - t
    rows = store.exchanges()
    ids = [r["id"] for r in rows]
    sample = random.Random(5).sample(ids, min(100, len(ids)))
    it = iter(sample * 2)
    out = {
        "documents": n_docs, "store_seconds": round(store_s, 1),
        "resolve_seconds": round(resolve_s, 1), "exchanges": len(rows),
        "exchanges_ms": _time(lambda: store.exchanges(), 5),
        "exchanges_filtered_ms": _time(lambda: store.exchanges(
            party="Ukraine", since=date(2000, 1, 1), until=date(2000, 12, 31)), 20),
        "show_ms": _time(lambda: store.exchange(next(it)), len(sample)),
    }
    store.close()
    out["db_mb"] = round(db_size_mb(url), 1)
    env = dict(os.environ)
    cli = [sys.executable, "-m", "powtrack"]
    out["cli_exchanges_ms"] = _time(lambda: subprocess.run(
        cli + ["exchanges", "--db", url], stdout=subprocess.DEVNULL, check=True, env=env), 3)
    out["cli_show_ms"] = _time(lambda: subprocess.run(
        cli + ["show", sample[0], "--db", url], stdout=subprocess.DEVNULL, check=True,
        env=env), 3)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000, help="documents to ingest")
    parser.add_argument("--relevant", type=float, default=0.05, help="share about a swap")
    parser.add_argument("--exchanges", type=int, default=10_000,
                        help="swaps stored for the query phase")
    parser.add_argument("--extract", choices=["pipeline", "generated"], default="pipeline",
                        help="real extraction, or the generator's own records (store only)")
    parser.add_argument("--db", help="database URL (default: SQLite files in --workdir)")
    parser.add_argument("--workdir", type=Path, help="where the SQLite files go")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", choices=["ingest", "queries"], action="append", default=[])
    parser.add_argument("--json", type=Path, help="write the report here too")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="powtrack-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    report: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    if "ingest" not in args.skip:
        report["ingest"] = phase_ingest(args, workdir)
        print(json.dumps({"ingest": report["ingest"]}, indent=2), flush=True)
    if "queries" not in args.skip:
        report["queries"] = phase_queries(args, workdir)
        print(json.dumps({"queries": report["queries"]}, indent=2), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
