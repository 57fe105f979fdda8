"""``touchdesk check``: SQLite's integrity check, the search index, and logical checks; with
``repair``, fix what can be fixed safely so that a second check finds nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from touchdesk.data import customers
from touchdesk.data.db import Database
from touchdesk.data.models import Customer
from touchdesk.formatting import utc_now
from touchdesk.i18n import _

EARLIEST = dt.datetime(1900, 1, 1)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)  # found and not (yet) fixed
    repaired: list[str] = field(default_factory=list)  # fixed by this run

    @property
    def ok(self) -> bool:
        return not self.problems


def _scalar(session, sql: str, **params: object) -> int:
    return int(session.execute(text(sql), params).scalar() or 0)


def check(db: Database, *, repair: bool = False) -> CheckReport:
    """Run every check; with ``repair`` fix orphans, stale summaries and the search index."""
    report = CheckReport()
    if db.is_sqlite:
        try:
            with db.read_engine.connect() as conn:
                rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
        except DBAPIError as exc:
            report.problems.append(
                _("the database file is damaged: {detail}").format(detail=exc.orig)
            )
            return report
        if rows != ["ok"]:
            report.problems.append(
                _("SQLite integrity check: {detail}").format(detail="; ".join(rows[:5]))
            )
            return report  # logical checks on a damaged file would only add noise
    now = utc_now()
    later = now + dt.timedelta(days=366)
    with db.write() if repair else db.read() as s:
        # Touchpoints and follow-ups whose customer row is gone (possible only if foreign keys
        # were off, e.g. an old tool wrote the file).
        orphan_events = _scalar(
            s, "SELECT count(*) FROM events WHERE customer_id NOT IN (SELECT id FROM customers)"
        )
        if orphan_events:
            if repair:
                ids = [
                    r[0]
                    for r in s.execute(
                        text(
                            "SELECT DISTINCT customer_id FROM events WHERE customer_id NOT IN (SELECT id FROM customers)"
                        )
                    )
                ]
                for cid in ids:
                    s.execute(
                        text(
                            "INSERT INTO customers (id, name, company, phone, email, city, source, notes, created_at, updated_at, stage_reached) "
                            "VALUES (:id, :name, '', '', '', '', '', :notes, :now, :now, -1)"
                        ),
                        {
                            "id": cid,
                            "name": _("Recovered customer {id}").format(id=cid),
                            "notes": _(
                                "Recreated by the database check: touchpoints pointed at this missing customer."
                            ),
                            "now": now,
                        },
                    )
                report.repaired.append(
                    _("{n} touchpoints of missing customers kept under recovered customers").format(
                        n=orphan_events
                    )
                )
            else:
                report.problems.append(
                    _("{n} touchpoints belong to customers that do not exist").format(
                        n=orphan_events
                    )
                )
        orphan_fu = _scalar(
            s,
            "SELECT count(*) FROM followups WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT id FROM customers)",
        )
        if orphan_fu:
            if repair:
                s.execute(
                    text(
                        "UPDATE followups SET customer_id = NULL WHERE customer_id IS NOT NULL AND customer_id NOT IN (SELECT id FROM customers)"
                    )
                )
                report.repaired.append(
                    _("{n} follow-ups of missing customers kept without a customer").format(
                        n=orphan_fu
                    )
                )
            else:
                report.problems.append(
                    _("{n} follow-ups belong to customers that do not exist").format(n=orphan_fu)
                )
        deleted_fu = _scalar(
            s,
            "SELECT count(*) FROM followups f JOIN customers c ON c.id = f.customer_id WHERE f.done_at IS NULL AND c.deleted_at IS NOT NULL AND c.merged_into_id IS NULL",
        )
        if deleted_fu:
            # Hidden everywhere while the customer is deleted; closing them is safe and undoable.
            if repair:
                s.execute(
                    text(
                        "UPDATE followups SET done_at = :now WHERE done_at IS NULL AND customer_id IN (SELECT id FROM customers WHERE deleted_at IS NOT NULL AND merged_into_id IS NULL)"
                    ),
                    {"now": now},
                )
                report.repaired.append(
                    _("{n} open follow-ups of deleted customers closed").format(n=deleted_fu)
                )
            else:
                report.problems.append(
                    _("{n} open follow-ups belong to deleted customers").format(n=deleted_fu)
                )
        impossible = _scalar(
            s,
            "SELECT count(*) FROM events WHERE occurred_at < :lo OR occurred_at > :hi",
            lo=EARLIEST,
            hi=later,
        )
        if impossible:
            report.problems.append(
                _(
                    "{n} touchpoints have impossible dates (before 1900 or over a year ahead); correct them by hand"
                ).format(n=impossible)
            )
        bad_replies = _scalar(
            s,
            "SELECT count(*) FROM events WHERE replied_at IS NOT NULL AND replied_at < occurred_at",
        )
        if bad_replies:
            if repair:
                s.execute(
                    text(
                        "UPDATE events SET replied_at = occurred_at, response_minutes = 0 WHERE replied_at IS NOT NULL AND replied_at < occurred_at"
                    )
                )
                report.repaired.append(
                    _("{n} replies dated before their request set to the request's time").format(
                        n=bad_replies
                    )
                )
            else:
                report.problems.append(
                    _("{n} replies are dated before their request").format(n=bad_replies)
                )
        stale = _stale_summaries(s)
        if stale:
            if repair:
                for cid in stale:
                    customers.refresh_summary(s, cid)
                report.repaired.append(_("{n} customer summaries recomputed").format(n=len(stale)))
            else:
                report.problems.append(
                    _("{n} customers show an out-of-date last contact").format(n=len(stale))
                )
        index_problems = _fts_problems(s, sqlite=db.is_sqlite)
        if index_problems:
            if repair:
                s.execute(text("DELETE FROM customer_fts"))
                for customer in s.scalars(select(Customer).where(Customer.deleted_at.is_(None))):
                    customers.reindex_customer(s, customer)
                report.repaired.append(_("search index rebuilt"))
            else:
                report.problems.extend(index_problems)
    if db.is_sqlite:
        # Whatever the checks above could not explain or repair.
        with db.read_engine.connect() as conn:
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
        if broken and not any("do not exist" in p for p in report.problems):
            report.problems.append(
                _("{n} rows point at rows that do not exist").format(n=len(broken))
            )
    return report


def _stale_summaries(session) -> list[int]:
    rows = session.execute(
        text(
            "SELECT c.id FROM customers c LEFT JOIN (SELECT customer_id, max(occurred_at) AS last "
            "FROM events GROUP BY customer_id) e ON e.customer_id = c.id "
            "WHERE CASE WHEN c.last_event_at IS NULL AND e.last IS NULL THEN 0 "
            "WHEN c.last_event_at = e.last THEN 0 ELSE 1 END = 1"
        )
    )
    return [r[0] for r in rows]


def _fts_problems(session, *, sqlite: bool) -> list[str]:
    problems = []
    if sqlite:
        try:
            session.execute(
                text("INSERT INTO customer_fts(customer_fts, rank) VALUES ('integrity-check', 0)")
            )
        except Exception as exc:  # the FTS module reports corruption as an error
            problems.append(_("search index damaged: {detail}").format(detail=exc))
    missing = _scalar(
        session,
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL AND id NOT IN (SELECT rowid FROM customer_fts)",
    )
    extra = _scalar(
        session,
        "SELECT count(*) FROM customer_fts WHERE rowid NOT IN (SELECT id FROM customers WHERE deleted_at IS NULL)",
    )
    if missing:
        problems.append(_("{n} customers missing from the search index").format(n=missing))
    if extra:
        problems.append(
            _("{n} search index entries for deleted or missing customers").format(n=extra)
        )
    return problems
