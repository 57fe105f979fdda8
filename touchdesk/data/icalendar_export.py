"""Open follow-ups as an iCalendar (``.ics``) file, so reminders also live in the phone's calendar.

Each follow-up becomes a ``VEVENT`` at its due time (15 minutes long) with a ``VALARM`` that goes
off at that moment. Events rather than ``VTODO`` tasks because phone calendars (iOS Calendar,
Google Calendar, Samsung Calendar) show and alert events but ignore or hide imported tasks. Times are
written in UTC (``...Z``), which every calendar converts to its own zone. The ``UID`` of a
follow-up is its id plus a random name made once per database, so importing a newer export again
updates the same entries instead of duplicating them (``SEQUENCE`` rises with the export time),
and two databases never clash. The description holds the customer's name, phone and e-mail.

Written with ``icalendar``, the maintained RFC 5545 library (escaping, line folding, UTF-8).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select

from touchdesk import APP_NAME, __version__
from touchdesk.data import csvfile, followups
from touchdesk.data.models import Customer, FollowUp
from touchdesk.data.records import FollowUpRow
from touchdesk.formatting import utc_now
from touchdesk.i18n import _

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace

UID_SETTING = "ui.calendar_uid_domain"
EVENT_MINUTES = 15
MAX_FOLLOWUPS = 1_000_000


def uid_domain(ws: Workspace) -> str:
    """The random, per-database part of every UID (made on the first export, then kept)."""
    try:
        value = ws.setting(UID_SETTING)
    except KeyError:  # never exported from this database yet
        value = None
    if not value:
        value = f"{uuid.uuid4().hex}.touchdesk"
        ws.set_setting(UID_SETTING, value)
    return str(value)


def followup_uid(followup_id: int, domain: str) -> str:
    """The stable UID of one follow-up."""
    return f"followup-{followup_id}@{domain}"


def _utc(moment: dt.datetime) -> dt.datetime:
    """A naive UTC time from the database as an aware one (written with ``Z``)."""
    return moment.replace(tzinfo=dt.UTC)


def calendar_bytes(
    rows: Sequence[FollowUpRow],
    contacts: dict[int, tuple[str, str]],
    domain: str,
    now: dt.datetime,
) -> bytes:
    """The ``.ics`` document for ``rows``; ``contacts`` maps a customer id to (phone, e-mail)."""
    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{APP_NAME} {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("TouchDesk follow-ups"))
    stamp = _utc(now)
    for row in rows:
        summary = row.title
        lines = []
        if row.customer_id is not None:
            summary = _("{title} — {customer}").format(title=row.title, customer=row.customer_name)
            phone, email = contacts.get(row.customer_id, ("", ""))
            lines.append(_("Customer: {name}").format(name=row.customer_name))
            if phone:
                lines.append(_("Phone: {phone}").format(phone=phone))
            if email:
                lines.append(_("E-mail: {email}").format(email=email))
        event = Event()
        event.add("uid", followup_uid(row.id, domain))
        event.add("dtstamp", stamp)
        event.add("sequence", int(now.timestamp()))
        event.add("dtstart", _utc(row.due_at))
        event.add("dtend", _utc(row.due_at + dt.timedelta(minutes=EVENT_MINUTES)))
        event.add("summary", summary)
        if lines:
            event.add("description", "\n".join(lines))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", dt.timedelta(0))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def export_followups(ws: Workspace, path: str | os.PathLike[str]) -> int:
    """Write every open follow-up to an ``.ics`` file (atomically); returns how many."""
    domain = uid_domain(ws)
    with ws.db.read() as s:
        rows = followups.open_followups(s, limit=MAX_FOLLOWUPS)
        open_ids = select(FollowUp.customer_id).where(FollowUp.done_at.is_(None))
        contacts = {
            cid: (phone or "", email or "")
            for cid, phone, email in s.execute(
                select(Customer.id, Customer.phone, Customer.email).where(Customer.id.in_(open_ids))
            )
        }
    csvfile.write_atomic(path, calendar_bytes(rows, contacts, domain, utc_now()))
    return len(rows)
