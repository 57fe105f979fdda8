"""``touchdesk import`` and ``touchdesk export``: customers (CSV, vCard, Google or Outlook CSV, a
spreadsheet with a saved mapping), touchpoints (CSV), and open follow-ups to a calendar (.ics).

Import prints a summary and then every rejected row as ``row N: field: reason``; its exit status is
0 when no row was rejected and 1 otherwise, so scripts can tell.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from touchdesk import formatting
from touchdesk.cli import apply_language, open_workspace
from touchdesk.data.contacts.merge import DUPLICATE_MODES, MERGE, NEW, SKIP
from touchdesk.data.records import ImportReport
from touchdesk.i18n import _, ngettext


def register(sub: argparse._SubParsersAction) -> None:
    importer = sub.add_parser(
        "import",
        help=_("import customers (.csv, .vcf, .xlsx) or touchpoints (.csv)"),
        description=_(
            "Rows are checked one by one; good rows are stored in one transaction, bad rows are "
            "listed and written to FILE.rejected.csv. Exit status 1 when a row was rejected."
        ),
    )
    kinds = importer.add_subparsers(dest="what", metavar="WHAT", required=True)
    for what, help_text in (
        ("customers", _("columns: name, company, email, phone, city, source, tags, notes")),
        (
            "touchpoints",
            _(
                "columns: date, customer, email, phone, touchpoint, channel, outcome, direction, "
                "note, amount, response_minutes"
            ),
        ),
    ):
        parser = kinds.add_parser(what, help=help_text, description=help_text)
        parser.add_argument("file", metavar="FILE", type=Path, help=_("the file to import"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("check the file and report what would happen, without writing anything"),
        )
        parser.add_argument(
            "--strict", action="store_true", help=_("import nothing if any row is bad")
        )
        if what == "customers":
            parser.add_argument(
                "--mapping",
                metavar="NAME",
                help=_(
                    "a column mapping saved in the import dialog, for a spreadsheet (.csv, .xlsx) "
                    "that has neither TouchDesk's columns nor a Google or Outlook header"
                ),
            )
            parser.add_argument(
                "--duplicates",
                choices=DUPLICATE_MODES,
                default=SKIP,
                help=_(
                    "a contact whose e-mail or phone is already a customer's: skip it (default), "
                    "merge it into that customer, or import it as a new customer"
                ),
            )
        parser.set_defaults(func=run_import)

    exporter = sub.add_parser(
        "export",
        help=_("export customers (.csv, .vcf) or touchpoints (.csv) in a form import reads back"),
        description=_(
            "CSV files are UTF-8 with a byte-order mark (Excel shows Persian text correctly), "
            "comma-separated; several phones, e-mails or tags in one cell are separated by ;. "
            "A cell starting with = + - or @ (or ') gets a leading ' so spreadsheets do not run "
            "it as a formula; import removes exactly that ' again."
        ),
    )
    kinds = exporter.add_subparsers(dest="what", metavar="WHAT", required=True)
    customers = kinds.add_parser(
        "customers", help=_("every customer; a .vcf file gives vCard 3.0, anything else CSV")
    )
    customers.add_argument("file", metavar="FILE", type=Path, help=_("the file to write"))
    customers.set_defaults(func=run_export)
    touchpoints = kinds.add_parser("touchpoints", help=_("touchpoints as CSV, oldest first"))
    touchpoints.add_argument("file", metavar="FILE", type=Path, help=_("the file to write"))
    touchpoints.add_argument(
        "--from", dest="start", metavar="DATE", help=_("first day to include (YYYY-MM-DD)")
    )
    touchpoints.add_argument(
        "--to", dest="end", metavar="DATE", help=_("last day to include (YYYY-MM-DD)")
    )
    touchpoints.set_defaults(func=run_export)
    calendar = kinds.add_parser(
        "followups",
        help=_("open follow-ups as an iCalendar file (.ics) for phone and desktop calendars"),
        description=_(
            "Each open follow-up becomes an event at its due time with a reminder; importing a "
            "newer file again updates the same events instead of adding copies."
        ),
    )
    calendar.add_argument("file", metavar="FILE", type=Path, help=_("the .ics file to write"))
    calendar.set_defaults(func=run_export)


def summary_lines(report: ImportReport, *, unit: str = "row", duplicates: str = SKIP) -> list[str]:
    """The lines ``touchdesk import`` prints: counts, unknown columns, then each rejected row."""
    n = formatting.format_int
    lines = []
    if report.dry_run:
        lines.append(_("Dry run: nothing was written. A real import would give:"))
    lines.append(_("Imported: {n}").format(n=n(report.imported)))
    if duplicates == MERGE:
        duplicate_line = _("Duplicates merged into existing customers: {n}")
    elif duplicates == NEW:
        duplicate_line = _("Duplicates imported as new customers: {n}")
    else:
        duplicate_line = _("Duplicates skipped: {n}")
    lines.append(duplicate_line.format(n=n(report.duplicates)))
    lines.append(_("Rejected rows: {n}").format(n=n(report.rejected_rows)))
    lines.append(_("Customers created: {n}").format(n=n(report.customers_created)))
    if report.followups_created:
        lines.append(_("Follow-ups created: {n}").format(n=n(report.followups_created)))
    if report.unknown_columns:
        lines.append(
            _("Unknown columns (ignored): {names}").format(names=", ".join(report.unknown_columns))
        )
    if not report.committed and not report.dry_run:
        lines.append(_("Nothing was imported because of --strict: fix the rows below first."))
    if report.rejected_file:
        lines.append(_("Rejected rows written to {file}").format(file=report.rejected_file))
    if unit == "contact":
        template = _("contact {n}: {field}: {reason}")
    else:
        template = _("row {n}: {field}: {reason}")
    lines.extend(
        template.format(n=n(row), field=field, reason=reason)
        for row, field, reason in report.rejected
    )
    return lines


def run_import(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        duplicates = SKIP
        if args.what == "customers":
            duplicates = args.duplicates
            report = ws.import_contacts(
                args.file,
                mapping=args.mapping,
                duplicates=duplicates,
                dry_run=args.dry_run,
                strict=args.strict,
                require_mapping=True,
            )
        else:
            report = ws.import_touchpoints(args.file, dry_run=args.dry_run, strict=args.strict)
    unit = "contact" if args.file.suffix.lower() in (".vcf", ".vcard") else "row"
    print("\n".join(summary_lines(report, unit=unit, duplicates=duplicates)))
    return 1 if report.rejected else 0


def run_export(args: argparse.Namespace) -> int:
    with open_workspace(args) as ws:
        apply_language(args, ws)
        if args.what == "customers":
            count = ws.export_customers(args.file)
            message = ngettext(
                "Exported {n} customer to {file}", "Exported {n} customers to {file}", count
            )
        elif args.what == "followups":
            count = ws.export_followups(args.file)
            message = ngettext(
                "Exported {n} follow-up to {file}", "Exported {n} follow-ups to {file}", count
            )
        else:
            start = formatting.parse_date(args.start) if args.start else None
            end = formatting.parse_date(args.end) if args.end else None
            count = ws.export_touchpoints(args.file, start, end)
            message = ngettext(
                "Exported {n} touchpoint to {file}", "Exported {n} touchpoints to {file}", count
            )
    print(message.format(n=formatting.format_int(count), file=args.file))
    return 0
