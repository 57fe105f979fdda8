"""The service API: the one facade the UI and the CLI call. Nothing above the data layer writes SQL
or touches a session; every method here opens its own short transaction."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from touchdesk import settings as app_settings
from touchdesk.catalog import STAGE_KEYS, TOUCHPOINTS, touchpoint_labels
from touchdesk.data import customer_list, customers, events, followups, summary, team
from touchdesk.data.db import Database
from touchdesk.data.events import AfterLog
from touchdesk.data.models import Setting, Snippet, TouchpointType
from touchdesk.data.records import (
    CustomerDetail,
    CustomerInput,
    CustomerRow,
    EventRow,
    FollowUpRow,
    ImportReport,
    MonthSummary,
    NotFound,
    SnippetRow,
    StorageError,
    TodaySummary,
    TouchpointInput,
    TouchpointTypeRow,
    UserRow,
    ValidationError,
)
from touchdesk.data.validation import clean_text
from touchdesk.formatting import Month, local_day_bounds, to_local, utc_now
from touchdesk.i18n import _, get_language
from touchdesk.paths import default_db_location
from touchdesk.textnorm import fold

if TYPE_CHECKING:
    # Analytics and planning load when first used, not at start-up (about 0.15 s).
    from touchdesk.data.analytics import Analytics, Period
    from touchdesk.data.contacts.mappings import SavedMapping
    from touchdesk.data.contacts.sources import ContactFile
    from touchdesk.journeymap_layout import TouchpointMix
    from touchdesk.planner.knowledge import Knowledge
    from touchdesk.planner.records import (
        PlanDetail,
        PlanProfile,
        PlanProgress,
        PlanRow,
        PlanSuggestion,
        RuleDraft,
        RuleRow,
        TaskDraft,
    )

log = logging.getLogger(__name__)


class Workspace:
    """An open TouchDesk database and everything one can do with it."""

    def __init__(self, db: Database, user: str | None = None) -> None:
        self.db = db
        self._setting_cache: dict[str, str | None] = {}
        self._after_log: list[AfterLog] = []
        self._listeners: list[Callable[[str], None]] = []
        self._token = team.new_token()
        self._user_id: int | None = None
        self._user_asked = user
        self._user_name: str | None = None
        self.ensure_catalog()
        from touchdesk.data import automation

        automation.install(self)

    @classmethod
    def open(
        cls,
        location: str | os.PathLike[str] | None = None,
        *,
        upgrade: bool = True,
        user: str | None = None,
    ) -> Workspace:
        """Open (creating and upgrading as needed) the database at a path or URL; ``user`` is who
        works in it (see ``touchdesk.data.team`` for how it is found when not given)."""
        return cls(Database.open(location or default_db_location(), upgrade=upgrade), user)

    # --- who is working --------------------------------------------------------------------------

    @property
    def team_mode(self) -> bool:
        """A shared server database (PostgreSQL), as opposed to this computer's own file."""
        return not self.db.is_sqlite

    @property
    def user_name(self) -> str:
        """Who works in this workspace, found when first needed (not at start-up)."""
        if self._user_name is None:
            stored = None if self.team_mode else self.setting("user_name")
            self._user_name = team.resolve_user_name(self.db, self._user_asked, stored)
        return self._user_name

    def user_id(self) -> int:
        """The current user's row (added on first use: a write)."""
        if self._user_id is None:
            with self.db.write() as s:
                self._user_id = team.ensure_user(s, self.user_name)
        return self._user_id

    def _my_id_for_reading(self) -> int:
        """The current user's row id without writing, so "mine" lists work on a read-only
        database too; 0 (no row has it) while they are not a user yet: nothing is theirs."""
        if self._user_id is None:
            with self.db.read() as s:
                self._user_id = team.find_user(s, self.user_name)
        return self._user_id or 0

    def set_user(self, name: str) -> None:
        """Work as someone else from now on (Settings → Your name)."""
        clean = name.strip()[:100]
        if clean and clean != self.user_name:
            self._user_name = clean
            self._user_id = None
            self._changed("user")

    def users(self, *, include_inactive: bool = False) -> list[UserRow]:
        with self.db.read() as s:
            return team.all_users(s, include_inactive=include_inactive)

    def add_user(self, name: str, display_name: str = "") -> int:
        with self.db.write() as s:
            uid = team.add_user(s, name, display_name)
        self._changed("users")
        return uid

    def change_feed(self) -> team.ChangeFeed:
        """A poller telling when someone else changed the database (see ``team.ChangeFeed``)."""
        return team.ChangeFeed(self.db, self._token)

    def relay_changes(self, topics: set[str]) -> set[str]:
        """Tell this workspace's listeners what others changed (topics from a ``ChangeFeed`` poll;
        ``"*"``: anything), exactly as for one's own changes, so every open view refreshes."""
        if "*" in topics:
            topics = {"customers", "events", "followups"}
        for topic in sorted(topics):
            for listener in list(self._listeners):
                listener(topic)
        return topics

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        path = self.db.path
        return str(path) if path else self.db.url.render_as_string(hide_password=True)

    # --- change notification and extension points ----------------------------------------------

    def add_after_log_hook(self, hook: AfterLog) -> None:
        """Run ``hook(session, event, historical)`` in the transaction of every logged touchpoint;
        it returns how many follow-ups it created (automation rules plug in here)."""
        self._after_log.append(hook)

    def subscribe(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(what)`` after every committed change (``customers``, ``events``...)."""
        self._listeners.append(listener)

    def _changed(self, what: str) -> None:
        if what not in ("user", "settings"):
            team.notify(self.db, what, self._token)
        for listener in list(self._listeners):
            listener(what)

    # --- catalog ---------------------------------------------------------------------------------

    def ensure_catalog(self) -> None:
        """Make sure the built-in touchpoints exist (new database, or new built-ins after an update)."""
        with self.db.read() as s:
            present = set(s.scalars(select(TouchpointType.key).where(TouchpointType.builtin)))
        missing = [t for t in TOUCHPOINTS if t.key not in present]
        if not missing:
            return
        with self.db.write() as s:
            for pos, tp in enumerate(TOUCHPOINTS):
                if tp.key in present:
                    continue
                s.merge(
                    TouchpointType(
                        key=tp.key,
                        stage=tp.stage,
                        name_en=tp.name,
                        name_fa=tp.name_fa,
                        builtin=True,
                        position=pos,
                        active=True,
                    )
                )

    def touchpoint_types(self, *, include_inactive: bool = False) -> list[TouchpointTypeRow]:
        with self.db.read() as s:
            stmt = select(TouchpointType).order_by(TouchpointType.position, TouchpointType.key)
            if not include_inactive:
                stmt = stmt.where(TouchpointType.active)
            return [
                TouchpointTypeRow(t.key, t.stage, t.name_en, t.name_fa, t.builtin, t.active)
                for t in s.scalars(stmt)
            ]

    def add_touchpoint_type(self, key: str, stage: str, name_en: str, name_fa: str = "") -> str:
        """Add a user touchpoint to the catalog; ``key`` is lower-case letters, digits and ``_``."""
        errors: dict[str, str] = {}
        name_en, name_fa = name_en.replace("\x00", ""), name_fa.replace("\x00", "")
        key = key.strip().lower()
        if not key or not all(c.isascii() and (c.isalnum() or c == "_") for c in key):
            errors["key"] = _("use lower-case Latin letters, digits and _")
        if stage not in STAGE_KEYS:
            errors["stage"] = _("unknown stage: {value}").format(value=stage)
        if not name_en.strip() and not name_fa.strip():
            errors["name"] = _("give the touchpoint a name")
        with self.db.write() as s:
            if not errors and s.get(TouchpointType, key) is not None:
                errors["key"] = _("this key is already used")
            if errors:
                raise ValidationError(errors)
            position = (s.execute(select(func.max(TouchpointType.position))).scalar() or 0) + 1
            s.add(
                TouchpointType(
                    key=key,
                    stage=stage,
                    name_en=name_en.strip() or name_fa.strip(),
                    name_fa=name_fa.strip(),
                    builtin=False,
                    position=position,
                    active=True,
                )
            )
        self._changed("catalog")
        return key

    def touchpoint_label(self, key: str) -> str:
        """The shown name of a touchpoint key in the current language."""
        return self._labels().get(key, key)

    def _labels(self) -> dict[str, str]:
        lang = get_language()
        cache = getattr(self, "_label_cache", None)
        if cache is None or cache[0] != lang:
            cache = (lang, touchpoint_labels(self.touchpoint_types(include_inactive=True), lang))
            self._label_cache = cache
        return cache[1]

    def resolve_touchpoint(self, text: str) -> str | None:
        """A touchpoint key from its key or its English or Persian name (folded), else ``None``."""
        wanted = fold(text.strip())
        from touchdesk.catalog import TOUCHPOINT_BY_KEY

        for row in self.touchpoint_types(include_inactive=True):
            names = {row.key, row.name_en, row.name_fa}
            builtin = TOUCHPOINT_BY_KEY.get(row.key)
            if builtin:
                names.add(builtin.label)
            if wanted in {fold(n) for n in names if n}:
                return row.key
        return None

    # --- settings --------------------------------------------------------------------------------

    def setting(self, key: str) -> Any:
        """A setting's value (its default when unset). Values are remembered by this workspace
        (``set_setting`` updates them): every logged touchpoint reads two settings, and a read
        transaction each was a third of a quick-log save."""
        cache = self._setting_cache
        if key in cache:
            value = cache[key]
        else:
            with self.db.read() as s:
                # Read the value inside the session: closing a read session expires loaded rows.
                value = s.scalar(select(Setting.value).where(Setting.key == key))
            cache[key] = value
        if value is None:
            return app_settings.default(key)
        return json.loads(value)

    def set_setting(self, key: str, value: Any) -> None:
        if key not in app_settings.OPTION_BY_KEY and not key.startswith("ui."):
            raise KeyError(key)
        self._setting_cache.pop(key, None)
        with self.db.write() as s:
            s.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
        self._setting_cache.pop(key, None)
        if key == "user_name" and value and not self.team_mode:
            # On this computer's own database the stored name is who works in it.
            self.set_user(str(value))
        self._changed("settings")

    def currency(self) -> str:
        """The currency amounts are kept in. "Automatic" is settled once, from the language set
        for this database, and then stored: amounts must never change currency because someone
        looks at them in another language."""
        value = self.setting("currency")
        if value and value != "auto":
            return str(value).upper()
        from touchdesk.i18n import system_language

        language = self.setting("language")
        resolved = app_settings.resolved_currency(
            "auto", system_language() if language in ("", "system") else language
        )
        try:
            self.set_setting("currency", resolved)
        except StorageError:
            log.info("currency not stored (read-only database)")
        return resolved

    def _region(self) -> str | None:
        return self.setting("phone_region") or None

    # --- customers -------------------------------------------------------------------------------

    def create_customer(self, data: CustomerInput) -> int:
        region = self._region()
        author = self.user_id()
        with self.db.write() as s:
            cid = customers.create(s, data, region, author_id=author)
        self._changed("customers")
        return cid

    def update_customer(
        self, customer_id: int, data: CustomerInput, *, expected_version: int | None = None
    ) -> None:
        """Save an edit; with ``expected_version`` (the ``version`` of the ``CustomerDetail`` the
        form was filled from) a change saved meanwhile by someone else raises ``StaleEdit``."""
        region = self._region()
        author = self.user_id()
        with self.db.write() as s:
            customers.update_customer(
                s, customer_id, data, region, expected_version=expected_version, author_id=author
            )
        self._changed("customers")

    def customer(self, customer_id: int, *, include_deleted: bool = False) -> CustomerDetail:
        with self.db.read() as s:
            return customers.detail(s, customer_id, include_deleted=include_deleted)

    def delete_customer(self, customer_id: int) -> None:
        """Delete softly: the customer disappears from lists and can be restored (undo)."""
        author = self.user_id()
        with self.db.write() as s:
            customers.set_deleted(s, customer_id, True, author_id=author)
        self._changed("customers")

    def restore_customer(self, customer_id: int) -> None:
        author = self.user_id()
        with self.db.write() as s:
            customers.set_deleted(s, customer_id, False, author_id=author)
        self._changed("customers")

    def merge_customers(self, keep_id: int, other_id: int) -> None:
        author = self.user_id()
        with self.db.write() as s:
            customers.merge(s, keep_id, other_id, author_id=author)
        self._changed("customers")

    def unmerge_customers(
        self,
        keep_id: int,
        other_id: int,
        event_ids: list[int],
        followup_ids: list[int],
        keep_before: CustomerInput,
    ) -> None:
        """Undo a merge: give ``other`` back its touchpoints and follow-ups and restore ``keep``."""
        from sqlalchemy import update

        from touchdesk.data.models import Customer, Event, FollowUp

        with self.db.write() as s:
            if event_ids:
                s.execute(update(Event).where(Event.id.in_(event_ids)).values(customer_id=other_id))
            if followup_ids:
                s.execute(
                    update(FollowUp)
                    .where(FollowUp.id.in_(followup_ids))
                    .values(customer_id=other_id)
                )
            other = s.get(Customer, other_id)
            assert other is not None
            other.deleted_at = None
            other.merged_into_id = None
            customers.update_customer(s, keep_id, keep_before, self._region())
            customers.refresh_summary(s, keep_id)
            customers.refresh_summary(s, other_id)
            customers.reindex_customer(s, other)
        self._changed("customers")

    def find_customers(self, query: str = "", **kwargs: Any) -> list[CustomerRow]:
        with self.db.read() as s:
            return customer_list.find(s, query, **kwargs)

    def count_customers(self, query: str = "", **kwargs: Any) -> int:
        with self.db.read() as s:
            return customer_list.count(s, query, **kwargs)

    def find_customer_id(self, *, email: str = "", phone: str = "", name: str = "") -> int | None:
        """Match a customer by e-mail, then phone, then exact name (the import rule)."""
        from touchdesk.data.validation import normalize_email, normalize_phone

        with self.db.read() as s:
            if email.strip():
                try:
                    found = customers.find_by_email(s, normalize_email(email))
                except ValueError:
                    found = None
                if found:
                    return found
            if phone.strip():
                try:
                    found = customers.find_by_phone(
                        s, normalize_phone(phone, self._region()).normalized
                    )
                except ValueError:
                    found = None
                if found:
                    return found
            if name.strip():
                return customers.find_by_name(s, name)
        return None

    def resolve_customer(self, id_or_email: str) -> int:
        """A customer id from an id or an e-mail (the CLI's ``--customer``)."""
        text = id_or_email.strip()
        if text.isdigit():
            cid = int(text)
            self.customer(cid)
            return cid
        found = self.find_customer_id(email=text)
        if found is None:
            raise NotFound(_("no customer with id or e-mail {value}").format(value=text))
        return found

    def tags(self) -> list[str]:
        with self.db.read() as s:
            return customers.all_tags(s)

    # --- touchpoints -----------------------------------------------------------------------------

    def log_touchpoint(self, data: TouchpointInput, *, historical: bool = False) -> int:
        """Log one touchpoint (and its follow-up and automation) in one transaction; returns its id."""
        deadline = float(self.setting("reply_deadline_hours"))
        author = self.user_id()
        with self.db.write() as s:
            event_id, _created = events.log(
                s,
                data,
                deadline_hours=deadline,
                logged_by=self.user_name,
                author_id=author,
                hooks=tuple(self._after_log),
                historical=historical,
            )
        self._changed("events")
        return event_id

    def timeline(
        self, customer_id: int, *, limit: int | None = None, offset: int = 0
    ) -> list[EventRow]:
        with self.db.read() as s:
            return events.timeline(s, customer_id, limit=limit, offset=offset)

    def open_requests(
        self, customer_id: int | None = None, *, overdue_only: bool = False
    ) -> list[EventRow]:
        """Inbound requests still waiting for a reply (of one customer, or all), oldest due first."""
        with self.db.read() as s:
            return events.open_requests(
                s, overdue_only=overdue_only, now=utc_now(), customer_id=customer_id
            )

    def event(self, event_id: int) -> EventRow:
        with self.db.read() as s:
            return events.get(s, event_id)

    def resolve_decision(self, event_id: int, resolution: str | None) -> None:
        with self.db.write() as s:
            events.resolve_decision(s, event_id, resolution)
        self._changed("events")

    def record_reply(self, request_id: int, replied_at: dt.datetime | None = None) -> None:
        """Mark an inbound request answered (now by default), recording the response time."""
        with self.db.write() as s:
            events.record_reply(s, request_id, replied_at or utc_now())
        self._changed("events")

    def delete_event(self, event_id: int) -> None:
        with self.db.write() as s:
            events.delete(s, event_id)
        self._changed("events")

    # --- follow-ups ------------------------------------------------------------------------------

    def add_followup(
        self,
        title: str,
        due_at: dt.datetime,
        *,
        customer_id: int | None = None,
        origin: str = "manual",
        assignee: str | None = None,
    ) -> int:
        """Add a follow-up, the current user's unless ``assignee`` names another team member."""
        author = self.user_id()
        with self.db.write() as s:
            assignee_id = team.user_id(s, assignee) if assignee else None
            fid = followups.add(
                s,
                title,
                due_at,
                customer_id=customer_id,
                origin=origin,
                author_id=author,
                assignee_id=assignee_id,
            )
        self._changed("followups")
        return fid

    def followup(self, followup_id: int) -> FollowUpRow:
        with self.db.read() as s:
            return followups.one(s, followup_id)

    def complete_followup(
        self, followup_id: int, done: bool = True, *, expected_version: int | None = None
    ) -> None:
        author = self.user_id()
        with self.db.write() as s:
            followups.set_done(
                s, followup_id, done, expected_version=expected_version, author_id=author
            )
        self._changed("followups")

    def assign_followup(
        self, followup_id: int, assignee: str, *, expected_version: int | None = None
    ) -> None:
        """Give a follow-up to a team member (by user name)."""
        author = self.user_id()
        with self.db.write() as s:
            followups.assign(
                s,
                followup_id,
                team.user_id(s, assignee),
                expected_version=expected_version,
                author_id=author,
            )
        self._changed("followups")

    def delete_followup(self, followup_id: int) -> None:
        with self.db.write() as s:
            followups.delete(s, followup_id)
        self._changed("followups")

    def reschedule_followup(
        self, followup_id: int, due_at: dt.datetime, *, expected_version: int | None = None
    ) -> None:
        author = self.user_id()
        with self.db.write() as s:
            followups.reschedule(
                s, followup_id, due_at, expected_version=expected_version, author_id=author
            )
        self._changed("followups")

    def open_followups(
        self, customer_id: int | None = None, *, mine: bool = False
    ) -> list[FollowUpRow]:
        """Open follow-ups (of one customer); ``mine``: only the current user's."""
        with self.db.read() as s:
            return followups.open_followups(
                s, customer_id=customer_id, user_id=self._my_id_for_reading() if mine else None
            )

    def followups(self, customer_id: int | None = None) -> list[FollowUpRow]:
        with self.db.read() as s:
            return followups.all_followups(s, customer_id=customer_id)

    def today(self, now: dt.datetime | None = None, *, mine: bool = False) -> TodaySummary:
        """What needs doing now: overdue and due-today follow-ups (only the current user's with
        ``mine``), pending decisions, requests past their reply deadline, and customers losing
        touch."""
        uid = self._my_id_for_reading() if mine else None
        now = now or utc_now()
        start_today, start_tomorrow = local_day_bounds(now)
        days = int(self.setting("losing_touch_days"))
        with self.db.read() as s:
            return TodaySummary(
                overdue=followups.open_followups(s, due_before=start_today, user_id=uid),
                due_today=followups.open_followups(
                    s, due_from=start_today, due_before=start_tomorrow, user_id=uid
                ),
                pending_decisions=events.pending_decisions(s),
                late_requests=events.open_requests(s, overdue_only=True, now=now),
                losing_touch=followups.losing_touch(s, days=days, now=now),
            )

    # --- snippets --------------------------------------------------------------------------------

    def snippets(self, query: str = "") -> list[SnippetRow]:
        with self.db.read() as s:
            rows = [
                SnippetRow(r.id, r.title, r.body, r.updated_at)
                for r in s.scalars(select(Snippet).order_by(Snippet.title))
            ]
        if query.strip():
            wanted = fold(query.strip())
            rows = [r for r in rows if wanted in fold(r.title) or wanted in fold(r.body)]
        return rows

    def save_snippet(self, title: str, body: str, snippet_id: int | None = None) -> int:
        errors = {}
        try:
            title = clean_text(title, _("title"), required=True, limit=500)
        except ValueError as exc:
            errors["title"] = str(exc)
        try:
            body = clean_text(body, _("text"), required=True)
        except ValueError as exc:
            errors["body"] = str(exc)
        if errors:
            raise ValidationError(errors)
        with self.db.write() as s:
            if snippet_id is None:
                snippet = Snippet(title=title, body=body, updated_at=utc_now())
                s.add(snippet)
            else:
                found = s.get(Snippet, snippet_id)
                if found is None:
                    raise NotFound(_("snippet {id} not found").format(id=snippet_id))
                snippet = found
                snippet.title, snippet.body, snippet.updated_at = title, body, utc_now()
            s.flush()
            sid = snippet.id
        self._changed("snippets")
        return sid

    def delete_snippet(self, snippet_id: int) -> None:
        with self.db.write() as s:
            snippet = s.get(Snippet, snippet_id)
            if snippet is not None:
                s.delete(snippet)
        self._changed("snippets")

    # --- periods ---------------------------------------------------------------------------------

    def month_summary(self, start: dt.date, end: dt.date) -> MonthSummary:
        with self.db.read() as s:
            return summary.month_summary(s, start, end)

    def analytics(
        self,
        period: Month | Period | tuple[dt.date, dt.date],
        tag: str | None = None,
        **options: Any,
    ) -> Analytics:
        """Volume, friction, decisions, responsiveness, journey flow and purchase patterns of a
        period (a Gregorian or Jalali ``Month``, or local ``(start, end)`` days inclusive),
        optionally for one tag's customers; ``options`` go to ``touchdesk.data.analytics.compute``."""
        with self.db.read() as s:
            from touchdesk.data import analytics

            return analytics.compute(s, period, tag, **options)

    def journey_mix(
        self, period: Month | Period | tuple[dt.date, dt.date], tag: str | None = None
    ) -> list[TouchpointMix]:
        """Each touchpoint's outcome mix in a period (resolved decisions as they went), in the
        analytics' scope: what the aggregate journey map and "outcomes by stage" draw."""
        from touchdesk.data import journey_map
        from touchdesk.data.analytics import Period

        with self.db.read() as s:
            return journey_map.outcome_mix(s, Period.of(period), tag)

    def touchpoint_events(
        self,
        period: Month | Period | tuple[dt.date, dt.date],
        touchpoint: str,
        channel: str | None = None,
        tag: str | None = None,
        *,
        limit: int = 1000,
    ) -> list[EventRow]:
        """The touchpoints behind a friction point: one touchpoint (on one channel) in a period,
        newest first, in the analytics' scope."""
        from touchdesk.data import journey_map
        from touchdesk.data.analytics import Period

        with self.db.read() as s:
            return journey_map.touchpoint_events(
                s, Period.of(period), touchpoint, channel, tag, limit=limit
            )

    def events_in_period(
        self,
        start: dt.date,
        end: dt.date,
        *,
        after: tuple[dt.datetime, int] | None = None,
        limit: int = 2000,
    ) -> list[EventRow]:
        """Touchpoints of the local days ``start``..``end`` in time order, one page at a time:
        pass the ``(occurred_at, id)`` of the last row to get the next page (report appendix)."""
        from touchdesk.data import report_queries
        from touchdesk.data.summary import utc_bounds

        lo, hi = utc_bounds(start, end)
        with self.db.read() as s:
            return report_queries.events_page(s, lo, hi, after=after, limit=limit)

    def touchpoint_outcomes(self, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
        """Touchpoint → outcome → count over the local days ``start``..``end``."""
        from touchdesk.data import report_queries
        from touchdesk.data.summary import utc_bounds

        with self.db.read() as s:
            return report_queries.touchpoint_outcomes(s, *utc_bounds(start, end))

    def followups_on_time(self, start: dt.date, end: dt.date) -> tuple[int, int, int]:
        """Follow-ups due over the local days ``start``..``end``: (due, done, done on time)."""
        from touchdesk.data import report_queries
        from touchdesk.data.summary import utc_bounds

        with self.db.read() as s:
            return report_queries.followups_on_time(s, *utc_bounds(start, end))

    # --- import and export (logic in touchdesk/data/importing.py, import_touchpoints.py, ---------
    # --- exporting.py) ---------------------------------------------------------------------------

    def import_customers(
        self, path: str | os.PathLike[str], *, dry_run: bool = False, strict: bool = False
    ) -> ImportReport:
        """Import customers from a CSV or vCard file in one transaction (``--dry-run``/``--strict``)."""
        from touchdesk.data import importing

        report = importing.import_customers(self, path, dry_run=dry_run, strict=strict)
        if report.committed and report.imported:
            self._changed("customers")
        return report

    def import_touchpoints(
        self, path: str | os.PathLike[str], *, dry_run: bool = False, strict: bool = False
    ) -> ImportReport:
        """Import touchpoints from a CSV file, logged as historical, in one transaction."""
        from touchdesk.data import import_touchpoints

        report = import_touchpoints.import_touchpoints(
            self, path, dry_run=dry_run, strict=strict, hooks=tuple(self._after_log)
        )
        if report.committed and report.imported:
            self._changed("events")
        return report

    def open_contacts(self, path: str | os.PathLike[str]) -> ContactFile:
        """Read a contacts file (vCard, Google/Outlook CSV, any CSV or .xlsx) and recognise it."""
        from touchdesk.data.contacts import sources

        return sources.open_contacts(self, path)

    def import_contacts(
        self, source: str | os.PathLike[str] | ContactFile, **options: Any
    ) -> ImportReport:
        """Import a contacts file of any kind (options of ``contacts.sources.import_contacts``:
        ``fields``, ``mapping``, ``duplicates``, ``dry_run``, ``strict``, ``require_mapping``)."""
        from touchdesk.data.contacts import sources

        report = sources.import_contacts(self, source, **options)
        if report.committed and report.imported and not report.dry_run:
            self._changed("customers")
        return report

    def contact_mappings(self) -> list[SavedMapping]:
        """The column mappings saved for spreadsheets, by name."""
        from touchdesk.data.contacts import mappings

        return mappings.saved_mappings(self)

    def save_contact_mapping(
        self, name: str, headers: list[str], fields: list[str] | tuple[str, ...]
    ) -> None:
        """Remember a column mapping under ``name`` for files with these headers."""
        from touchdesk.data.contacts import mappings

        mappings.save_mapping(self, name, headers, fields)

    def export_followups(self, path: str | os.PathLike[str]) -> int:
        """Write every open follow-up to an iCalendar (.ics) file; returns how many."""
        from touchdesk.data import icalendar_export

        return icalendar_export.export_followups(self, path)

    def export_customers(self, path: str | os.PathLike[str]) -> int:
        """Write every customer to a CSV or vCard (``.vcf``) file; returns how many."""
        from touchdesk.data import exporting

        with self.db.read() as s:
            return exporting.export_customers(s, path)

    def export_touchpoints(
        self,
        path: str | os.PathLike[str],
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> int:
        """Write touchpoints between two local days (inclusive) to a CSV file; returns how many."""
        from touchdesk.data import exporting

        with self.db.read() as s:
            return exporting.export_touchpoints(s, path, start, end)

    # --- planning (seed 002's wizard) and automation rules -------------------------------------

    def planning_knowledge(self) -> Knowledge:
        """The planning knowledge for this catalog: the built-ins and the user's own touchpoints."""
        from touchdesk.planner import knowledge

        return knowledge.load().with_types(self.touchpoint_types())

    def suggest_plan(self, profile: PlanProfile) -> PlanSuggestion:
        """The best set of touchpoints for the profile (exact optimum), every choice explained;
        uses the costs the owner corrected earlier for this currency."""
        from touchdesk.data import plans
        from touchdesk.planner import suggest

        plans.check_profile(profile)
        overrides = self.plan_cost_overrides(profile.currency)
        return suggest.suggest(self.planning_knowledge(), profile, overrides)

    def evaluate_plan(self, profile: PlanProfile, choices: dict[str, str]) -> PlanSuggestion:
        """Totals and explanations for a set picked by hand (touchpoint key -> full/lean)."""
        from touchdesk.data import plans
        from touchdesk.planner import suggest

        plans.check_profile(profile)
        overrides = self.plan_cost_overrides(profile.currency)
        return suggest.evaluate(self.planning_knowledge(), profile, choices, overrides)

    def save_plan(
        self,
        suggestion: PlanSuggestion,
        tasks: list[TaskDraft] | tuple[TaskDraft, ...] = (),
        rules: list[RuleDraft] | tuple[RuleDraft, ...] = (),
        *,
        name: str = "",
        revises: int | None = None,
    ) -> int:
        """Save a plan with its tasks (also follow-ups) and rules as the active plan; with
        ``revises`` it is a new version of that plan, which is kept."""
        from touchdesk.data import plans

        worded = self._plan_reasons_in_every_language(suggestion)
        with self.db.write() as s:
            plan_id = plans.save(
                s, suggestion, tasks, rules, name=name, revises=revises, reasons=worded
            )
        self._changed("plans")
        self._changed("followups")
        return plan_id

    def _plan_reasons_in_every_language(
        self, suggestion: PlanSuggestion
    ) -> dict[str, dict[str, str]]:
        """Each touchpoint's "why" / "left out" sentence in every language (touchpoint -> language
        -> sentence), so a plan saved in one language reads right in the other later."""
        from touchdesk.i18n import LANGUAGES
        from touchdesk.speaking import speaking

        current = get_language()
        worded: dict[str, dict[str, str]] = {}
        for c in suggestion.chosen:
            worded.setdefault(c.touchpoint, {})[current] = c.why
        for o in suggestion.left_out:
            worded.setdefault(o.touchpoint, {})[current] = o.reason
        for lang in LANGUAGES:
            if lang == current:
                continue
            with speaking(lang, currency=suggestion.profile.currency):
                again = self.evaluate_plan(suggestion.profile, suggestion.choices)
            for c in again.chosen:
                worded.setdefault(c.touchpoint, {})[lang] = c.why
            for o in again.left_out:
                worded.setdefault(o.touchpoint, {})[lang] = o.reason
        return worded

    def plans(self) -> list[PlanRow]:
        from touchdesk.data import plans

        with self.db.read() as s:
            return plans.list_plans(s)

    def plan(self, plan_id: int) -> PlanDetail:
        from touchdesk.data import plans

        with self.db.read() as s:
            return plans.detail(s, plan_id)

    def active_plan(self) -> PlanDetail | None:
        from touchdesk.data import plans

        with self.db.read() as s:
            return plans.active(s)

    def plan_progress(
        self, plan_id: int, month: Month | None = None, today: dt.date | None = None
    ) -> PlanProgress:
        """Tasks done / due / overdue, and touchpoints logged per planned touchpoint in ``month``
        (a ``formatting.Month``; the current month of the user's calendar by default)."""
        from touchdesk import formatting
        from touchdesk.data import plans

        today = today or to_local(utc_now()).date()
        if month is None:
            month = Month.containing(today, formatting.options().calendar)
        with self.db.read() as s:
            return plans.progress(s, plan_id, month.start, month.end, today)

    def plan_cost_overrides(self, currency: str) -> dict[tuple[str, str], tuple[int, int]]:
        """Costs and hours the owner corrected, per (touchpoint, version), in a currency."""
        from touchdesk.data import plans

        with self.db.read() as s:
            return plans.cost_overrides(s, currency)

    def set_plan_cost(
        self, touchpoint: str, version: str, currency: str, cost_cents: int, hours: int
    ) -> None:
        """Remember the owner's monthly cost and hours for one version of a touchpoint."""
        from touchdesk.data import plans

        with self.db.write() as s:
            plans.set_cost_override(s, touchpoint, version, currency, cost_cents, hours)
        self._changed("plans")

    def clear_plan_cost(self, touchpoint: str, version: str, currency: str) -> None:
        """Go back to the default cost and hours for one version of a touchpoint."""
        from touchdesk.data import plans

        with self.db.write() as s:
            plans.clear_cost_override(s, touchpoint, version, currency)
        self._changed("plans")

    def rules(self, plan_id: int | None = None) -> list[RuleRow]:
        from touchdesk.data import automation

        with self.db.read() as s:
            return automation.list_rules(s, plan_id)

    def save_rule(
        self, draft: RuleDraft, rule_id: int | None = None, *, plan_id: int | None = None
    ) -> int:
        """Add a rule (or replace rule ``rule_id``'s settings); returns its id."""
        from touchdesk.data import automation

        with self.db.write() as s:
            if rule_id is None:
                rule_id = automation.add(s, draft, plan_id=plan_id)
            else:
                automation.update(s, rule_id, draft)
        self._changed("rules")
        return rule_id

    def set_rule_enabled(self, rule_id: int, enabled: bool) -> None:
        from touchdesk.data import automation

        with self.db.write() as s:
            automation.set_enabled(s, rule_id, enabled)
        self._changed("rules")

    def delete_rule(self, rule_id: int) -> None:
        from touchdesk.data import automation

        with self.db.write() as s:
            automation.delete(s, rule_id)
        self._changed("rules")
