"""Benchmark: start-up, from launch to the main window painted with its data.

Run: ``.venv/bin/python bench/bench_startup.py [--runs N] [--customers N]`` (offscreen Qt), or
``python -m bench bench_startup`` to refresh only this part of ``bench/RESULTS.md``. The
100,000-customer demo database is the one ``bench_ui.py`` builds and caches under ``bench/.cache/``.

Each run starts new processes, interleaved so both see the same machine moment:

- the floor: a process that imports PySide6, shows a bare ``QMainWindow`` and paints it;
- the app: ``touchdesk --db … --exit-after-startup``, which reports the first frame with data (the
  customer list's rows, or Today's lists) once it has painted, on the screen last used, then
  quits once the data layer it loads after that frame is open.

Figures for each: launch to the first painted frame (when the process reports it on stderr, read
as it arrives), to the data layer loaded (every action ready), to the process's exit, and the CPU
time the process used (user + system; it moves less than wall time when other work shares the
machine). Medians, and their ratios; also the fastest first frame of each, as other work only
ever adds time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
PYTHON = sys.executable
MARKER = "startup_ms="
LOADED = "loaded_ms="
TIMEOUT_S = 60
BARE_WINDOW = (
    "import sys, time; t = time.perf_counter()\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv); w = QMainWindow(); w.resize(1180, 760); w.show()\n"
    "def painted():\n"
    "    w.repaint()\n"
    f"    print('{MARKER}%.0f' % ((time.perf_counter() - t) * 1000), file=sys.stderr)\n"
    "    app.quit()\n"
    "QTimer.singleShot(0, painted); app.exec()\n"
)


def database(customers: int) -> Path:
    """The cached demo database (built by ``bench_ui.database`` when missing)."""
    path = CACHE / f"ui-{customers}.sqlite3"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_ui import database as build

        build(customers, rebuild=False)
    return path


# The steps of ``touchdesk --exit-after-startup`` one by one, in the order the command takes them
# (touchdesk.cli.main), each timed; prints "name=ms" lines.
PHASES = """
import gc, sys, time
t0 = time.perf_counter()
def step(name, t=[t0]):
    now = time.perf_counter()
    print(f"{name}={(now - t[0]) * 1000:.1f}", file=sys.stderr)
    t[0] = now
from touchdesk import cli
step("our command-line module")
gc.disable()
from PySide6 import QtCore, QtGui, QtWidgets
step("PySide6 QtCore, QtGui, QtWidgets")
from PySide6.QtCore import Qt
step("PySide6 Qt namespace (its enums)")
from touchdesk.ui import app
step("app shell, main window, controllers")
args, rest = cli.build_parser(commands=False).parse_known_args(sys.argv[1:])
args.command = None
app.run_gui(args, rest)
"""


def phases(path: Path, env: dict[str, str], runs: int) -> None:
    """Where start-up goes: each step's median over ``runs`` processes (run_gui's own figure is
    from QApplication to the first frame, including the first screen's imports; the data layer
    loads after it)."""
    cmd = [PYTHON, "-c", PHASES, "--db", str(path), "--exit-after-startup"]
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
        for line in proc.stderr.splitlines():
            name, sep, value = line.rpartition("=")
            if sep and value.replace(".", "", 1).isdigit():
                found.setdefault(name, []).append(float(value))
    # run_gui reports both markers from its own start; the second step is what follows the first.
    loaded = found.pop(LOADED[:-1], [])
    frame = found.pop(MARKER[:-1], [])
    found["run_gui to first frame"] = frame
    total = sum(statistics.median(v) for v in found.values())
    print(f"where start-up goes (in-process steps, median of {runs}; customers screen)")
    for name, values in found.items():
        ms = statistics.median(values)
        print(f"  {ms:6.0f} ms  {ms / total * 100:3.0f}%  {name}")
    if loaded and frame:
        after = statistics.median(b - a for a, b in zip(frame, loaded, strict=True))
        print(f"  then {after:4.0f} ms after the first frame: data layer loaded (on a worker)")


def launch(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Seconds from launch to the first-frame line on stderr, to the data-layer-loaded line (the
    first-frame figure for a process without one) and to the process's exit, and the CPU seconds
    (user + system) the process used: the CPU figure moves less when other work shares the
    machine."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert proc.stderr is not None
    # A process stuck in a dialog (say, a database it cannot open) must not hang the bench.
    watchdog = threading.Timer(TIMEOUT_S, proc.kill)
    watchdog.start()
    frame = loaded = None
    for line in proc.stderr:
        if frame is None and line.startswith(MARKER):
            frame = time.perf_counter() - started
        if loaded is None and line.startswith(LOADED):
            loaded = time.perf_counter() - started
    _pid, status, usage = os.wait4(proc.pid, 0)
    ended = time.perf_counter() - started
    watchdog.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or frame is None:
        raise RuntimeError(f"{cmd!r} failed (exit {proc.returncode})")
    return frame, loaded or frame, ended, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--views", default="customers,today")
    args = parser.parse_args()
    path = database(args.customers)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    print(f"database: {path.name} ({path.stat().st_size / 1e6:.0f} MB)")
    # Other work on the machine moves wall times a lot; the ratios are measured under the same load.
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    if os.nice(0):
        print(f"run at niceness {os.nice(0)} (app and floor alike)")
    print(f"launch to first painted frame with data (new processes, median of {args.runs})")
    for view in args.views.split(","):
        home = Path(tempfile.mkdtemp(prefix="touchdesk-bench-home-"))
        app_cmd = [PYTHON, "-m", "touchdesk", "--db", str(path), "--exit-after-startup"]
        app_env = {**env, "TOUCHDESK_HOME": str(home)}
        bare, app = [], []
        # Not counted: a database's first start settles what it stores once (its currency), and
        # the file's pages come into the system's cache, as on any later start.
        (home / "ui-state.ini").write_text(f"[window]\nview={view}\n", encoding="utf-8")
        launch(app_cmd, app_env)
        for _ in range(args.runs):
            # The window remembers its last screen; set it before every run.
            (home / "ui-state.ini").write_text(f"[window]\nview={view}\n", encoding="utf-8")
            bare.append(launch([PYTHON, "-c", BARE_WINDOW], env))
            app.append(launch(app_cmd, app_env))
        b_frame, b_loaded, b_exit, b_cpu = (statistics.median(r[i] for r in bare) for i in range(4))
        a_frame, a_loaded, a_exit, a_cpu = (statistics.median(r[i] for r in app) for i in range(4))
        print(
            f"  {view:9s} first frame {a_frame:5.2f} s  bare QMainWindow {b_frame:5.2f} s  "
            f"ratio {a_frame / b_frame:4.2f}x  extra {a_frame - b_frame:5.2f} s"
        )
        a_best, b_best = min(r[0] for r in app), min(r[0] for r in bare)
        print(
            f"  {'':9s} best run    {a_best:5.2f} s  bare QMainWindow {b_best:5.2f} s  "
            f"ratio {a_best / b_best:4.2f}x  (the least disturbed by other work)"
        )
        print(
            f"  {'':9s} all loaded  {a_loaded:5.2f} s  bare QMainWindow {b_loaded:5.2f} s  "
            f"ratio {a_loaded / b_loaded:4.2f}x  (the data layer open: every action ready)"
        )
        print(
            f"  {'':9s} to exit     {a_exit:5.2f} s  bare QMainWindow {b_exit:5.2f} s  "
            f"ratio {a_exit / b_exit:4.2f}x"
        )
        print(
            f"  {'':9s} CPU         {a_cpu:5.2f} s  bare QMainWindow {b_cpu:5.2f} s  "
            f"ratio {a_cpu / b_cpu:4.2f}x  (user + system, whole process)"
        )
    home = Path(tempfile.mkdtemp(prefix="touchdesk-bench-home-"))
    (home / "ui-state.ini").write_text("[window]\nview=customers\n", encoding="utf-8")
    phases(path, {**env, "TOUCHDESK_HOME": str(home)}, max(3, args.runs // 3))
    print("load average at end:   {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
