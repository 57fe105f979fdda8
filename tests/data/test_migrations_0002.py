"""Schema 0002 (plans and automation): upgrades from nothing and from a real 0001 database keep
every row, the models match the migrations exactly, and ``HEAD`` is Alembic's head.

``tests/fixtures/db/schema_0001.sqlite3`` was made by the code at revision 0001: ``alembic upgrade
0001`` on an empty file, then two customers (phones, e-mails, a tag), a user touchpoint type, three
events, two follow-ups, a snippet and a setting through the service API.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from touchdesk.data.db import Database
from touchdesk.data.migrate import HEAD, alembic_config, current_revision
from touchdesk.data.models import Base
from touchdesk.data.workspace import Workspace
from touchdesk.planner.records import PlanProfile

FIXTURE = Path(__file__).parent.parent / "fixtures" / "db" / "schema_0001.sqlite3"
OLD_TABLES = (
    "customers",
    "customer_phones",
    "customer_emails",
    "tags",
    "customer_tags",
    "touchpoint_types",
    "events",
    "followups",
    "snippets",
    "settings",
    "customer_fts",
)
NEW_TABLES = {"plans", "plan_touchpoints", "plan_tasks", "automation_rules", "plan_cost_overrides"}


def old_columns(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as con:
        return {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in OLD_TABLES}


def table_rows(path: Path, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of the 0001 tables, read through the 0001 columns (later revisions add some)."""
    with sqlite3.connect(path) as con:
        return {
            t: sorted(con.execute(f"SELECT {', '.join(columns[t])} FROM {t}").fetchall(), key=repr)
            for t in OLD_TABLES
        }


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_head_is_alembic_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_current_head() == HEAD == "0004"
    assert script.get_revision("0004").down_revision == "0003"
    assert script.get_revision("0003").down_revision == "0002"
    assert script.get_revision("0002").down_revision == "0001"


def test_upgrade_from_empty(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = Database.open(path)
    try:
        assert current_revision(db.write_engine) == HEAD
    finally:
        db.dispose()
    assert tables(path) >= NEW_TABLES


def test_upgrade_from_0001_keeps_every_row(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    columns = old_columns(path)
    before = table_rows(path, columns)
    assert all(before[t] for t in OLD_TABLES), "the fixture has rows in every table"
    assert NEW_TABLES.isdisjoint(tables(path))
    ws = Workspace.open(path)
    try:
        assert current_revision(ws.db.write_engine) == HEAD
        # The upgraded database works for planning, including the user's own touchpoint.
        s = ws.suggest_plan(PlanProfile("shop", 2, 5_000_000_00, "IRT", 40))
        assert ws.plan(ws.save_plan(s)).row.active
        assert "whatsapp_group" in {t.touchpoint for t in ws.plan(1).touchpoints}
        assert ws.customer(1).name == "Sara Ahmadi"
    finally:
        ws.close()
    after = table_rows(path, columns)
    assert after == before


def test_downgrade_to_0001_keeps_the_old_rows(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    columns = old_columns(path)
    before = table_rows(path, columns)
    db = Database.open(path)
    try:
        command.downgrade(alembic_config(db.write_engine), "0001")
        assert current_revision(db.write_engine) == "0001"
    finally:
        db.dispose()
    assert NEW_TABLES.isdisjoint(tables(path))
    assert "users" not in tables(path)
    assert old_columns(path) == columns
    assert table_rows(path, columns) == before


def test_models_match_the_migrations(db_path):
    db = Database.open(db_path)
    try:
        with db.write_engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "include_object": lambda obj, name, type_, reflected, compare_to: (
                        not (type_ == "table" and name and name.startswith("customer_fts"))
                    ),
                    "render_as_batch": True,
                },
            )
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.dispose()


def test_0003_turns_recorded_names_into_users(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    with sqlite3.connect(path) as con:
        names = {r[0] for r in con.execute("SELECT logged_by FROM events WHERE logged_by <> ''")}
    assert names, "the fixture records who logged its touchpoints"
    Database.open(path).dispose()
    with sqlite3.connect(path) as con:
        users = dict(con.execute("SELECT name, id FROM users"))
        authors = con.execute("SELECT logged_by, author_id, version_id FROM events").fetchall()
    assert set(users) == names
    assert all(author == users.get(name) and version == 1 for name, author, version in authors)


def test_0004_keeps_the_planner_statistics_of_the_index_it_rebuilds(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    db = Database.open(path, upgrade=False)
    try:
        command.upgrade(alembic_config(db.write_engine), "0003")
    finally:
        db.dispose()
    with sqlite3.connect(path) as con:
        con.execute("ANALYZE")
    Database.open(path).dispose()
    with sqlite3.connect(path) as con:
        (stat,) = con.execute(
            "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_events_open_decisions'"
        ).fetchone()
    assert len(stat.split()) == 4, "a row count and one figure for each of the three columns"
