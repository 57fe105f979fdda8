"""``touchdesk --self-test``: prove that an installed or bundled TouchDesk works end to end.

Offscreen, in a temporary folder: create a database, load demo data, log a touchpoint, run the
planning optimizer, save a plan, write every report in English and Persian, open the main window.
Exit status 0 only if every step worked; each step prints one line.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path


def _cli(*args: str) -> None:
    from touchdesk.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse refusing the arguments
            status = exc.code if isinstance(exc.code, int) else 1
    if status != 0:
        raise RuntimeError(f"touchdesk {' '.join(args)} exited {status}: {out.getvalue()[-500:]}")


def _steps(folder: Path) -> list[tuple[str, Callable[[], None]]]:
    db = str(folder / "selftest.sqlite3")

    def log_touchpoint() -> None:
        from touchdesk.data.records import TouchpointInput
        from touchdesk.data.workspace import Workspace

        with Workspace.open(db) as ws:
            cid = ws.find_customers(limit=1)[0].id
            before = len(ws.timeline(cid))
            ws.log_touchpoint(
                TouchpointInput(cid, "point_of_sale", "in_person", "positive", amount_cents=125_00)
            )
            if len(ws.timeline(cid)) != before + 1:
                raise RuntimeError("the logged touchpoint is not in the timeline")

    def reports() -> None:
        import datetime as dt

        month = dt.date.today().strftime("%Y-%m")
        for lang in ("en", "fa"):
            for name, extra in (
                ("monthly", ["--month", month, "--appendix"]),
                ("journey", ["--customer", "1"]),
                ("plan", []),
            ):
                out = folder / f"{name}-{lang}.pdf"
                _cli("--db", db, "report", name, *extra, "--lang", lang, "--out", str(out))
                if out.stat().st_size < 1000 or not out.read_bytes().startswith(b"%PDF"):
                    raise RuntimeError(f"{out.name} is not a PDF")

    def window() -> None:
        _cli("--db", db, "--exit-after-startup")

    return [
        (
            "create a database and load demo data",
            lambda: _cli("--db", db, "demo", "--customers", "60", "--months", "3", "--seed", "7"),
        ),
        ("log a touchpoint", log_touchpoint),
        (
            "run the planning optimizer",
            lambda: _cli(
                "--db",
                db,
                "plan",
                "suggest",
                "--business",
                "shop",
                "--team",
                "1",
                "--budget",
                "800",
                "--hours",
                "40",
                "--json",
            ),
        ),
        (
            "save a plan",
            lambda: _cli(
                "--db",
                db,
                "plan",
                "suggest",
                "--business",
                "shop",
                "--team",
                "1",
                "--budget",
                "800",
                "--hours",
                "40",
                "--save",
            ),
        ),
        ("write every report in English and Persian", reports),
        ("open the main window", window),
    ]


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="touchdesk-selftest-") as tmp:
        folder = Path(tmp)
        os.environ["TOUCHDESK_HOME"] = str(folder / "home")
        for title, step in _steps(folder):
            start = time.monotonic()
            try:
                step()
            except Exception:
                failures += 1
                print(f"FAIL {title}", flush=True)
                traceback.print_exc(file=sys.stdout)
            else:
                print(f"ok   {title} ({time.monotonic() - start:.1f} s)", flush=True)
    print("self-test passed" if failures == 0 else f"self-test failed: {failures} step(s)")
    return 0 if failures == 0 else 1
