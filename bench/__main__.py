"""``make bench``: run every ``bench/bench_*.py`` and write ``bench/RESULTS.md``
(``python -m bench bench_startup`` runs only the named ones and keeps the other sections).

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
        "- load average when this run started: {:.1f} {:.1f} {:.1f}{}".format(
            *os.getloadavg(), f"; run at niceness {os.nice(0)}" if os.nice(0) else ""
        ),
    ]


def previous_sections(path: Path) -> dict[str, list[str]]:
    """The ``## bench_x`` sections of an earlier RESULTS.md, by benchmark name."""
    sections: dict[str, list[str]] = {}
    if not path.exists():
        return sections
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        if current is not None:
            current.append(line)
    return sections


def main(argv: list[str]) -> int:
    """Run the benchmarks named in ``argv`` (all without arguments); the sections of the others
    are kept from the previous RESULTS.md (each section says when it was measured)."""
    only = set(argv)
    every = sorted(HERE.glob("bench_*.py"))
    scripts = [p for p in every if not only or p.stem in only]
    results = HERE / "RESULTS.md"
    sections = previous_sections(results) if only else {}
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    header = machine()
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
        sections[script.stem] = [
            f"## {script.stem}",
            "",
            f"(exit {proc.returncode}, {elapsed:.0f} s, measured {dt.datetime.now():%Y-%m-%d %H:%M})",
            "",
            "```",
            proc.stdout.strip(),
            "```",
            "",
        ]
    out = [
        "# Benchmark results",
        "",
        "Made by `make bench` (`python -m bench`; `python -m bench bench_x` re-runs one). Figures, "
        "not pass/fail; every figure is shown beside a floor measured in the same run.",
        "",
        *header,
        *(["- only some benchmarks ran; each section says when it was measured"] if only else []),
        "",
    ]
    for script in every:
        out += sections.get(script.stem, [])
    results.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    print(f"wrote {results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
