"""Crashes and concurrency: `powtrack ingest` killed at random points, and run twice at once.

Each database (a SQLite file, a PostgreSQL schema) takes several SIGKILLs at
points a seeded RNG chooses: during start-up and migration, while documents
are being committed, and while exchanges are being resolved. A last run
completes the ledger, which must then equal, row for row, the ledger of one
clean run. Two ingest processes over overlapping folders on one database
must together store every document once, resolve like one run, and show
the user no "database is locked" or traceback.
"""

from __future__ import annotations

import math
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from ledger_data import snapshot, write_articles
from powtrack.store import Store

pytestmark = pytest.mark.slow  # each test runs `powtrack ingest` several times

ROOT = Path(__file__).resolve().parents[1]
SKIP = ("ingested_at",)  # when a row was written is all that may differ


def start_ingest(folder: Path, url: str, jobs: int = 2) -> subprocess.Popen:
    """`powtrack ingest` in its own process group, so a kill takes its workers too."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.Popen([sys.executable, "-m", "powtrack", "ingest", str(folder), "--db",
                             url, "--no-progress", "--jobs", str(jobs)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:  # it had finished
        pass


class Counter:
    """Counts stored documents from outside, as the killed process commits them."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url)

    def __call__(self) -> int:
        try:
            with self.engine.connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
        except sa.exc.SQLAlchemyError:
            return 0  # not created yet

    def close(self) -> None:
        self.engine.dispose()


def clean_ledger(folder: Path, tmp_path: Path) -> tuple[str, subprocess.CompletedProcess]:
    url = f"sqlite:///{tmp_path / 'clean.db'}"
    proc = start_ingest(folder, url)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return url, subprocess.CompletedProcess(proc.args, 0, out, err)


def assert_nothing_alarming(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "locked" not in stderr.lower(), stderr


# --- random SIGKILLs ----------------------------------------------------------------


def kill_points(rng: random.Random) -> list[tuple[str, float, float]]:
    """Five kills: (what, share of the documents left to store before it, seconds more)."""
    return [
        ("start-up or migration", 0.0, rng.uniform(0.02, 0.5)),
        ("committing documents", rng.uniform(0.05, 0.4), rng.uniform(0, 0.02)),
        ("committing documents", rng.uniform(0.2, 0.6), rng.uniform(0, 0.02)),
        ("committing documents", rng.uniform(0.3, 0.9), rng.uniform(0, 0.02)),
        ("resolving exchanges", 1.0, rng.uniform(0, 0.1)),
    ]


def run_and_kill(folder: Path, url: str, count: Counter, stored: int,
                 delay: float) -> int | None:
    """Start ingest; SIGKILL it ``delay`` s after ``stored`` documents are in. Returns rc."""
    proc = start_ingest(folder, url)
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and count() < stored:
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.005)
        time.sleep(delay)
        kill(proc)
        _, err = proc.communicate(timeout=60)
        if proc.returncode != -signal.SIGKILL:
            assert proc.returncode == 0, err
            assert_nothing_alarming(err)
        return proc.returncode
    finally:
        if proc.poll() is None:
            kill(proc)
            proc.wait()


@pytest.mark.parametrize("seed", [20240304])
def test_ingest_killed_at_random_points_ends_equal_to_a_clean_run(db_url, tmp_path, seed):
    folder = tmp_path / "articles"
    n = write_articles(folder, n_swaps=50, reports=3)
    clean_url, _ = clean_ledger(folder, tmp_path)
    rng = random.Random(f"{seed}-{db_url.split(':')[0]}")
    count = Counter(db_url)
    try:
        outcomes = []
        for what, share, delay in kill_points(rng):
            before = count()
            target = before + math.ceil(share * (n - before))
            rc = run_and_kill(folder, db_url, count, target, delay)
            outcomes.append((what, rc, before, count()))
        killed = [o for o in outcomes if o[1] == -signal.SIGKILL]
        assert len(killed) >= 3, outcomes
        assert sum(0 < after < n for *_, after in killed) >= 2, outcomes  # mid-run kills
    finally:
        count.close()

    proc = start_ingest(folder, db_url)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert_nothing_alarming(err)
    assert f"{n} documents read" in out
    with Store.open(db_url) as killed_store, Store.open(clean_url) as clean:
        assert killed_store.counts() == clean.counts()
        assert snapshot(killed_store, skip=SKIP) == snapshot(clean, skip=SKIP)
        assert len(killed_store.exchanges()) == 50


# --- two at once --------------------------------------------------------------------


def overlapping(folder: Path, split: str) -> tuple[Path, Path]:
    """Two folders: the first and the last two thirds of ``folder``'s files, or all of them."""
    if split == "same-folder":
        return folder, folder
    files = sorted(folder.iterdir())
    a, b = folder.parent / "a", folder.parent / "b"
    a.mkdir()
    b.mkdir()
    for i, path in enumerate(files):
        if i < 2 * len(files) // 3:
            shutil.copy(path, a / path.name)
        if i >= len(files) // 3:
            shutil.copy(path, b / path.name)
    return a, b


@pytest.mark.parametrize("split", ["thirds-overlapping", "same-folder"])
def test_two_ingests_at_once_store_every_document_once_and_resolve_like_one(
        db_url, tmp_path, split):
    folder = tmp_path / "articles"
    n = write_articles(folder, n_swaps=30, reports=3)
    clean_url, _ = clean_ledger(folder, tmp_path)
    a, b = overlapping(folder, split)
    # both start on a new database: both migrate it, then store and resolve side by side
    procs = [start_ingest(a, db_url, jobs=1), start_ingest(b, db_url, jobs=1)]
    results = [(p, *p.communicate(timeout=300)) for p in procs]
    stored = 0
    for proc, out, err in results:
        assert proc.returncode == 0, err
        assert_nothing_alarming(err)
        read, added, unchanged = map(int, re.search(
            r"(\d+) documents read: (\d+) stored, (\d+) already stored", out).groups())
        assert read == added + unchanged
        stored += added
    assert stored == n  # none lost, none stored twice
    # the sources name the folder each process read: all else is as one clean run
    with Store.open(db_url) as both, Store.open(clean_url) as clean:
        assert both.counts() == clean.counts()
        assert snapshot(both, skip=SKIP + ("source",)) == snapshot(clean, skip=SKIP + ("source",))
        with both.engine.connect() as conn:
            unresolved = conn.execute(sa.text(
                "SELECT count(*) FROM mentions WHERE NOT resolved")).scalar_one()
        assert unresolved == 0
