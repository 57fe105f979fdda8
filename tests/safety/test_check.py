"""``touchdesk check``: finds what is wrong, ``--repair`` fixes it, a second run finds nothing."""

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.factories import customer, touch
from touchdesk.cli import main
from touchdesk.data.db import to_url


def _damage(db_path, *statements):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.both_backends
def test_sound_database_passes(workspace, db_url, capsys):
    touch(workspace, customer(workspace))
    assert main(["--db", db_url, "check"]) == 0
    assert "sound" in capsys.readouterr().out


@pytest.mark.both_backends
def test_repair_fixes_index_summaries_and_replies(workspace, db_url, capsys):
    """What can go wrong on either engine (PostgreSQL enforces foreign keys, so no orphans)."""
    a = customer(workspace, "Ali", phone="09121234567")
    touch(workspace, a, at=dt.datetime(2026, 11, 1, 10))
    workspace.close()
    engine = create_engine(to_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM customer_fts"))
        conn.execute(text("UPDATE customers SET last_event_at = NULL"))
        conn.execute(text("UPDATE events SET replied_at = :t"), {"t": dt.datetime(2000, 1, 1)})
    engine.dispose()
    assert main(["--db", db_url, "check"]) == 1
    found = capsys.readouterr().out
    assert "1 replies are dated before their request" in found
    assert "1 customers missing from the search index" in found
    assert "1 customers show an out-of-date last contact" in found
    assert main(["--db", db_url, "check", "--repair"]) == 0
    assert "repaired: search index rebuilt" in capsys.readouterr().out
    assert main(["--db", db_url, "check"]) == 0
    from touchdesk.data.workspace import Workspace

    with Workspace.open(db_url) as ws:
        assert [r.name for r in ws.find_customers("0912")] == ["Ali"]
        assert ws.customer(a).last_event_at == dt.datetime(2026, 11, 1, 10)
        assert ws.timeline(a)[0].replied_at == dt.datetime(2026, 11, 1, 10)


@pytest.mark.sqlite_only  # orphans need foreign keys switched off, which only SQLite allows
def test_repair_fixes_orphans_index_and_summaries(workspace, db_path, capsys):
    a = customer(workspace, "Ali", phone="09121234567")
    b = customer(workspace, "Bita")
    touch(workspace, a, at=dt.datetime(2026, 11, 1, 10))
    touch(workspace, b, at=dt.datetime(2026, 11, 2, 10))
    workspace.add_followup("call Bita", dt.datetime(2026, 12, 1), customer_id=b)
    workspace.close()
    _damage(
        db_path,
        f"DELETE FROM customers WHERE id = {b}",  # events and a follow-up of a missing customer
        "DELETE FROM customer_fts",  # search index lost
        f"UPDATE customers SET last_event_at = NULL WHERE id = {a}",  # stale summary
        "UPDATE events SET replied_at = '2000-01-01 00:00:00.000000' WHERE id = 1",  # reply before request
    )
    assert main(["--db", str(db_path), "check"]) == 1
    found = capsys.readouterr().out
    assert "1 touchpoints belong to customers that do not exist" in found
    assert "1 follow-ups belong to customers that do not exist" in found
    assert "replies are dated before their request" in found
    assert "missing from the search index" in found
    assert main(["--db", str(db_path), "check", "--repair"]) == 0
    assert "repaired: search index rebuilt" in capsys.readouterr().out
    assert main(["--db", str(db_path), "check"]) == 0
    from touchdesk.data.workspace import Workspace

    ws = Workspace.open(db_path)
    assert [r.name for r in ws.find_customers("0912")] == ["Ali"]
    assert ws.customer(a).last_event_at == dt.datetime(2026, 11, 1, 10)
    assert [r.name for r in ws.find_customers("recovered")] == [f"Recovered customer {b}"]
    ws.close()


@pytest.mark.both_backends
def test_impossible_dates_are_reported_not_guessed(workspace, db_url, capsys):
    touch(workspace, customer(workspace), at=dt.datetime(1850, 1, 1))
    workspace.close()
    assert main(["--db", db_url, "check", "--repair"]) == 1
    assert "impossible dates" in capsys.readouterr().out


@pytest.mark.sqlite_only  # a damaged file: PostgreSQL's storage is the server's
def test_integrity_failure_is_reported(workspace, db_path, capsys):
    for i in range(300):
        customer(workspace, f"Customer {i}", notes="n" * 500)
    workspace.close()
    data = bytearray(db_path.read_bytes())
    # Scribble over pages in the middle of the file (not the header): the B-trees break.
    for offset in range(4096 * 5, min(len(data), 4096 * 40), 4096):
        data[offset + 8 : offset + 200] = b"\x07" * 192
    db_path.write_bytes(bytes(data))
    assert main(["--db", str(db_path), "check"]) == 1
    assert "problem:" in capsys.readouterr().out
