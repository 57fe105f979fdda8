from tests.helpers.factories import customer, touch


def test_workspace_round_trip(workspace):
    cid = customer(workspace, phone="09121234567")
    touch(workspace, cid)
    assert [r.id for r in workspace.find_customers("۰۹۱۲")] == [cid]
