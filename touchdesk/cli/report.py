"""``touchdesk report``: the monthly touchpoint report, a customer's journey summary and the plan,
as PDF or as the JSON data the PDF shows (schema in ``docs/report-json.md``).

ReportLab is imported only when a PDF is actually made, never when the command is registered.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from touchdesk.cli import apply_language, open_workspace
from touchdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser(
        "report",
        help=_("make a PDF report (monthly, customer journey, plan) or its data as JSON"),
        description=_(
            "Make a PDF report, or print the data it shows as JSON. Every report takes --lang en|fa for its language."
        ),
    )
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    monthly = kinds.add_parser("monthly", help=_("the monthly touchpoint report"))
    monthly.add_argument(
        "--month", required=True, metavar="YYYY-MM", help=_("the month, in the chosen calendar")
    )
    monthly.add_argument(
        "--calendar",
        choices=("gregorian", "jalali"),
        help=_("calendar of --month and of dates in the report (default: the setting)"),
    )
    monthly.add_argument(
        "--appendix", action="store_true", help=_("list every touchpoint of the month at the end")
    )
    monthly.set_defaults(func=run_monthly)

    journey = kinds.add_parser("journey", help=_("one customer's journey summary"))
    journey.add_argument(
        "--customer",
        required=True,
        metavar="ID_OR_EMAIL",
        help=_("customer number or e-mail address"),
    )
    journey.set_defaults(func=run_journey)

    plan = kinds.add_parser("plan", help=_("the touchpoint plan"))
    plan.add_argument(
        "--plan", type=int, metavar="ID", help=_("plan number (default: the active plan)")
    )
    plan.set_defaults(func=run_plan)

    for p in (monthly, journey, plan):
        p.add_argument(
            "--out",
            metavar="FILE",
            help=_(
                "file to write (default: a PDF named after the report, or JSON on standard output)"
            ),
        )
        p.add_argument(
            "--format",
            choices=("pdf", "json"),
            default="pdf",
            help=_("a PDF, or the data it shows as JSON"),
        )


def _language(args: argparse.Namespace, ws: Any) -> tuple[str, str | None]:
    apply_language(args, ws)
    from touchdesk.i18n import get_language

    return get_language(), getattr(args, "calendar", None) or ws.setting("calendar")


def _emit(args: argparse.Namespace, model: Any, render: Any, default_name: str) -> int:
    if args.format == "json":
        text = json.dumps(model.to_json(), ensure_ascii=False, indent=2)
        if args.out:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
        return 0
    out = Path(args.out or default_name)
    render(model, str(out))
    print(_("Report written to {path}").format(path=out))
    return 0


def run_monthly(args: argparse.Namespace) -> int:
    from touchdesk.reports import monthly, monthly_model
    from touchdesk.reports.base import report_language

    with open_workspace(args) as ws:
        lang, calendar = _language(args, ws)
        month = month_argument(args.month, args.calendar)
        with report_language(lang, calendar if args.calendar else month.calendar, ws.currency()):
            model = monthly_model.build_model(ws, month, appendix=args.appendix)
            return _emit(args, model, monthly.render, f"touchdesk-monthly-{month.key}.pdf")


def month_argument(text: str, calendar: str | None) -> Any:
    """The month of ``--month``: its year tells the calendar when ``--calendar`` is not given
    (Jalali years are far below Gregorian ones, as when dates are parsed)."""
    from touchdesk.formatting import GREGORIAN, JALALI, Month

    month = Month.parse(text)
    guessed = JALALI if month.year < 1700 else GREGORIAN
    if calendar is not None and calendar != guessed:
        raise ValueError(
            _("{month} is not a month of the {calendar} calendar").format(
                month=text, calendar=_(calendar.capitalize())
            )
        )
    return Month(month.year, month.month, guessed)


def run_journey(args: argparse.Namespace) -> int:
    from touchdesk.reports import journey
    from touchdesk.reports.base import report_language

    with open_workspace(args) as ws:
        lang, calendar = _language(args, ws)
        customer_id = ws.resolve_customer(args.customer)
        with report_language(lang, calendar, ws.currency()):
            model = journey.build_model(ws, customer_id)
            return _emit(args, model, journey.render, f"touchdesk-journey-{customer_id}.pdf")


def run_plan(args: argparse.Namespace) -> int:
    from touchdesk.reports import plan
    from touchdesk.reports.base import report_language

    with open_workspace(args) as ws:
        lang, calendar = _language(args, ws)
        with report_language(lang, calendar, ws.currency()):
            model = plan.build_model(ws, args.plan)
            return _emit(args, model, plan.render, f"touchdesk-plan-{model.data['plan']['id']}.pdf")
