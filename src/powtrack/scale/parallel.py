"""Many processes on one machine: items to records over a multiprocessing Pool, in order.

The main process reads (a WARC archive streams at thousands of records a
second) and hands chunks of items to worker processes, which gate, read and
extract them (``pipeline.process_item``). Results come back in input order,
so the output is the same whatever the number of jobs; at most a few chunks
per worker are in flight, so memory does not grow with the input.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from powtrack.document import Document
from powtrack.ingest import ReadError
from powtrack.pipeline import Skipped, process_item
from powtrack.records import Record

CHUNK = 16  # items per task: enough to make the hand-over cheap, few enough to stay even
AHEAD = 4  # chunks in flight per worker


@dataclass
class Failed:
    """An item the pipeline raised on: where it came from and what was raised."""

    source: str
    error: str  # "ValueError: ..."
    document: Document | None = None


Outcome = tuple[Document, Record | None] | Skipped | ReadError | Failed


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def process_items(items: Iterable[Any], jobs: int | None = None, gate: bool = True,
                  skip: Callable[[Document], bool] | None = None,
                  chunk: int = CHUNK) -> Iterator[Outcome]:
    """Run ``pipeline.process_item`` over ``items`` in ``jobs`` processes; outcomes in order.

    ``items`` come from ``read_paths(..., deferred=True)``. Each outcome is
    ``(document, record)``, ``Skipped``, ``ReadError`` or ``Failed`` (the
    extractor raised; the rest goes on). A document for which ``skip`` is
    true comes back as ``(document, None)`` without being extracted (ingest:
    already stored). ``jobs`` defaults to all cores; 1 runs in this process.
    """
    if skip is not None:
        items = (_Pass(x) if isinstance(x, Document) and skip(x) else x for x in items)
    yield from map_ordered(partial(_run_chunk, gate=gate), items,
                           default_jobs() if jobs is None else jobs, chunk)


def map_ordered(func: Callable[[list], list], items: Iterable[Any], jobs: int,
                chunk: int = CHUNK, ahead: int | None = None) -> Iterator[Any]:
    """``func`` over chunks of ``items`` in a Pool of ``jobs`` processes; results in order.

    ``func`` takes a list of items and returns a list of results; it must be
    picklable (a module-level function or a ``partial`` of one). At most
    ``ahead`` chunks (default: AHEAD per job) are in flight, so the input is
    read only as fast as the workers go.
    """
    chunks = _chunks(items, chunk)
    if jobs <= 1:
        for c in chunks:
            yield from func(c)
        return
    ahead = ahead or AHEAD * jobs
    with _context().Pool(jobs, initializer=_worker_init) as pool:
        pending: deque = deque()
        for c in chunks:
            pending.append(pool.apply_async(func, (c,)))
            if len(pending) >= ahead:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


@dataclass
class _Pass:
    """A document to hand back untouched."""

    document: Document


def _run_chunk(items: list, gate: bool = True) -> list[Outcome]:
    out: list[Outcome] = []
    for item in items:
        if isinstance(item, _Pass):
            out.append((item.document, None))
            continue
        try:
            out.append(process_item(item, gate=gate))
        except Exception as exc:  # one article that breaks the extractor must not stop a run
            doc = item if isinstance(item, Document) else None
            source = getattr(item, "source", None) or (doc.key if doc else "?")
            out.append(Failed(source, f"{type(exc).__name__}: {exc}", doc))
    return out


def _chunks(items: Iterable[Any], size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _context():
    """fork where it is safe (one thread: fast, shares what is imported), else forkserver."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["powtrack.scale.parallel"])
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_init() -> None:
    # Ctrl-C is for the main process, which stops the pool; workers stay quiet
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class StoreFeed:
    """Outcomes as ``store.ingest`` takes them: documents with their records ready, and errors.

    Iterate it as ``items`` and pass ``extract`` as ``extract``: ``store.ingest``
    asks for each document's record right after it gets the document, so the
    record waits in one slot. ``skipped`` counts the pages passed over, by reason.
    """

    def __init__(self, outcomes: Iterable[Outcome],
                 on_outcome: Callable[[], None] | None = None) -> None:
        self.outcomes = outcomes
        self.on_outcome = on_outcome
        self.skipped: dict[str, int] = {}
        self._record: Record | None = None

    def __iter__(self) -> Iterator[Document | ReadError]:
        for outcome in self.outcomes:
            if self.on_outcome:
                self.on_outcome()
            if isinstance(outcome, Skipped):
                self.skipped[outcome.reason] = self.skipped.get(outcome.reason, 0) + 1
            elif isinstance(outcome, Failed):
                yield ReadError(outcome.source, failed_message(outcome))
            elif isinstance(outcome, ReadError):
                yield outcome
            else:
                doc, self._record = outcome
                yield doc

    def extract(self, doc: Document) -> Record:
        record, self._record = self._record, None
        if record is None:  # skipped as stored, and since gone from the store
            from powtrack.pipeline import process

            return process(doc)
        return record


def failed_message(failed: Failed) -> str:
    """The one line to print for an item the extractor raised on."""
    return f"extraction failed ({failed.error}); skipped it, please report this article"


def skipped_summary(skipped: dict[str, int]) -> str | None:
    """"12 web pages passed over: 10 at the relevance gate, 2 with no article text"."""
    total = sum(skipped.values())
    if not total:
        return None
    parts = []
    if skipped.get("gate"):
        parts.append(f"{skipped['gate']:,} at the relevance gate")
    if skipped.get("no article"):
        parts.append(f"{skipped['no article']:,} with no article text")
    return f"{total:,} web page{'s' * (total != 1)} passed over: {', '.join(parts)}"
