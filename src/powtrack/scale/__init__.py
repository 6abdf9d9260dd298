"""Scale: many processes on one machine (``parallel``), or a Spark cluster (``spark``).

Both run the same library code as ``powtrack extract`` on one core:
``pipeline.process_item`` for each item ``ingest.read_paths(..., deferred=True)``
yields. ``table`` is the Parquet shape of records with evidence that the
Spark job writes and ``powtrack ingest`` loads.
"""
