"""Every table model passes Qt's model tester; lists page lazily and survive a failed read."""

from __future__ import annotations

from tests.helpers.factories import customer, touch
from touchdesk.data.records import CustomerInput, SnippetRow
from touchdesk.ui.models.completion import CustomerCompletionModel
from touchdesk.ui.models.customers import PAGE_SIZE, CustomerFilter, CustomerTableModel, FetchFailed
from touchdesk.ui.models.rows import Column, RowsModel
from touchdesk.ui.models.timeline import TimelineModel


def _many(ws, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        ws.create_customer(CustomerInput(name=f"Customer {i:04d}", phones=(f"0912{i:07d}",)))


def test_customer_model_pages_lazily_and_passes_modeltester(workspace, qtmodeltester):  # type: ignore[no-untyped-def]
    _many(workspace, PAGE_SIZE + 30)
    model = CustomerTableModel(workspace)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE + 30
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_customer_model_sorts_in_sql(workspace):  # type: ignore[no-untyped-def]
    for name in ("Bita", "Arash", "Cyrus"):
        customer(workspace, name)
    model = CustomerTableModel(workspace)
    model.reload()
    assert [model.customer_at(i).name for i in range(3)] == ["Arash", "Bita", "Cyrus"]
    from PySide6.QtCore import Qt

    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert [model.customer_at(i).name for i in range(3)] == ["Cyrus", "Bita", "Arash"]
    assert (model.sort_key, model.descending) == ("name", True)


def test_customer_model_answers_each_role_of_a_row(workspace):  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon

    cid = customer(workspace, "Sara Ahmadi", company="Acme", phone="09121234567")
    touch(workspace, cid, outcome="positive", at=dt.datetime(2026, 3, 2, 9, 0))
    model = CustomerTableModel(workspace)
    model.reload()
    shown = [model.index(0, c).data() for c in range(6)]
    assert shown[:2] == ["Sara Ahmadi", "Acme"]
    assert shown[2].replace(" ", "").endswith("9121234567")
    assert shown[3] == workspace.touchpoint_label("sales_conversation")
    assert "2026" in shown[4]
    assert shown[5] == ""
    role = Qt.ItemDataRole
    assert model.index(0, 1).data(role.ToolTipRole) == "Acme"
    assert model.index(0, 5).data(role.ToolTipRole) is None
    assert isinstance(model.index(0, 3).data(role.DecorationRole), QIcon)
    assert [model.index(0, c).data(role.DecorationRole) for c in (0, 1, 2, 4, 5)] == [None] * 5
    assert model.index(0, 5).data(role.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)
    assert model.index(0, 0).data(role.TextAlignmentRole) is None
    assert model.index(0, 4).data(role.UserRole) == cid
    for other in (role.FontRole, role.ForegroundRole, role.BackgroundRole, role.CheckStateRole):
        assert model.index(0, 0).data(other) is None
    assert model.flags(model.index(0, 2)) == (
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    )
    assert model.flags(model.index(1, 0)) == Qt.ItemFlag.NoItemFlags


def test_failed_fetch_becomes_a_harmless_row(workspace, monkeypatch, qtmodeltester):  # type: ignore[no-untyped-def]
    customer(workspace, "Sara")
    model = CustomerTableModel(workspace)

    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(workspace, "find_customers", broken)
    model.set_filter(CustomerFilter(query="sara"))
    assert model.rowCount() == 1
    assert "disk I/O error" in model.index(0, 0).data()
    from PySide6.QtCore import Qt

    assert "disk I/O error" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 1).data() is None
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.ItemIsEnabled
    assert model.customer_at(0) is None
    assert isinstance(model._rows[0], FetchFailed)
    assert not model.canFetchMore()
    qtmodeltester.check(model)


def test_timeline_model(workspace, qtmodeltester):  # type: ignore[no-untyped-def]
    cid = customer(workspace)
    for outcome in ("positive", "negative", "decision"):
        touch(workspace, cid, outcome=outcome, note=outcome)
    model = TimelineModel(workspace)
    model.set_customer(cid)
    assert model.rowCount() == 3
    assert model.index(0, 4).data() == "decision"
    assert model.index(0, 3).data() == "Decision pending"
    qtmodeltester.check(model)


def test_completion_model_reads_at_most_twenty(workspace, qtmodeltester):  # type: ignore[no-untyped-def]
    _many(workspace, 30)
    model = CustomerCompletionModel(workspace)
    model.set_query("customer")
    assert model.rowCount() == 20
    model.set_query("")
    assert model.rowCount() == 0
    model.set_query("0012")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_rows_model(qtmodeltester):  # type: ignore[no-untyped-def]
    import datetime as dt

    model: RowsModel[SnippetRow] = RowsModel(
        [Column("Title", lambda r: r.title), Column("Text", lambda r: r.body)]
    )
    now = dt.datetime(2026, 1, 1)
    model.set_rows(
        [SnippetRow(1, "Hours", "9 to 5", now), SnippetRow(2, "Refund", "Within 14 days", now)]
    )
    assert model.index(1, 1).data() == "Within 14 days"
    qtmodeltester.check(model)
