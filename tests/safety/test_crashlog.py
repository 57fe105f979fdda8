"""Crash reports name the place of the failure but never quote customer data."""

import sys

from touchdesk import crashlog
from touchdesk.data.records import CustomerInput, StorageError


def test_crash_log_has_the_stack_but_no_message_or_values(private_home):
    secret = "Customer complained about her divorce"
    try:
        note = secret
        raise ValueError(note)
    except ValueError:
        path, text = crashlog.write_crash_log(*sys.exc_info())
    assert path.parent == private_home / "logs"
    assert "builtins.ValueError" in text
    assert "test_crashlog.py" in text
    assert secret not in text
    assert secret not in path.read_text()


def test_database_errors_do_not_quote_parameters(workspace):
    secret = "private note 12345"
    workspace.create_customer(CustomerInput(name="A", notes=secret))
    import sqlite3

    from sqlalchemy import event

    @event.listens_for(workspace.db.write_engine, "connect")
    def _ro(conn, _record):
        conn.execute("PRAGMA query_only = ON")

    workspace.db.write_engine.dispose()
    try:
        workspace.create_customer(CustomerInput(name="B", notes=secret))
    except StorageError as exc:
        chain = f"{exc} {exc.__cause__}"
        assert isinstance(exc.__cause__.orig, sqlite3.OperationalError)
    assert secret not in chain
