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
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2024-01-03") from None


def report_error(source: str, message: str) -> None:
    """One line on stderr per bad input: the file and what to do."""
    click.echo(f"powtrack: {source}: {message}", err=True)


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
def extract(paths, fmt, published, no_evidence):
    """Print the exchange records found in articles.

    PATHS are .txt, .html or .jsonl files, directories (read recursively),
    or - for standard input. Exit status 1 when any input could not be read.

    \b
    Examples:
      powtrack extract article.txt --published 2024-01-03
      powtrack extract examples/articles --format table
      cat docs.jsonl | powtrack extract - > records.jsonl
    """
    from powtrack.ingest import ReadError, read_paths
    from powtrack.pipeline import process
    from powtrack.render import format_table_row

    failed = False
    for item in read_paths(paths, published=published):
        if isinstance(item, ReadError):
            report_error(item.source, item.message)
            failed = True
            continue
        record = process(item)
        if fmt == "jsonl":
            click.echo(json.dumps(record.to_dict(evidence=not no_evidence), ensure_ascii=False))
        else:
            click.echo(format_table_row(item, record))
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--errors", "show_errors", is_flag=True,
              help="List, per document, what was missed and what was extra.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
def evaluate(gold, pred, show_errors, as_json):
    """Score extraction against gold annotations (see SCHEMA.md).

    Without PRED, runs extraction on the gold documents' own text.

    \b
    Examples:
      powtrack evaluate examples/gold.jsonl
      powtrack evaluate gold.jsonl predictions.jsonl --errors
    """
    from powtrack import evaluate as ev
    from powtrack.pipeline import extract as run_extract

    gold_rows = ev.load_jsonl(gold)
    if pred:
        pred_rows = ev.load_jsonl(pred)
    else:
        pred_rows = [
            run_extract(g["text"], published=g.get("published"), url=g.get("url"),
                        id=g["id"]).to_dict(evidence=False)
            for g in gold_rows
        ]
    scores = ev.score(gold_rows, pred_rows)
    if as_json:
        click.echo(json.dumps(scores))
    else:
        click.echo(ev.format_scores(scores))
    if show_errors:
        click.echo(ev.format_errors(ev.errors(gold_rows, pred_rows)))
