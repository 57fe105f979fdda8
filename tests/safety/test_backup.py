"""Backups, rotation, restore (and undoing it), damaged files moved aside."""

import datetime as dt
import os
import sqlite3
import stat

import pytest

from tests.helpers.factories import customer, touch
from touchdesk.cli import main
from touchdesk.data import backup
from touchdesk.data.workspace import Workspace


def test_backup_is_a_sound_owner_only_copy(workspace, db_path):
    cid = customer(workspace, "Leila")
    touch(workspace, cid)
    path = backup.make_backup(db_path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    backup.verify(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM customers").fetchall() == [("Leila",)]


def test_auto_backup_only_after_a_change_and_not_within_30_minutes(workspace, db_path):
    t0 = dt.datetime(2026, 11, 25, 9, 0)
    first = backup.auto_backup(db_path, now=t0)
    assert first is not None
    assert backup.auto_backup(db_path, now=t0 + dt.timedelta(hours=2)) is None  # nothing changed
    os.utime(db_path, (first.stat().st_mtime + 5, first.stat().st_mtime + 5))
    assert backup.auto_backup(db_path, now=t0 + dt.timedelta(minutes=10)) is None  # too soon
    assert (
        backup.auto_backup(db_path, now=t0 + dt.timedelta(minutes=10), force=True) is not None
    )  # on close


def test_rotation_keeps_7_daily_4_weekly_12_monthly():
    start = dt.datetime(2025, 1, 1, 12)
    times = [start + dt.timedelta(hours=6 * i) for i in range(4 * 400)]  # four a day for 400 days
    keep = backup.to_keep(times)
    newest = max(times)
    days = {t.date() for t in keep if newest - t < dt.timedelta(days=7)}
    assert len(days) == 7
    months = {(t.year, t.month) for t in keep}
    assert len(months) == 12
    assert newest in keep
    # 7 daily + the newest of 4 weeks + 12 months, with overlaps counted once
    assert len(keep) <= 7 + 4 + 12
    assert min(keep) >= dt.datetime(2025, 3, 1)  # twelve months back from February 2026


def test_restore_keeps_a_safety_copy_and_can_be_undone(workspace, db_path):
    customer(workspace, "Before")
    saved = backup.make_backup(db_path)
    customer(workspace, "After")
    workspace.close()
    safety = backup.restore(db_path, saved)
    ws = Workspace.open(db_path)
    assert [r.name for r in ws.find_customers()] == ["Before"]
    assert [r.name for r in ws.find_customers("before")] == ["Before"]  # search index came along
    ws.close()
    backup.restore(db_path, safety)  # undo
    ws = Workspace.open(db_path)
    assert sorted(r.name for r in ws.find_customers()) == ["After", "Before"]
    ws.close()


def test_restore_refuses_a_file_that_is_not_a_touchdesk_database(workspace, db_path, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(backup.BackupError):
        backup.restore(db_path, junk)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(backup.BackupError, match="not a TouchDesk database"):
        backup.restore(db_path, other)
    customer(workspace, "Still here")
    assert workspace.count_customers() == 1


def test_damaged_database_is_moved_aside_and_newest_good_backup_offered(workspace, db_path):
    customer(workspace, "Kept")
    good = backup.make_backup(db_path, now=dt.datetime(2026, 1, 1))
    workspace.close()
    data = bytearray(db_path.read_bytes())
    data[100 : 4096 * 2] = b"\xff" * (4096 * 2 - 100)
    db_path.write_bytes(bytes(data))
    assert backup.newest_good_backup(db_path).path == good
    aside = backup.move_aside(db_path)
    assert not db_path.exists()
    assert aside.exists() and aside.read_bytes() == bytes(data)


def test_cli_backup_restore_and_list(workspace, db_path, tmp_path, capsys):
    customer(workspace, "Cli")
    out = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db_path), "backup", "--out", str(out)]) == 0
    assert out.exists()
    customer(workspace, "Later")
    workspace.close()
    assert main(["--db", str(db_path), "restore", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "before-restore-" in printed
    ws = Workspace.open(db_path)
    assert [r.name for r in ws.find_customers()] == ["Cli"]
    ws.close()
    assert main(["--db", str(db_path), "backup", "--list"]) == 0
    assert "safety copy" in capsys.readouterr().out
