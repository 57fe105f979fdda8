"""``make bench``: run every ``bench/bench_*.py`` and write ``bench/RESULTS.md``.

Each benchmark prints its own figures beside a floor measured in the same run (a ratio, so the
numbers mean something on another machine). This runner adds the machine and versions and keeps
each benchmark's output verbatim.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def machine() -> list[str]:
    import PySide6
    import reportlab
    import sqlalchemy

    from touchdesk import __version__

    mem = ""
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1048576:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return [
        f"- date: {dt.datetime.now():%Y-%m-%d %H:%M}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores{mem}, {platform.platform()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, SQLAlchemy {sqlalchemy.__version__}, "
        f"PySide6 {PySide6.__version__}, ReportLab {reportlab.Version}, TouchDesk {__version__}",
    ]


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not only or p.stem in only)
    out = [
        "# Benchmark results",
        "",
        "Made by `make bench` (`python -m bench`). Figures, not pass/fail; every "
        "figure is shown beside a floor measured in the same run.",
        "",
        *machine(),
        "",
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    for script in scripts:
        print(f"== {script.name}", flush=True)
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True
        )
        elapsed = time.monotonic() - started
        print(proc.stdout)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
        out += [
            f"## {script.stem}",
            "",
            f"(exit {proc.returncode}, {elapsed:.0f} s)",
            "",
            "```",
            proc.stdout.strip(),
            "```",
            "",
        ]
    (HERE / "RESULTS.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
