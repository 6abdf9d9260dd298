"""The `powtrack` command: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from powtrack import __version__


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-01-03") from None


def report_error(source: str, message: str) -> None:
    """One line on stderr per bad input: the file and what to do."""
    click.echo(f"powtrack: {source}: {message}", err=True)


def _jobs_option(command):
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), metavar="N",
        help="Worker processes; the output is the same for any N. [default: all cores]",
    )(command)


def _progress_bar(total, show: bool, unit: str = "record"):
    """A tqdm bar on stderr showing records/s (disabled unless ``show``)."""
    from tqdm import tqdm

    # no monitor thread: worker processes are then forked from a single-threaded process
    tqdm.monitor_interval = 0
    return tqdm(total=total, unit=unit, disable=not show, file=sys.stderr, dynamic_ncols=True)


def _no_gate_option(command):
    return click.option(
        "--no-gate", is_flag=True,
        help="Read every web-archive page through trafilatura, even those the relevance "
             "gate would stop (it stops only pages the extractor would find nothing in).",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="powtrack")
def cli():
    """Turn news reports into a sourced ledger of prisoner exchanges.

    \b
    Examples:
      powtrack extract examples/articles --format table
      powtrack evaluate examples/gold.jsonl
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="JSON Lines records (SCHEMA.md + evidence) or a table.")
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that carry none.")
@click.option("--no-evidence", is_flag=True, help="Leave evidence out of JSON Lines output.")
@_jobs_option
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar with records/s. [default: when stderr is a terminal]")
@_no_gate_option
def extract(paths, fmt, published, no_evidence, jobs, progress, no_gate):
    """Print the exchange records found in articles.

    PATHS are .txt, .html or .jsonl files, .warc or .warc.gz web archives
    (local or s3a://...), directories (read recursively), or - for standard
    input. Records come out in input order. Web-archive pages that the
    relevance gate stops, or that hold no article, print nothing; a line on
    stderr counts them. Exit status 1 when any input could not be read.

    \b
    Examples:
      powtrack extract article.txt --published 2024-01-03
      powtrack extract examples/articles --format table
      cat docs.jsonl | powtrack extract - > records.jsonl
      powtrack extract CC-NEWS-20240101.warc.gz --jobs 16 --progress > records.jsonl
    """
    from powtrack.ingest import ReadError, read_paths
    from powtrack.pipeline import Skipped
    from powtrack.render import format_table_row
    from powtrack.scale.parallel import Failed, failed_message, process_items, skipped_summary

    show = sys.stderr.isatty() if progress is None else progress
    outcomes = process_items(read_paths(paths, published=published, deferred=True), jobs=jobs,
                             gate=not no_gate)
    bar = _progress_bar(_estimate_inputs(paths) if show else None, show)
    failed = False
    skipped: dict[str, int] = {}
    try:
        for outcome in outcomes:
            bar.update(1)
            if isinstance(outcome, Skipped):
                skipped[outcome.reason] = skipped.get(outcome.reason, 0) + 1
                continue
            if isinstance(outcome, ReadError | Failed):
                bar.clear()
                report_error(outcome.source, outcome.message if isinstance(outcome, ReadError)
                             else failed_message(outcome))
                failed = True
                continue
            item, record = outcome
            if fmt == "jsonl":
                click.echo(json.dumps(record.to_dict(evidence=not no_evidence),
                                      ensure_ascii=False))
            else:
                click.echo(format_table_row(item, record))
    finally:
        bar.close()
    summary = skipped_summary(skipped)
    if summary:
        click.echo(f"powtrack: {summary}", err=True)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that carry none.")
def explain(paths, published):
    """Show why each number in an article is, or is not, in its record.

    For every sentence that speaks of a swap or a return: each number with its
    frame (what it counts, qualifier, the side it goes to, who said it, the rule
    that decided the side) and where it ended up (a side's returned figure, a
    breakdown part, the total), or the rule that dropped it; then the events.
    PATHS are read as by `powtrack extract` (files, folders, - for stdin).

    \b
    Examples:
      powtrack explain examples/articles/003-ukraine-russia-116-63-uae.txt
      powtrack explain article.txt --published 2024-01-03
    """
    from powtrack.extraction.explain import explain as explain_doc
    from powtrack.ingest import ReadError, read_paths

    failed = False
    for item in read_paths(paths, published=published):
        if isinstance(item, ReadError):
            report_error(item.source, item.message)
            failed = True
            continue
        _, lines = explain_doc(item)
        click.echo(f"== {item.source or item.id or '-'}")
        for line in lines:
            click.echo(line)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", "show_errors", is_flag=True,
              help="List, per document, what was missed and what was extra.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--lang", "langs", metavar="CODES",
              help="Score only gold documents in these languages (comma-separated, e.g. en or "
                   "uk,ru); documents without a lang count as 'und'.")
@click.option("--by-lang", is_flag=True,
              help="One row of scores per language (and one for all), instead of one list.")
@click.option("--ledger", is_flag=True,
              help="Score how the ledger groups the gold events into exchanges (their "
                   "swap_key): B-cubed, swaps split or merged, consensus and date right.")
def evaluate(gold, pred, show_errors, as_json, langs, by_lang, ledger):
    """Score extraction against gold annotations (see SCHEMA.md).

    Without PRED, runs extraction on the gold documents' own text.

    \b
    Examples:
      powtrack evaluate examples/gold.jsonl
      powtrack evaluate gold.jsonl predictions.jsonl --errors
      powtrack evaluate ../shared/eval/real.jsonl --lang en
      powtrack evaluate ../shared/eval/real.jsonl --by-lang
      powtrack evaluate ../shared/eval/real.jsonl --lang en --ledger
    """
    from powtrack import evaluate as ev
    from powtrack.pipeline import extract as run_extract

    gold_rows = ev.load_jsonl(gold)
    if langs:
        wanted = {code.strip() for code in langs.split(",") if code.strip()}
        gold_rows = [g for g in gold_rows if (g.get("lang") or "und") in wanted]
    if ledger:
        if pred:
            raise click.UsageError("--ledger extracts the gold texts itself; leave out PRED")
        records = {g["id"]: run_extract(g["text"], published=g.get("published"),
                                        url=g.get("url"), id=g["id"], lang=g.get("lang"))
                   for g in gold_rows}
        scores = ev.score_ledger(gold_rows, records)
        click.echo(json.dumps(scores) if as_json else ev.format_scores(scores))
        return
    if pred:
        pred_rows = ev.load_jsonl(pred)
    else:
        pred_rows = [
            run_extract(g["text"], published=g.get("published"), url=g.get("url"),
                        id=g["id"], lang=g.get("lang")).to_dict(evidence=False)
            for g in gold_rows
        ]
    if by_lang:
        table = ev.score_by_language(gold_rows, pred_rows)
        click.echo(json.dumps(table) if as_json else ev.format_table(table))
        if show_errors:
            click.echo(ev.format_errors(ev.errors(gold_rows, pred_rows)))
        return
    scores = ev.score(gold_rows, pred_rows)
    if as_json:
        click.echo(json.dumps(scores))
    else:
        click.echo(ev.format_scores(scores))
    if show_errors:
        click.echo(ev.format_errors(ev.errors(gold_rows, pred_rows)))


@cli.command("spark")
@click.argument("paths", nargs=-1)
@click.option("--paths-from", type=click.File("r"), metavar="FILE",
              help="A file listing archive paths, one a line (as CC-NEWS warc.paths).")
@click.option("-o", "--output", required=True, metavar="DIR",
              help="Where to write the Parquet table (a folder; local, s3a://, hdfs://...).")
@click.option("--master", metavar="URL",
              help="Spark master, e.g. 'local[2]' or yarn. [default: spark-submit's, "
                   "else local[*]]")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE",
              help="A Spark setting; may be repeated.")
@click.option("--partitions", type=click.IntRange(min=1), metavar="N",
              help="Spark partitions. [default: one per archive]")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for pages that state none and have no WARC-Date.")
@_no_gate_option
def spark_command(paths, paths_from, output, master, confs, partitions, overwrite, published,
                  no_gate):
    """Extract WARC archives on Apache Spark into Parquet of records with evidence.

    PATHS are .warc or .warc.gz archives, local or on a cluster filesystem
    (s3a://, gs://, hdfs://; read with fsspec). Each Spark task runs the code
    of `powtrack extract`; the rows come out in the order of PATHS. Load the
    result with `powtrack ingest OUTPUT`. See docs/scale.md for clusters.

    \b
    Examples:
      powtrack spark crawl/*.warc.gz -o records.parquet --master 'local[2]'
      powtrack ingest records.parquet
      spark-submit --master yarn src/powtrack/scale/spark.py \\
          --paths-from warc.paths -o s3a://my-bucket/powtrack/2024-01
    """
    import os

    from powtrack.scale.spark import SparkUnavailable, read_path_list, run_job, session

    paths = list(paths) + (read_path_list(paths_from) if paths_from else [])
    if not paths:
        raise click.UsageError("give archive paths, or --paths-from FILE")
    conf = []
    for item in confs:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r}; write KEY=VALUE", param_hint="--conf")
        conf.append((key.strip(), value))
    if master is None and not os.environ.get("SPARK_ENV_LOADED"):
        master = "local[*]"  # run directly, not by spark-submit: use this machine
    try:
        spark = session(master, conf)
    except SparkUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    try:
        stats = run_job(paths, output, spark=spark, partitions=partitions, published=published,
                        gate=not no_gate, mode="overwrite" if overwrite else "errorifexists")
    except Exception as exc:
        if "PATH_ALREADY_EXISTS" in str(exc) or "already exists" in str(exc):
            raise click.ClickException(f"{output} exists; give another -o or --overwrite") \
                from None
        raise
    finally:
        spark.stop()
    click.echo(stats.summary(), err=True)
    if stats.counts["errors"]:
        click.echo("powtrack: some inputs could not be read; `powtrack ingest` lists them, "
                   "one line each", err=True)


# --- the ledger: ingest, resolve, query, check, export ------------------------

_DB_HELP = ("Database: a SQLite file path or URL, or postgresql+psycopg://USER:PW@HOST/DB. "
            "[default: $POWTRACK_DB, else ./powtrack.db]")


def _db_option(command):
    return click.option("--db", metavar="URL", help=_DB_HELP)(command)


def _open_store(db):
    from powtrack.store import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _estimate_inputs(paths) -> int | None:
    """Roughly how many documents PATHS hold (files, JSON Lines lines), for the bar."""
    import os

    from powtrack.ingest import JSONL_SUFFIXES, PARQUET_SUFFIXES, is_warc

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        files = []
        if os.path.isdir(raw):
            for root, dirs, names in os.walk(raw):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                files += [os.path.join(root, n) for n in names if not n.startswith(".")]
        else:
            files.append(raw)
        for name in files:
            if is_warc(name) or os.path.splitext(name)[1].lower() in PARQUET_SUFFIXES:
                return None  # records per archive or table: unknown until read
            if os.path.splitext(name)[1].lower() in JSONL_SUFFIXES:
                try:
                    with open(name, "rb") as fh:
                        total += sum(chunk.count(b"\n") for chunk in iter(
                            lambda fh=fh: fh.read(1 << 20), b""))
                except OSError:
                    total += 1
            else:
                total += 1
    return total


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for documents that carry none.")
@click.option("--no-resolve", is_flag=True,
              help="Store only; group into exchanges later with `powtrack resolve`.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar. [default: when stderr is a terminal]")
@_jobs_option
@_no_gate_option
def ingest_command(paths, db, published, no_resolve, progress, jobs, no_gate):
    """Extract articles and store them in the ledger, then resolve exchanges.

    PATHS are .txt, .html or .jsonl files, .warc or .warc.gz web archives,
    the Parquet folder `powtrack spark` wrote (its records are stored as they
    are, not extracted again), directories (read recursively), or - for
    standard input. Articles already stored are skipped; a new text at
    a known URL is stored as that article's next version. Each article is
    committed on its own: an interrupted run keeps what it stored, and
    running it again completes the rest. Bad files are reported (one line
    each) and skipped; the exit status is then 1.

    \b
    Examples:
      powtrack ingest examples/articles
      powtrack ingest feed.jsonl --db postgresql+psycopg://me:pw@127.0.0.1/ledger
      POWTRACK_DB=ledger.db powtrack ingest new-articles/
      powtrack ingest CC-NEWS-20240101.warc.gz --jobs 16
      powtrack ingest records.parquet/
    """
    from powtrack.ingest import read_paths
    from powtrack.scale.parallel import StoreFeed, process_items, skipped_summary
    from powtrack.store import ingest

    store = _open_store(db)
    show = sys.stderr.isatty() if progress is None else progress
    # extraction runs in worker processes, in input order; already stored: not extracted
    outcomes = process_items(read_paths(paths, published=published, deferred=True), jobs=jobs,
                             gate=not no_gate,
                             skip=lambda doc: store.has_document(doc.content_hash))
    bar = _progress_bar(_estimate_inputs(paths) if show else None, show)
    feed = StoreFeed(outcomes, on_outcome=lambda: bar.update(1))

    def on_error(source, message):
        bar.clear()
        report_error(source, message)

    try:
        stats = ingest(store, feed, extract=feed.extract, on_error=on_error,
                       resolve_after=not no_resolve)
    finally:
        bar.close()
        store.close()
    versions = f" ({stats.versions} as new versions)" if stats.versions else ""
    errors = (f"; {stats.errors} input{'s' * (stats.errors != 1)} skipped (see above)"
              if stats.errors else "")
    click.echo(f"{stats.read} documents read: {stats.added} stored{versions}, "
               f"{stats.unchanged} already stored{errors}")
    if stats.no_pack:
        langs = ", ".join(f"{code}: {n}" for code, n in sorted(stats.no_pack.items()))
        click.echo(f"{sum(stats.no_pack.values())} documents in languages with no pack "
                   f"({langs}); stored with their language, read with the other packs' words "
                   "only (see docs/languages.md)")
    if skipped_summary(feed.skipped):
        click.echo(skipped_summary(feed.skipped))
    if not no_resolve:
        click.echo(_resolve_summary(stats.resolved))
    sys.exit(1 if stats.errors else 0)


def _resolve_summary(r) -> str:
    if not r.components:
        return "exchanges up to date: nothing new to resolve"
    return (f"resolved {r.mentions} mention{'s' * (r.mentions != 1)} into {r.exchanges} "
            f"exchange{'s' * (r.exchanges != 1)}")


@cli.command("resolve")
@_db_option
@click.option("--full", is_flag=True,
              help="Drop every exchange and resolve all mentions again (same result).")
def resolve_command(db, full):
    """Group stored mentions into exchanges (ingest does this already).

    Only mentions new since the last resolve, and the exchanges they touch,
    are re-resolved.

    \b
    Examples:
      powtrack resolve
      powtrack resolve --full --db ledger.db
    """
    store = _open_store(db)
    try:
        r = store.resolve(full=full)
    finally:
        store.close()
    click.echo(_resolve_summary(r))


def _returned_cell(row) -> str:
    parts = []
    for side, figure in ((row["party_a"], row["returned_to_a"]),
                         (row["party_b"], row["returned_to_b"])):
        if side:
            parts.append(f"{side} {figure:,}" if figure is not None else f"{side} ?")
    return " / ".join(parts)


def _json_default(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@cli.command("exchanges")
@_db_option
@click.option("--party", help="Only exchanges with this side (a canonical name or alias).")
@click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD", help="On or after.")
@click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD", help="On or before.")
@click.option("--status", type=click.Choice(["completed", "agreed", "failed"]))
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def exchanges_command(db, party, since, until, status, limit, as_json):
    """List exchanges with their consensus figures, oldest first.

    RETURNED is the consensus count of each side's own people who came home
    ("?" when no source gives one). Undated exchanges sort last.

    \b
    Examples:
      powtrack exchanges --party Ukraine --since 2024-01-01
      powtrack exchanges --status agreed --json
    """
    store = _open_store(db)
    try:
        rows = store.exchanges(party=party, since=since, until=until, status=status,
                               limit=limit)
    finally:
        store.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, default=_json_default, ensure_ascii=False))
        return
    if not rows:
        click.echo("no exchanges match; `powtrack ingest PATH` adds articles", err=True)
        return
    from powtrack.export import format_table

    table = []
    for r in rows:
        notes = []
        if r["parent_id"]:
            notes.append(f"stage {r['stage']} of {r['parent_id']}")
        if r["n_conflicts"]:
            notes.append(f"{r['n_conflicts']} conflict{'s' * (r['n_conflicts'] > 1)}")
        table.append([r["id"], r["date"] or f"~{r['first_reported'] or '?'}", r["status"],
                      _returned_cell(r), r["n_documents"], "; ".join(notes)])
    click.echo(format_table(table, ["ID", "DATE", "STATUS", "RETURNED", "DOCS", "NOTES"],
                            right=[4]))


@cli.command("show")
@click.argument("exchange_id")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="The exchange as one JSON object.")
def show_command(exchange_id, db, as_json):
    """Show one exchange: consensus figures, every claim with its sentence and article.

    EXCHANGE_ID may be shortened to any unique prefix.

    \b
    Examples:
      powtrack show 3f2a9c
      powtrack show 3f2a9c41d0e8b7a6 --json
    """
    from powtrack.store import StoreError

    store = _open_store(db)
    try:
        x = store.exchange(exchange_id)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(x, default=_json_default, ensure_ascii=False, indent=2))
        return
    from powtrack.export import format_table

    names = {d["id"]: d["input_id"] or d["id"] for d in x["documents"]}
    click.echo(f"exchange {x['id']}: {x['pair']}, {x['status']}, {x['date'] or 'date unknown'}")
    if x["parent_id"]:
        click.echo(f"stage {x['stage']} of {x['parent_id']}")
    if x["mediators"]:
        click.echo(f"mediators: {', '.join(x['mediators'])}")
    if x["location"]:
        click.echo(f"location: {x['location']}")
    click.echo(f"reported {x['first_reported']} to {x['last_reported']} "
               f"in {x['n_documents']} documents")
    click.echo("\nconsensus")
    click.echo(format_table(
        [[c["field"], c["party"] or "", c["value"], c["rule"],
          "CONFLICT: " + c["stated"] if c["conflict"] else ""] for c in x["consensus"]],
        ["FIELD", "PARTY", "VALUE", "RULE", "STATED"]))
    if x["stages"]:
        click.echo("\nstages")
        click.echo(format_table(
            [[s["stage"], s["id"], s["date"], s["status"], _returned_cell(s)]
             for s in x["stages"]], ["#", "ID", "DATE", "STATUS", "RETURNED"]))
    click.echo("\nclaims")
    for c in x["claims"]:
        who = f" ({c['attributed_to']})" if c["attributed_to"] else ""
        party = f" {c['party']}" if c["party"] else ""
        click.echo(f"  {c['field']}{party} = {c['value']}{who}  "
                   f"[{names.get(c['document_id'], c['document_id'])}]")
        if c["sentence"]:
            click.echo(f"      \"{' '.join(c['sentence'].split())}\"")
    click.echo("\ndocuments")
    for d in x["documents"]:
        click.echo(f"  {names[d['id']]}  {d['published'] or '----------'}  "
                   f"{d['outlet'] or ''}  {d['url'] or d['title'] or ''}".rstrip())


@cli.command("totals")
@_db_option
@click.option("--party", help="Only this side.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def totals_command(db, party, as_json):
    """People returned to each side, per year and cumulative.

    Counts completed exchanges by their consensus figures; an agreement done
    in stages counts once. UNKNOWN counts exchanges with no figure for that
    side (they add nothing to RETURNED).

    \b
    Examples:
      powtrack totals
      powtrack totals --party Ukraine --json
    """
    store = _open_store(db)
    try:
        rows = store.totals(party=party)
    finally:
        store.close()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    if not rows:
        click.echo("no completed exchanges yet", err=True)
        return
    from powtrack.export import format_table

    click.echo(format_table(
        [[r["year"], r["party"], r["exchanges"], f"{r['returned']:,}", r["unknown"],
          f"{r['cumulative']:,}"] for r in rows],
        ["YEAR", "PARTY", "EXCHANGES", "RETURNED", "UNKNOWN", "CUMULATIVE"],
        right=[2, 3, 4, 5]))


@cli.command("check")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per finding.")
def check_command(db, as_json):
    """Check the books: parts vs totals, promised vs returned, held figures.

    Each finding names the exchange, the figures and the documents stating
    them. Exit status 1 when there is any finding.

    \b
    Examples:
      powtrack check
      powtrack check --json | jq .message
    """
    from powtrack.books import check

    store = _open_store(db)
    try:
        findings = check(store.all_exchanges(), store.held_figures())
    finally:
        store.close()
    for f in findings:
        if as_json:
            click.echo(json.dumps(f.to_dict(), default=_json_default, ensure_ascii=False))
        else:
            click.echo(f"{f.exchange_id}  {f.check}: {f.message}  "
                       f"[sources: {', '.join(f.sources) or 'none'}]")
    if not as_json:
        click.echo(f"{len(findings)} finding{'s' * (len(findings) != 1)}", err=True)
    sys.exit(1 if findings else 0)


@cli.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "parquet"]), default="json",
              show_default=True)
@click.option("--table", default="exchange_figures", show_default=True,
              help="For csv and parquet: exchange_figures, exchanges, consensus, claims, "
                   "claim_evidence, conflicts, documents, mentions or held.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="File to write. [default: standard output; parquet needs a file]")
def export_command(db, fmt, table, output):
    """Export the ledger.

    JSON: every exchange with its consensus figures (and the rule used), its
    claims and its source documents, named by the id they had in the input.
    CSV and Parquet: one table or view.

    \b
    Examples:
      powtrack export > ledger.json
      powtrack export --format csv --table claim_evidence -o claims.csv
      powtrack export --format parquet -o exchanges.parquet
    """
    from powtrack import export
    from powtrack.store import StoreError

    if fmt == "parquet" and not output:
        raise click.UsageError("parquet is binary: give a file with -o, e.g. -o ledger.parquet")
    if fmt != "json" and table not in export.FLAT_TABLES:
        raise click.BadParameter(f"{table!r}; choose one of {', '.join(export.FLAT_TABLES)}",
                                 param_hint="--table")
    store = _open_store(db)
    try:
        if fmt == "parquet":
            n = export.write_parquet(store, table, output)
            click.echo(f"wrote {n} rows of {table} to {output}", err=True)
            return
        with click.open_file(output or "-", "w", encoding="utf-8") as out:
            if fmt == "json":
                export.write_json(store, out)
            else:
                export.write_csv(store, table, out)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


@cli.command("datasette-metadata")
@_db_option
def datasette_metadata_command(db):
    """Print Datasette metadata (table and column descriptions) for the database.

    \b
    Examples:
      powtrack datasette-metadata > metadata.json
      datasette powtrack.db --metadata metadata.json
    """
    from pathlib import Path

    import sqlalchemy as sa

    from powtrack.export import datasette_metadata
    from powtrack.store import database_url

    url = sa.engine.make_url(database_url(db))
    name = Path(url.database).stem if url.get_backend_name() == "sqlite" and url.database \
        else "powtrack"
    click.echo(json.dumps(datasette_metadata(name), indent=2, ensure_ascii=False))


@cli.command("serve")
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 exposes it to the network).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve_command(db, host, port, log_level):
    """Serve the dashboard and the JSON API (docs at /docs).

    Pages: overview with a timeline chart, exchanges table (filters, CSV),
    each exchange with its evidence, each article with what was read in it,
    and a "Try it" page. Everything is served locally. POST /api/documents
    stores articles only when $POWTRACK_TOKEN is set (send it as
    "Authorization: Bearer TOKEN"); otherwise writes are disabled.

    \b
    Examples:
      powtrack serve
      powtrack serve --db ledger.db --port 8080
      POWTRACK_TOKEN=s3cret powtrack serve --db postgresql+psycopg://me:pw@127.0.0.1/ledger
    """
    import uvicorn

    from powtrack.serve import create_app
    from powtrack.store import StoreError

    try:
        app = create_app(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"powtrack: serving on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
