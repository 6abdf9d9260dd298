"""Extraction throughput on one core: documents per second over a mixed news corpus.

Times, in one process and one thread (pinned to one CPU where the OS allows):
  1. plain text through ``process(Document(...))``: the whole mix, then the
     relevant and the irrelevant documents on their own;
  2. HTML pages: reading (``read_paths``: trafilatura, htmldate) and extraction,
     each on its own;
  3. a cProfile run over the plain-text mix: where the time goes.
The corpus comes from ``benchmarks/corpus.py`` (seeded, offline): about 1 in 20
documents reports a prisoner swap, the rest is news on other topics, 2-4 KB each.
Figures are the best of ``--repeat`` runs. Nothing here fails on slowness: the
exit status is 0 whatever the figures are.

Examples:
    .venv/bin/python benchmarks/extract.py
    .venv/bin/python benchmarks/extract.py --docs 1000 --html-docs 100 \\
        --baseline benchmarks/results/extract-baseline.json --out /tmp/extract.json
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from powtrack.clean import clean
from powtrack.document import Document
from powtrack.extraction import extract_document
from powtrack.ingest import ReadError, read_paths
from powtrack.pipeline import process

try:
    from benchmarks.corpus import Article, make_articles, make_html
except ImportError:  # run as a script: benchmarks/ itself is first on sys.path
    from corpus import Article, make_articles, make_html

TARGET_DOCS_PER_S = 1000  # plain-text mix, one core (the target)
REPO = Path(__file__).resolve().parent.parent

# Figures in the order they are printed, with what each one times.
FIGURES = {
    "text_mix": "plain text, whole mix: process(Document(...))",
    "text_relevant": "plain text, relevant documents only",
    "text_irrelevant": "plain text, irrelevant documents only",
    "text_stopped": "plain text, irrelevant docs that the extract gate stops",
    "text_past_gate": "plain text, irrelevant docs that get past the extract gate",
    "stage_clean": "plain text, whole mix: clean stage only",
    "stage_extract": "plain text, whole mix: extract stage only (on cleaned docs)",
    "html_read": "HTML, reading only: read_paths (trafilatura + htmldate)",
    "html_extract": "HTML, extraction only: process(doc) on what was read",
    "html_total": "HTML, reading + extraction",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the figures and the profile, and return 0."""
    args = _parser().parse_args(argv)
    machine = _machine()
    machine["pinned_to"] = _pin_one_core()
    print(_machine_line(machine))

    articles = make_articles(args.docs, args.relevant_share, args.seed)
    print(f"corpus: {_corpus_line(articles)} (seed {args.seed})")
    # warm-up and check: every document once, untimed; also the cold first call
    cold_ms, check = _check(articles)
    _print_check(cold_ms, check)
    ok = [i for i in range(len(articles)) if i not in check["failed"]]
    good = [articles[i] for i in ok]

    # 1. plain text: the mix, then its parts, then the two stages apart
    figures: dict[str, dict] = {}
    _add(figures, "text_mix", good, args.repeat, _time_texts)
    _add(figures, "text_relevant", [a for a in good if a.relevant], args.repeat, _time_texts)
    _add(figures, "text_irrelevant", [a for a in good if not a.relevant], args.repeat,
         _time_texts)
    if check["past_gate"] is not None:
        past, irrelevant = check["past_gate"], [i for i in ok if not articles[i].relevant]
        _add(figures, "text_stopped", [articles[i] for i in irrelevant if not past[i]],
             args.repeat, _time_texts)
        _add(figures, "text_past_gate", [articles[i] for i in irrelevant if past[i]],
             args.repeat, _time_texts)
    _stage_figures(figures, good, args.repeat)
    # 2. HTML
    html_info = _html_figures(figures, args)
    # 3. profile
    profile = _profile(good, args.top)

    print()
    print(_table(figures))
    budget = _budget(figures, good, check)
    _print_budget(budget, figures)
    met = figures.get("text_mix", {}).get("docs_per_s", 0) >= TARGET_DOCS_PER_S
    if "text_mix" in figures:
        print(f"\ntarget: {TARGET_DOCS_PER_S:,} plain-text docs/s/core on the mix: "
              f"{'met' if met else 'NOT met'} ({figures['text_mix']['docs_per_s']:,.0f} docs/s)")
    _print_profile(profile)

    if args.baseline:
        _compare(figures, machine, args.baseline, args)
    if args.out:
        result = {
            "benchmark": "extract",
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": " ".join(["benchmarks/extract.py",
                                 *(argv if argv is not None else sys.argv[1:])]),
            "args": {k: v for k, v in vars(args).items() if k not in ("baseline", "out")},
            "machine": machine,
            "corpus": {"docs": len(articles), "relevant": check["relevant"],
                       "mean_chars": _mean_chars(articles), "html": html_info},
            "check": _check_summary(cold_ms, check),
            "figures": figures,
            "budget": budget,
            "target": {"docs_per_s": TARGET_DOCS_PER_S, "figure": "text_mix", "met": met},
            "profile": profile,
        }
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
        print(f"\nwrote {out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="benchmarks/extract.py",
        description="Extraction documents/s on one core over a mixed news corpus "
                    "(about 1 in 20 relevant), plain text and HTML.",
        epilog="example: .venv/bin/python benchmarks/extract.py --docs 2000 "
               "--baseline benchmarks/results/extract-baseline.json",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--docs", type=int, default=5000, help="plain-text documents in the mix")
    p.add_argument("--html-docs", type=int, default=500, help="HTML pages (0 to skip HTML)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed")
    p.add_argument("--relevant-share", type=float, default=0.05,
                   help="share of documents that report a swap")
    p.add_argument("--repeat", type=int, default=3, help="timed runs per figure; best is kept")
    p.add_argument("--top", type=int, default=15, help="profile entries to print")
    p.add_argument("--baseline", metavar="FILE",
                   help="JSON written by an earlier --out, to compare against")
    p.add_argument("--out", metavar="FILE", help="write this run's figures as JSON")
    return p


# --- timing ----------------------------------------------------------------------


def _run_texts(articles: list[Article]) -> None:
    for a in articles:
        process(Document(text=a.text, published=a.published, url=a.url))


def _time_texts(articles: list[Article]) -> tuple[float, float]:
    return _timed(lambda: _run_texts(articles))


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``fn()``: on a busy machine wall exceeds CPU."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _add(figures: dict, name: str, items: list, repeat: int,
         run: Callable[[list], tuple[float, float]]) -> None:
    """Time ``run(items)`` ``repeat`` times and keep the best as figure ``name``."""
    if not items:
        return
    runs = [run(items) for _ in range(max(1, repeat))]
    figures[name] = _figure(len(items), runs)


def _figure(docs: int, runs: list[tuple[float, float]]) -> dict:
    walls = [w for w, _ in runs]
    best, best_cpu = min(runs)
    return {
        "docs": docs,
        "seconds": round(best, 4),
        "runs": [round(w, 4) for w in walls],
        "docs_per_s": round(docs / best, 1),
        "us_per_doc": round(best / docs * 1e6, 1),
        # CPU time of the best run: close to wall time unless other processes took the core
        "cpu_seconds": round(best_cpu, 4),
        "cpu_share": round(best_cpu / best, 3),
        "spread": round((max(walls) - best) / best, 3),  # how far the slowest run was off
    }


def _stage_figures(figures: dict, articles: list[Article], repeat: int) -> None:
    """The two stages that ``process`` runs, timed apart over the whole mix."""
    def run_clean(items: list[Article]) -> tuple[float, float]:
        return _timed(lambda: [clean(Document(text=a.text, published=a.published, url=a.url))
                               for a in items])

    cleaned = [clean(Document(text=a.text, published=a.published, url=a.url))
               for a in articles]

    def run_extract(docs: list[Document]) -> tuple[float, float]:
        return _timed(lambda: [extract_document(d) for d in docs])

    _add(figures, "stage_clean", articles, repeat, run_clean)
    _add(figures, "stage_extract", cleaned, repeat, run_extract)


def _check(articles: list[Article]) -> tuple[float, dict]:
    """Run every document once, untimed: a warm-up that also counts what was found.

    ``past_gate`` says, per document, whether extraction went past its first-look
    gate; it is seen by counting calls to the sentence splitter, which only runs
    past the gate (None if extraction no longer calls ``split_sentences``).
    """
    import powtrack.extraction as extraction

    check = {"relevant": 0, "irrelevant": 0, "found_relevant": 0, "false_relevant": 0,
             "errors": [], "failed": set(), "past_gate": []}
    splitter = getattr(extraction, "split_sentences", None)
    splits = [0]

    def counting_splitter(*args, **kwargs):
        splits[0] += 1
        return splitter(*args, **kwargs)

    if splitter is not None:
        extraction.split_sentences = counting_splitter
    cold_ms = 0.0
    try:
        for i, a in enumerate(articles):
            start, before = time.perf_counter(), splits[0]
            try:
                record = process(Document(text=a.text, published=a.published, url=a.url))
            except Exception as exc:  # a crash is a finding to report, not a reason to stop
                check["errors"].append(f"document {i}: {type(exc).__name__}: {exc}")
                check["failed"].add(i)
                record = None
            check["past_gate"].append(splits[0] > before)
            if record is None:
                continue
            if i == 0:
                cold_ms = (time.perf_counter() - start) * 1000
            key = "relevant" if a.relevant else "irrelevant"
            check[key] += 1
            if record.relevant:
                check["found_relevant" if a.relevant else "false_relevant"] += 1
    finally:
        if splitter is not None:
            extraction.split_sentences = splitter
    if splitter is None:
        check["past_gate"] = None
        check["past_gate_irrelevant"] = None
    else:
        check["past_gate_irrelevant"] = sum(
            past and not a.relevant
            for past, a in zip(check["past_gate"], articles, strict=True))
    return cold_ms, check


def _check_summary(cold_ms: float, check: dict) -> dict:
    past = check["past_gate"]
    return {
        "first_doc_cold_ms": round(cold_ms, 2),
        "relevant": check["relevant"], "irrelevant": check["irrelevant"],
        "found_relevant": check["found_relevant"], "false_relevant": check["false_relevant"],
        "past_gate": sum(past) if past is not None else None,
        "past_gate_irrelevant": check["past_gate_irrelevant"],
        "errors": check["errors"][:5], "error_count": len(check["errors"]),
    }


def _print_check(cold_ms: float, check: dict) -> None:
    print(f"first document, cold (loads lexicons, compiles patterns): {cold_ms:.1f} ms")
    print(f"records marked relevant: {check['found_relevant']:,} of {check['relevant']:,} "
          f"relevant docs, {check['false_relevant']:,} of {check['irrelevant']:,} irrelevant")
    if check["past_gate"] is not None:
        n = check["past_gate_irrelevant"]
        print(f"past the extract gate: {sum(check['past_gate']):,} docs, of which {n:,} "
              f"irrelevant ({n / max(1, check['irrelevant']):.1%} of the irrelevant docs)")
    if check["errors"]:
        print(f"{len(check['errors'])} documents raised and are left out of the timing; "
              f"first: {check['errors'][0]}")


def _budget(figures: dict, articles: list[Article], check: dict) -> list[dict]:
    """Split the mix's time per document among its kinds of document."""
    n = len(articles)
    parts = [("relevant", "text_relevant"), ("irrelevant, stopped at the gate", "text_stopped"),
             ("irrelevant, past the gate", "text_past_gate")]
    if "text_stopped" not in figures:
        parts = [("relevant", "text_relevant"), ("irrelevant", "text_irrelevant")]
    rows = []
    for label, name in parts:
        f = figures.get(name)
        if f and n:
            share = f["docs"] / n
            rows.append({"part": label, "figure": name, "doc_share": round(share, 4),
                         "us_per_doc": f["us_per_doc"],
                         "us_per_mix_doc": round(share * f["us_per_doc"], 1)})
    total = sum(r["us_per_mix_doc"] for r in rows) or 1
    for r in rows:
        r["time_share"] = round(r["us_per_mix_doc"] / total, 3)
    return rows


def _print_budget(budget: list[dict], figures: dict) -> None:
    if not budget:
        return
    print("\nwhere the time goes on the mix (share of docs x us/doc = us per mix doc):")
    for r in budget:
        print(f"  {r['part']:<32} {r['doc_share']:>6.1%} x {r['us_per_doc']:>9,.1f} us "
              f"= {r['us_per_mix_doc']:>8,.1f} us  ({r['time_share']:.0%} of the time)")
    total = sum(r["us_per_mix_doc"] for r in budget)
    mix = figures.get("text_mix", {}).get("us_per_doc")
    print(f"  {'sum':<32} {'':>6}   {'':>9}    = {total:>8,.1f} us  (mix measured as a whole: "
          f"{mix:,.1f} us)" if mix else "")
    clean_us = figures.get("stage_clean", {}).get("us_per_doc")
    extract_us = figures.get("stage_extract", {}).get("us_per_doc")
    if clean_us and extract_us:
        both = clean_us + extract_us
        print(f"  by stage: clean {clean_us:,.1f} us ({clean_us / both:.0%}), "
              f"extract {extract_us:,.1f} us ({extract_us / both:.0%}) per mix doc")


def _html_figures(figures: dict, args: argparse.Namespace) -> dict:
    """Write the pages to a temporary folder, then time reading and extraction apart."""
    if args.html_docs <= 0:
        return {}
    articles = make_articles(args.html_docs, args.relevant_share, args.seed)
    with tempfile.TemporaryDirectory(prefix="powtrack-bench-") as tmp:
        paths = []
        for i, a in enumerate(articles):
            path = Path(tmp, f"{i:06d}.html")
            path.write_text(make_html(a.text, a.title, a.published, a.url), "utf-8")
            paths.append(str(path))
        page_bytes = sum(os.path.getsize(p) for p in paths)
        list(read_paths(paths[:10]))  # warm-up: imports trafilatura, builds its parsers
        docs: list[Document] = []
        errors: list[str] = []

        def read(batch: list[str]) -> tuple[float, float]:
            items: list = []
            took = _timed(lambda: items.extend(read_paths(batch)))
            docs[:] = [d for d in items if isinstance(d, Document)]
            errors[:] = [str(e) for e in items if isinstance(e, ReadError)]
            return took

        _add(figures, "html_read", paths, args.repeat, read)
    for d in docs[:10]:
        process(d)

    def extract(batch: list[Document]) -> tuple[float, float]:
        return _timed(lambda: [process(d) for d in batch])

    _add(figures, "html_extract", docs, args.repeat, extract)
    if "html_read" in figures and "html_extract" in figures:
        # per page: reading time over all pages plus extraction over those read
        r, e = figures["html_read"], figures["html_extract"]
        us = r["us_per_doc"] + e["seconds"] / len(paths) * 1e6
        figures["html_total"] = {"docs": len(paths), "docs_per_s": round(1e6 / us, 1),
                                 "us_per_doc": round(us, 1)}
    dated = sum(1 for d in docs if d.published is not None)
    info = {"pages": len(paths), "mean_page_bytes": round(page_bytes / max(1, len(paths))),
            "read": len(docs), "read_errors": errors[:5], "with_date": dated,
            "mean_text_chars": round(statistics.fmean(len(d.text) for d in docs)) if docs
            else 0}
    print(f"HTML: {len(paths)} pages, {info['mean_page_bytes']:,} bytes each on average; "
          f"{len(docs)} read ({dated} with a date), {len(errors)} read errors")
    if errors:
        print(f"  first read error: {errors[0]}")
    return info


# --- profile ---------------------------------------------------------------------


def _profile(articles: list[Article], top: int) -> dict:
    """Profile one pass over the plain-text mix; keep the top entries by two orders."""
    profiler = cProfile.Profile()
    profiler.enable()
    _run_texts(articles)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt or 1e-9
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, callers) in stats.stats.items():
        if os.path.abspath(file) == os.path.abspath(__file__):  # the harness itself
            continue
        row = {"function": _where(file, line, func), "ncalls": nc,
               "tottime": round(tt, 4), "cumtime": round(ct, 4),
               "cum_share": round(ct / total, 4), "own_share": round(tt / total, 4)}
        if file == "~":  # a built-in such as Pattern.search: say who spends it
            top_callers = sorted(callers.items(), key=lambda kv: kv[1][2], reverse=True)[:3]
            row["callers"] = [{"function": _where(*key), "ncalls": v[1],
                               "tottime": round(v[2], 4)} for key, v in top_callers]
        rows.append(row)
    by_cum = sorted(rows, key=lambda r: r["cumtime"], reverse=True)[:top]
    by_own = sorted(rows, key=lambda r: r["tottime"], reverse=True)[:top]
    return {"docs": len(articles), "total_s": round(total, 3), "by_cumulative": by_cum,
            "by_own_time": by_own}


def _where(file: str, line: int, func: str) -> str:
    if file == "~":  # a built-in, e.g. <method 'sub' of 're.Pattern' objects>
        return func
    path = file.replace("\\", "/")
    for marker in ("/src/", "/site-packages/", "/lib/python"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{line}:{func}"


def _print_profile(profile: dict) -> None:
    n = profile["docs"]
    print(f"\nprofile of one plain-text pass ({n:,} docs, {profile['total_s']:.2f} s under "
          "cProfile, which slows pure-Python code more than C code):")
    for title, key, field in (("top by cumulative time", "by_cumulative", "cum_share"),
                              ("top by own time", "by_own_time", "own_share")):
        print(f"\n{title}:")
        print(f"  {'ncalls':>9} {'own s':>8} {'cum s':>8} {'share':>6}  function")
        for r in profile[key]:
            print(f"  {r['ncalls']:>9,} {r['tottime']:>8.3f} {r['cumtime']:>8.3f} "
                  f"{r[field]:>6.1%}  {r['function']}")
            if key == "by_own_time":
                for c in r.get("callers", []):
                    print(f"  {c['ncalls']:>9,} {c['tottime']:>8.3f} {'':>8} {'':>6}"
                          f"    <- {c['function']}")


# --- output ----------------------------------------------------------------------


def _table(figures: dict) -> str:
    lines = [f"{'figure':<16} {'docs':>6} {'docs/s':>9} {'us/doc':>9} {'cpu/wall':>8}  what",
             f"{'-' * 16} {'-' * 6} {'-' * 9} {'-' * 9} {'-' * 8}  {'-' * 40}"]
    for name, what in FIGURES.items():
        f = figures.get(name)
        if f:
            share = f"{f['cpu_share']:.2f}" if "cpu_share" in f else ""
            lines.append(f"{name:<16} {f['docs']:>6,} {f['docs_per_s']:>9,.1f} "
                         f"{f['us_per_doc']:>9,.1f} {share:>8}  {what}")
    lines.append("(best of the timed runs, wall clock; cpu/wall well under 1 means other "
                 "processes took the core)")
    return "\n".join(lines)


def _compare(figures: dict, machine: dict, baseline_path: str,
             args: argparse.Namespace) -> None:
    try:
        baseline = json.loads(Path(baseline_path).read_text("utf-8"))
        old = baseline["figures"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"\nbaseline {baseline_path}: cannot read it ({type(exc).__name__}); "
              "give a file written by --out")
        return
    other = baseline.get("machine", {})
    print(f"\ncompared with {baseline_path} ({baseline.get('when', 'undated')}, "
          f"commit {other.get('commit')}):")
    then_args = baseline.get("args", {})
    changed = [k for k in ("docs", "html_docs", "seed", "relevant_share")
               if k in then_args and then_args[k] != getattr(args, k)]
    if changed:
        print(f"  note: the baseline used other corpus settings ({', '.join(changed)}), "
              "so its mix differs")
    if other.get("cpu") != machine.get("cpu") or other.get("python") != machine.get("python"):
        print(f"  note: baseline ran on {other.get('cpu')}, Python {other.get('python')}; "
              "ratios across machines mean little")
    print(f"  {'figure':<16} {'docs/s':>10} {'baseline':>10} {'ratio':>7} "
          f"{'us/doc':>10} {'baseline':>10}")
    for name in FIGURES:
        if name in figures and name in old:
            now, then = figures[name], old[name]
            ratio = now["docs_per_s"] / then["docs_per_s"] if then.get("docs_per_s") else 0
            print(f"  {name:<16} {now['docs_per_s']:>10,.1f} {then['docs_per_s']:>10,.1f} "
                  f"{ratio:>6.2f}x {now['us_per_doc']:>10,.1f} {then['us_per_doc']:>10,.1f}")
    print("  (ratio > 1: faster than the baseline)")


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
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        nproc = os.cpu_count()
    return {
        "nproc": nproc,
        "cpu": cpu or platform.processor() or None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "trafilatura": _version("trafilatura"),
        "commit": _commit(),
    }


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=5, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _pin_one_core() -> int | None:
    """Pin this process to one CPU, so the figures are per core; None where not possible."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    except (AttributeError, OSError, ValueError):
        return None
    return cpu


def _machine_line(m: dict) -> str:
    pinned = f"pinned to CPU {m['pinned_to']}" if m["pinned_to"] is not None else "not pinned"
    return (f"machine: {m['cpu']}, nproc {m['nproc']}, {m['implementation']} {m['python']}, "
            f"{pinned}, commit {m['commit']}")


def _mean_chars(articles: list[Article]) -> int:
    return round(statistics.fmean(len(a.text) for a in articles)) if articles else 0


def _corpus_line(articles: list[Article]) -> str:
    relevant = sum(a.relevant for a in articles)
    return (f"{len(articles):,} plain-text docs, {relevant:,} relevant, "
            f"{_mean_chars(articles):,} chars each on average")


if __name__ == "__main__":
    sys.exit(main())
