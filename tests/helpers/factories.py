"""Small builders for test data: customers and touchpoints with sensible defaults."""

from __future__ import annotations

import datetime as dt

from touchdesk.data.records import CustomerInput, FollowUpRequest, TouchpointInput
from touchdesk.data.workspace import Workspace


def customer(ws: Workspace, name: str = "Sara Ahmadi", **fields: object) -> int:
    phones = fields.pop("phones", ())
    emails = fields.pop("emails", ())
    if "phone" in fields:
        phones = (str(fields.pop("phone")),)
    if "email" in fields:
        emails = (str(fields.pop("email")),)
    tags = tuple(fields.pop("tags", ()))  # type: ignore[arg-type]
    return ws.create_customer(
        CustomerInput(name=name, phones=tuple(phones), emails=tuple(emails), tags=tags, **fields)
    )  # type: ignore[arg-type]


def touch(
    ws: Workspace,
    customer_id: int,
    touchpoint: str = "sales_conversation",
    channel: str = "phone",
    outcome: str = "neutral",
    direction: str = "outbound",
    at: dt.datetime | None = None,
    *,
    note: str = "",
    amount_cents: int | None = None,
    response_minutes: int | None = None,
    follow_up: FollowUpRequest | None = None,
) -> int:
    return ws.log_touchpoint(
        TouchpointInput(
            customer_id=customer_id,
            touchpoint=touchpoint,
            channel=channel,
            outcome=outcome,
            direction=direction,
            occurred_at=at,
            note=note,
            amount_cents=amount_cents,
            response_minutes=response_minutes,
            follow_up=follow_up,
        )
    )
