"""Crash safety and concurrency with real processes: SIGKILL a writer at random moments and check
that every commit it reported survived; two writers at once both finish."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("TOUCHDESK_CRASH_ROUNDS", "12"))


def _writer(db_path, count, tag):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", str(db_path), str(count), tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.slow
def test_sigkill_never_loses_a_reported_commit(db_path):
    rng = random.Random(20261125)
    reported: list[int] = []
    for _round in range(ROUNDS):
        proc = _writer(db_path, 100_000, f"r{_round}")
        assert proc.stdout.readline().startswith("ready")
        deadline = time.monotonic() + rng.uniform(0.05, 0.6)
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.strip().isdigit():
                reported.append(int(line))
        proc.send_signal(signal.SIGKILL)
        # What was printed before the kill was committed before it: collect the rest of the pipe.
        rest, _err = proc.communicate()
        reported.extend(int(x) for x in rest.split() if x.isdigit())
    assert len(reported) > ROUNDS  # the writer really wrote between kills
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    present = {r[0] for r in conn.execute("SELECT id FROM events")}
    conn.close()
    assert set(reported) <= present


@pytest.mark.slow
def test_two_writers_take_turns_instead_of_failing(db_path):
    procs = [_writer(db_path, 150, tag) for tag in ("a", "b")]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        lines = out.splitlines()
        assert lines[0].startswith("ready")
        assert len([x for x in lines[1:] if x.isdigit()]) == 150
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM events").fetchone() == (300,)
    conn.close()
