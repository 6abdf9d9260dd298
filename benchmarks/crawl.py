"""Crawl benchmark: WARC archives through reading, the relevance gate and the whole pipeline.

In one run, on the same archives (written by ``benchmarks/warcs.py``: news
pages of 20-65 KB, 1 in 50 about a swap, split over ``--files`` archives so
that Spark has a task per core), it times:

  1. reading alone: ``ingest.iter_warc`` (FastWARC: gunzip, parse, HTML records);
  2. the relevance gate: decoding each page and ``gate.might_be_relevant``;
  3. end to end, ``powtrack extract ARCHIVES --jobs 1`` and ``--jobs 2`` (a
     subprocess each; output to a file), and ``powtrack spark`` on Spark
     ``local[2]``: session start and job timed apart;

and reports HTML records/s (end to end: the best of ``--repeat`` runs, the
job counts taking turns), CPU seconds per 1,000 records (user + system over
the process tree, which other load on the machine does not inflate), peak
RSS (the sum over the process tree: for Spark, the JVM and its Python
workers; sampled every 0.1 s), whether the outputs agree (``--jobs 2`` byte
for byte with ``--jobs 1``; Spark's Parquet rows with the same records),
and, for flat memory, the peak RSS of ``--jobs 1`` on one archive against
all of them. On a shared machine the wall-clock speed-up suffers from other
load; the CPU figures show what two idle cores would give. Nothing fails on
slowness.

    .venv/bin/python benchmarks/crawl.py                       # 4 x 5,000 pages
    .venv/bin/python benchmarks/crawl.py --pages 2000 --no-spark --json /tmp/crawl.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.warcs import iter_pages, write_warc  # noqa: E402

TARGET_PER_CORE = 300   # HTML records/s/core, end to end (the target)
TARGET_SPEEDUP = 1.7    # --jobs 2 over --jobs 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.spark_worker:
        return _spark_worker(args)
    out: dict = {"machine": _machine()}
    print(_machine_line(out["machine"]))
    with tempfile.TemporaryDirectory(prefix="powtrack-crawl-") as tmp:
        tmp = Path(tmp)
        archives = _archives(args, tmp, out)
        out["reading"] = _reading(archives)
        _line("1. reading alone", out["reading"]["html_records_per_s"],
              f"({out['reading']['warc_records_per_s']:,.0f} WARC records/s, "
              f"{out['reading']['html_records']:,} HTML records)")
        out["gate"] = _gate(archives)
        g = out["gate"]
        _line("2. relevance gate", g["gate_records_per_s"],
              f"(decoding + gate {g['decode_and_gate_per_s']:,.0f}/s; {g['passed']:,} of "
              f"{g['records']:,} pages pass, {g['passed'] / g['records']:.1%})")
        runs = out["end_to_end"] = {}
        for _ in range(args.repeat):
            for jobs in (1, 2):
                r = _extract_run(archives, jobs, tmp / f"jobs{jobs}.jsonl")
                best = runs.get(f"jobs{jobs}")
                r["all_records_per_s"] = (best["all_records_per_s"] if best else []) + \
                    [r["records_per_s"]]
                if best is None or r["records_per_s"] > best["records_per_s"]:
                    runs[f"jobs{jobs}"] = r
                else:
                    best["all_records_per_s"] = r["all_records_per_s"]
        for jobs in (1, 2):
            r = runs[f"jobs{jobs}"]
            _line(f"3. end to end, --jobs {jobs}", r["records_per_s"],
                  f"({r['seconds']:.1f} s, {r['cpu_ms_per_record']:.2f} CPU ms a record, "
                  f"peak RSS {r['peak_rss_mb']:,.0f} MB over {r['processes']} processes, "
                  f"largest {r['largest_rss_mb']:,.0f} MB; load {r['load_average']:.1f}; "
                  f"runs {', '.join(f'{x:,}' for x in r['all_records_per_s'])}/s)")
        same = (tmp / "jobs1.jsonl").read_bytes() == (tmp / "jobs2.jsonl").read_bytes()
        out["same_output_jobs"] = same
        speedup = runs["jobs2"]["records_per_s"] / runs["jobs1"]["records_per_s"]
        # two idle cores: jobs 2 spends its CPU time on two cores at once
        idle = min(2.0, 2 * runs["jobs1"]["cpu_ms_per_record"]
                   / runs["jobs2"]["cpu_ms_per_record"])
        out["speedup_2_jobs"] = round(speedup, 2)
        out["speedup_2_jobs_from_cpu_time"] = round(idle, 2)
        print(f"   --jobs 2 output identical to --jobs 1: {'yes' if same else 'NO'}; "
              f"speed-up {speedup:.2f} measured, {idle:.2f} from CPU time "
              f"(target {TARGET_SPEEDUP})")
        per_core = runs["jobs1"]["records_per_s"]
        print(f"   per core: {per_core:,.0f} HTML records/s (target {TARGET_PER_CORE}) - "
              f"{'met' if per_core >= TARGET_PER_CORE else 'NOT met'}")
        if not args.no_spark:
            out["spark"] = _spark_run(archives, tmp)
            s = out["spark"]
            if "error" in s:
                print(f"   Spark local[2]: not run ({s['error']})")
            else:
                _line("3. end to end, Spark local[2]", s["records_per_s"],
                      f"(job {s['job_seconds']:.1f} s after a {s['session_seconds']:.1f} s "
                      f"session start; {s['with_start_per_s']:,.0f}/s with it; peak RSS "
                      f"{s['peak_rss_mb']:,.0f} MB over {s['processes']} processes; load "
                      f"{s['load_average']:.1f})")
                s["same_records"] = _same_records(tmp / "jobs1.jsonl", tmp / "spark.parquet")
                print(f"   Spark rows equal to `extract` output: "
                      f"{'yes' if s['same_records'] else 'NO'}")
        if len(archives) > 1:
            one = _extract_run(archives[:1], 1, tmp / "one.jsonl")
            out["flat_memory"] = {"one_archive_peak_rss_mb": one["peak_rss_mb"],
                                  "all_archives_peak_rss_mb": runs["jobs1"]["peak_rss_mb"]}
            print(f"4. flat memory, --jobs 1: peak RSS {one['peak_rss_mb']:,.0f} MB on one "
                  f"archive, {runs['jobs1']['peak_rss_mb']:,.0f} MB on {len(archives)}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", type=int, default=20000, help="pages in all (default 20,000)")
    p.add_argument("--files", type=int, default=4, help="archives to split them over (4)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--archive", nargs="+", help="use these archives instead of generating")
    p.add_argument("--repeat", type=int, default=1,
                   help="end-to-end runs per job count; the best counts (default 1)")
    p.add_argument("--no-spark", action="store_true", help="leave Spark out")
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--spark-worker", nargs=2, metavar=("PATHS", "OUTPUT"),
                   help=argparse.SUPPRESS)  # internal: run the Spark job, print timings
    return p


def _line(label: str, per_s: float, rest: str) -> None:
    print(f"{label:32s} {per_s:9,.0f} HTML records/s  {rest}")


# --- the archives ------------------------------------------------------------------

def _archives(args, tmp: Path, out: dict) -> list[str]:
    if args.archive:
        out["archives"] = {"paths": args.archive}
        return list(args.archive)
    start = time.perf_counter()
    pages = iter_pages(args.pages, args.seed)
    per_file = -(-args.pages // args.files)
    paths, html_bytes, file_bytes, kinds = [], 0, 0, {}
    for k in range(args.files):
        chunk = (p for _, p in zip(range(per_file), pages, strict=False))
        path = tmp / f"crawl-{k:02d}.warc.gz"
        stats = write_warc(path, chunk, seed=args.seed + k)
        paths.append(str(path))
        html_bytes += stats.html_bytes
        file_bytes += stats.file_bytes
        for kind, n in stats.kinds.items():
            kinds[kind] = kinds.get(kind, 0) + n
    n = sum(kinds.values())
    out["archives"] = {"files": len(paths), "pages": n, "kinds": kinds,
                       "html_kb_per_page": round(html_bytes / n / 1024, 1),
                       "mb_on_disk": round(file_bytes / 2**20, 1),
                       "seconds_to_write": round(time.perf_counter() - start, 1)}
    a = out["archives"]
    print(f"archives: {a['files']} x .warc.gz, {n:,} pages ({kinds.get('swap', 0)} about swaps,"
          f" {kinds.get('negative', 0)} hard negatives), {a['html_kb_per_page']} KB of HTML a "
          f"page, {a['mb_on_disk']} MB on disk (written in {a['seconds_to_write']} s; seed "
          f"{args.seed})")
    return paths


# --- 1. reading, 2. the gate -------------------------------------------------------

def _reading(archives: list[str]) -> dict:
    from fastwarc.warc import ArchiveIterator

    from powtrack.ingest import ReadError, iter_warc

    start = time.perf_counter()
    pages = sum(1 for path in archives for item in iter_warc(path)
                if not isinstance(item, ReadError))
    seconds = time.perf_counter() - start
    records = 0
    for path in archives:
        with open(path, "rb") as f:
            records += sum(1 for _ in ArchiveIterator(f))
    return {"html_records": pages, "seconds": round(seconds, 2),
            "html_records_per_s": round(pages / seconds),
            "warc_records_per_s": round(records / seconds)}


def _gate(archives: list[str]) -> dict:
    from powtrack.gate import might_be_relevant
    from powtrack.ingest import ReadError, iter_warc, page_html

    might_be_relevant("warm up: load the word lists")
    n = passed = 0
    gate_s = decode_s = 0.0
    for path in archives:
        for page in iter_warc(path):
            if isinstance(page, ReadError):
                continue
            t0 = time.perf_counter()
            html = page_html(page)
            t1 = time.perf_counter()
            ok = might_be_relevant(html)
            t2 = time.perf_counter()
            decode_s += t1 - t0
            gate_s += t2 - t1
            n += 1
            passed += ok
    return {"records": n, "passed": passed, "gate_records_per_s": round(n / gate_s),
            "decode_and_gate_per_s": round(n / (gate_s + decode_s)),
            "gate_ms_per_record": round(gate_s / n * 1e3, 3)}


# --- 3. end to end -----------------------------------------------------------------

def _extract_run(archives: list[str], jobs: int, output: Path) -> dict:
    cmd = [str(Path(sys.executable).parent / "powtrack"), "extract", *archives,
           "--jobs", str(jobs), "--no-progress"]
    load = os.getloadavg()[0]
    with open(output, "wb") as out:
        seconds, peak, largest, procs, rc, cpu = _timed(cmd, stdout=out,
                                                        stderr=subprocess.DEVNULL)
    records = _html_records(archives)
    if rc not in (0, 1):
        raise SystemExit(f"powtrack extract failed with status {rc}")
    return {"seconds": round(seconds, 2), "records_per_s": round(records / seconds),
            "cpu_ms_per_record": round(cpu / records * 1e3, 3), "load_average": load,
            "peak_rss_mb": round(peak), "largest_rss_mb": round(largest), "processes": procs,
            "records_out": sum(1 for _ in open(output, "rb"))}


_COUNTS: dict[tuple, int] = {}


def _html_records(archives: list[str]) -> int:
    key = tuple(archives)
    if key not in _COUNTS:
        from powtrack.ingest import ReadError, iter_warc

        _COUNTS[key] = sum(1 for p in archives for x in iter_warc(p)
                           if not isinstance(x, ReadError))
    return _COUNTS[key]


def _spark_run(archives: list[str], tmp: Path) -> dict:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return {"error": "pyspark is not installed: pip install -e '.[spark]'"}
    paths = tmp / "paths.txt"
    paths.write_text("\n".join(archives) + "\n")
    report = tmp / "spark.json"
    env = dict(os.environ, SPARK_LOCAL_IP=os.environ.get("SPARK_LOCAL_IP", "127.0.0.1"),
               PYSPARK_PYTHON=sys.executable)
    load = os.getloadavg()[0]
    cmd = [sys.executable, __file__, "--spark-worker", str(paths), str(tmp / "spark.parquet")]
    with open(report, "w") as out, open(tmp / "spark.log", "w") as log:
        seconds, peak, largest, procs, rc, _ = _timed(cmd, stdout=out, stderr=log, env=env)
    if rc != 0:
        tail = (tmp / "spark.log").read_text()[-400:].strip().splitlines()
        return {"error": f"status {rc}: {tail[-1] if tail else ''}"}
    timing = json.loads(report.read_text())
    records = _html_records(archives)
    return {**timing, "seconds": round(seconds, 2),
            "records_per_s": round(records / timing["job_seconds"]),
            "with_start_per_s": round(records / (timing["job_seconds"]
                                                 + timing["session_seconds"])),
            "load_average": load,  # no CPU time: Spark's Python workers are not our children
            "peak_rss_mb": round(peak), "largest_rss_mb": round(largest), "processes": procs}


def _spark_worker(args) -> int:
    from powtrack.scale.spark import read_path_list, run_job, session

    paths_file, output = args.spark_worker
    start = time.perf_counter()
    spark = session("local[2]", [("spark.ui.enabled", "false")])
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter()
    with open(paths_file) as f:
        stats = run_job(read_path_list(f), output, spark=spark)
    done = time.perf_counter()
    spark.stop()
    print(json.dumps({"session_seconds": round(started - start, 2),
                      "job_seconds": round(done - started, 2), "counts": stats.counts}))
    return 0


def _same_records(jsonl: Path, parquet: Path) -> bool:
    from powtrack.ingest import read_paths
    from powtrack.scale.table import Extracted

    extracted = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    rows = [item.record.to_dict() for item in read_paths([str(parquet)], deferred=True)
            if isinstance(item, Extracted)]
    return rows == extracted


# --- timing a process tree -----------------------------------------------------------

def _timed(cmd: list[str], **kwargs) -> tuple[float, float, float, int, int, float]:
    """Run ``cmd``: wall seconds, peak RSS (MB) summed over its tree, the largest, processes,
    status, CPU seconds (user + system) of the tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, **kwargs)
    peak = largest = 0.0
    seen: set[int] = set()
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, largest
        while not stop.is_set():
            sizes = _tree_rss(proc.pid)
            seen.update(sizes)
            if sizes:
                peak = max(peak, sum(sizes.values()))
                largest = max(largest, max(sizes.values()))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rc = proc.wait()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, peak, largest, len(seen), rc, cpu


def _tree_rss(pid: int) -> dict[int, float]:
    out: dict[int, float] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out[p] = int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                todo.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return out


def _machine() -> dict:
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        commit = None
    return {"cpu": cpu or platform.processor(), "nproc": len(os.sched_getaffinity(0)),
            "python": platform.python_version(), "load_average": os.getloadavg()[0],
            "commit": commit or None}


def _machine_line(m: dict) -> str:
    return (f"machine: {m['cpu']}, {m['nproc']} cores, Python {m['python']}, load average "
            f"{m['load_average']:.2f} at the start, commit {m['commit']} (plus working tree)")


if __name__ == "__main__":
    raise SystemExit(main())
