"""Disk full, read-only and locked databases give a clear StorageError and change nothing."""

import sqlite3

import pytest
from sqlalchemy import event

from tests.helpers.factories import customer
from touchdesk.data.records import CustomerInput, StorageError, TouchpointInput


def _with_pragma(ws, sql):
    @event.listens_for(ws.db.write_engine, "connect")
    def _apply(dbapi_connection, _record):
        dbapi_connection.execute(sql)

    ws.db.write_engine.dispose()


def test_disk_full_is_reported_in_plain_words(workspace):
    cid = customer(workspace)
    page_count = sqlite3.connect(workspace.db.path).execute("PRAGMA page_count").fetchone()[0]
    _with_pragma(workspace, f"PRAGMA max_page_count = {page_count}")
    with pytest.raises(StorageError) as info:
        for _i in range(50):
            workspace.create_customer(CustomerInput(name="Big", notes="x" * 50_000))
    assert info.value.kind == "full"
    assert "disk is full" in str(info.value)
    assert workspace.count_customers() >= 1
    assert workspace.customer(cid).name == "Sara Ahmadi"


def test_read_only_database(workspace):
    cid = customer(workspace)
    _with_pragma(workspace, "PRAGMA query_only = ON")
    with pytest.raises(StorageError) as info:
        workspace.log_touchpoint(TouchpointInput(cid, "billing", "phone"))
    assert info.value.kind == "readonly"
    assert workspace.timeline(cid) == []


def test_locked_database(workspace):
    cid = customer(workspace)
    blocker = sqlite3.connect(workspace.db.path)
    blocker.execute("BEGIN IMMEDIATE")
    _with_pragma(workspace, "PRAGMA busy_timeout = 50")
    try:
        import touchdesk.data.db as db_module

        original = db_module.BUSY_TIMEOUT_MS
        with pytest.raises(StorageError) as info:
            workspace.log_touchpoint(TouchpointInput(cid, "billing", "phone"))
        assert info.value.kind == "locked"
        assert original == db_module.BUSY_TIMEOUT_MS
    finally:
        blocker.rollback()
        blocker.close()
    workspace.log_touchpoint(TouchpointInput(cid, "billing", "phone"))
    assert len(workspace.timeline(cid)) == 1
