"""``touchdesk info`` (where the data lives, what is in it) and ``touchdesk summary`` (a month in
numbers) — small commands that show the service API at work without a display."""

from __future__ import annotations

import argparse
import json

from touchdesk import __version__, formatting, paths
from touchdesk.catalog import channel_label, outcome_label, stage_label
from touchdesk.cli import apply_language, open_workspace
from touchdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    info = sub.add_parser("info", help=_("show where the data lives and how much there is"))
    info.set_defaults(func=run_info)
    summary = sub.add_parser("summary", help=_("touchpoints of one month in numbers"))
    summary.add_argument(
        "--month", metavar="YYYY-MM", help=_("the month (default: the current one)")
    )
    summary.add_argument(
        "--calendar",
        choices=formatting.CALENDARS,
        help=_("calendar of --month (default: the setting)"),
    )
    summary.add_argument("--json", action="store_true", help=_("print JSON with stable keys"))
    summary.set_defaults(func=run_summary)


def run_info(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        print(_("TouchDesk {version}").format(version=__version__))
        print(_("Database: {location}").format(location=ws.location))
        if ws.team_mode:
            print(_("Mode: team (shared PostgreSQL server)"))
            team = ", ".join(u.label for u in ws.users())
            print(_("Team: {names}").format(names=team or "-"))
        else:
            print(_("Mode: this computer (SQLite file)"))
        print(_("You are: {name}").format(name=ws.user_name))
        print(_("Data folder: {path}").format(path=paths.data_dir()))
        if not ws.team_mode:
            print(_("Backups: {path}").format(path=paths.data_dir() / "backups"))
        print(_("Customers: {n}").format(n=formatting.format_int(ws.count_customers())))
    return 0


def run_summary(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        calendar = args.calendar or formatting.options().calendar
        if args.month:
            from touchdesk.cli.report import month_argument  # the year tells the calendar

            month = month_argument(args.month, args.calendar)
        else:
            month = formatting.Month.containing(
                formatting.to_local(formatting.utc_now()).date(), calendar
            )
        s = ws.month_summary(month.start, month.end)
    if args.json:
        print(
            json.dumps(
                {
                    "period": {"start": s.start.isoformat(), "end": s.end.isoformat()},
                    "totals": {
                        "touchpoints": s.touchpoints,
                        "customers_contacted": s.customers_contacted,
                        "new_customers": s.new_customers,
                        "purchases": s.purchases,
                        "revenue": formatting.money_to_plain(s.revenue_cents),
                    },
                    "by_stage": s.by_stage,
                    "by_outcome": s.by_outcome,
                    "by_channel": s.by_channel,
                    "by_touchpoint": s.by_touchpoint,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    n = formatting.format_int
    print(month.label)
    print(_("Touchpoints: {n}").format(n=n(s.touchpoints)))
    print(_("Customers contacted: {n}").format(n=n(s.customers_contacted)))
    print(_("New customers: {n}").format(n=n(s.new_customers)))
    print(
        _("Purchases: {n} ({revenue})").format(
            n=n(s.purchases), revenue=formatting.format_money(s.revenue_cents)
        )
    )
    for title, counts, label in (
        (_("By stage"), s.by_stage, stage_label),
        (_("By outcome"), s.by_outcome, outcome_label),
        (_("By channel"), s.by_channel, channel_label),
    ):
        print(title)
        for key, count in counts.items():
            print(f"  {label(key)}: {n(count)}")
    return 0
