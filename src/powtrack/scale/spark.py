"""The Spark job: WARC archives in, Parquet of records with evidence out.

Each task takes a few archive paths (local, ``s3a://``, ``gs://``, ``hdfs://``)
and runs the library code that ``powtrack extract`` runs, in ``mapPartitions``:
``read_paths(..., deferred=True)`` streams the pages, ``pipeline.process_item``
gates, reads and extracts each one. Rows are ``scale.table`` rows, in the
order of the paths; ``powtrack ingest OUTPUT`` loads them into the ledger.

    powtrack spark CC-NEWS-*.warc.gz -o records.parquet --master 'local[2]'
    spark-submit --master yarn src/powtrack/scale/spark.py --paths-from warc.paths -o s3a://b/out
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from powtrack.scale.table import COLUMNS, error_row, to_row

COUNTERS = ("archives", "documents", "relevant", "gated", "no_article", "errors")


class SparkUnavailable(RuntimeError):
    """PySpark or Java is missing; the message says what to install."""


@dataclass
class JobStats:
    output: str
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        c = self.counts
        passed = c["gated"] + c["no_article"]
        return (f"{c['archives']} archive{'s' * (c['archives'] != 1)}: {c['documents']:,} "
                f"documents ({c['relevant']:,} about swaps), {passed:,} pages passed over "
                f"({c['gated']:,} at the relevance gate), {c['errors']:,} errors; "
                f"wrote {self.output}")


def extract_partition(paths: Iterable[str], published: date | None = None, gate: bool = True,
                      counters: dict | None = None) -> Iterator[tuple]:
    """One task's work: the archives read, gated and extracted; one row per document or error.

    Rows are tuples in ``table.COLUMNS`` order. ``counters`` are Spark
    accumulators (or anything with ``add``) named as ``COUNTERS``.
    """
    from powtrack.ingest import ReadError, read_paths
    from powtrack.pipeline import Skipped
    from powtrack.scale.parallel import Failed, failed_message, process_items

    names = [name for name, _ in COLUMNS]

    def count(name: str) -> None:
        if counters is not None:
            counters[name].add(1)

    for path in paths:
        count("archives")
        for outcome in process_items(read_paths([path], published, deferred=True), jobs=1,
                                     gate=gate):
            if isinstance(outcome, Skipped):
                count("gated" if outcome.reason == "gate" else "no_article")
                continue
            if isinstance(outcome, ReadError):
                row = error_row(outcome.source, outcome.message)
                count("errors")
            elif isinstance(outcome, Failed):
                row = error_row(outcome.source, failed_message(outcome))
                count("errors")
            else:
                doc, record = outcome
                row = to_row(doc, record)
                count("documents")
                if record.relevant:
                    count("relevant")
            yield tuple(row[n] for n in names)


def spark_schema():
    """The Spark schema of ``table.COLUMNS``."""
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "date": T.DateType(), "boolean": T.BooleanType()}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in COLUMNS])


def session(master: str | None = None, conf: Sequence[tuple[str, str]] = ()):
    """A SparkSession: the one spark-submit set up, or a new one on ``master``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailable("PySpark is not installed; pip install 'powtrack[spark]' "
                               "(and a Java 17 runtime)") from None
    if master and master.startswith("local"):
        # the Python workers of a local session run the interpreter that runs us; on a
        # cluster, spark.pyspark.python (or the cluster's own setting) says which
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("powtrack")
    if master:
        builder = builder.master(master)
    for key, value in conf:
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # PySparkRuntimeError JAVA_GATEWAY_EXITED and the like
        if "JAVA" in str(exc).upper():
            raise SparkUnavailable(
                f"Spark could not start Java ({str(exc).splitlines()[0]}); install a Java 17 "
                "runtime (apt-get install openjdk-17-jre-headless) or set JAVA_HOME") from None
        raise


def run_job(paths: Sequence[str], output: str, spark=None, partitions: int | None = None,
            published: date | None = None, gate: bool = True,
            mode: str = "errorifexists") -> JobStats:
    """Extract every archive in ``paths`` and write the rows to Parquet at ``output``.

    One partition per archive unless ``partitions`` says otherwise (a
    CC-NEWS archive is about 1 GB and takes one task a few minutes). ``mode``
    is Spark's save mode: ``errorifexists`` or ``overwrite``.
    """
    spark = spark or session()
    sc = spark.sparkContext
    counters = {name: sc.accumulator(0) for name in COUNTERS}
    slices = max(1, min(partitions or len(paths), len(paths)))
    rows = sc.parallelize(list(paths), numSlices=slices).mapPartitions(
        partial(extract_partition, published=published, gate=gate, counters=counters))
    spark.createDataFrame(rows, schema=spark_schema()).write.mode(mode).parquet(output)
    return JobStats(output, {name: acc.value for name, acc in counters.items()})


def read_path_list(lines: Iterable[str]) -> list[str]:
    """Paths from a list file (one a line, # comments; CC-NEWS ``warc.paths`` style)."""
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def main(argv: Sequence[str] | None = None) -> None:
    """``spark-submit src/powtrack/scale/spark.py ARGS``: the same as ``powtrack spark ARGS``."""
    from powtrack.cli import cli

    cli.main(["spark", *(sys.argv[1:] if argv is None else argv)], prog_name="powtrack spark")


if __name__ == "__main__":
    main()
