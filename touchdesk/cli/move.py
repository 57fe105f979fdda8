"""``touchdesk move-to URL``: copy this database into an empty PostgreSQL database (team mode),
check that every row arrived, and print what was compared.

Exit status 0 when every table matched (the copy is committed), 1 when the target was refused or
could not be reached, or when a table differed (then nothing was committed and the target is
still empty).
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.exc import DBAPIError

from touchdesk import formatting
from touchdesk.cli import apply_language, open_workspace
from touchdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "move-to",
        help=_("copy this database into an empty PostgreSQL database and check every row"),
        description=_(
            "Copy every customer, touchpoint, follow-up, plan and setting of this database into "
            "an empty PostgreSQL database for team use, then compare each table on both sides "
            "(row count and a checksum of the content). Nothing is committed unless every table "
            "matches. This database is left as it was."
        ),
        epilog=_(
            "Passwords: rather than writing the password into the URL (other users of this "
            "computer can see a command line), keep it in libpq's password file ~/.pgpass or in "
            "the PGPASSWORD environment variable. A password given in the URL is used but never "
            "printed."
        ),
    )
    parser.add_argument(
        "url",
        metavar="URL",
        help=_("the target, e.g. postgresql+psycopg://user@host:5432/touchdesk"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from touchdesk.cli.progress import ProgressBar
    from touchdesk.data.move import (
        MoveRefused,
        location_without_password,
        move_to,
        shown_location,
    )

    target = shown_location(args.url)
    with open_workspace(args) as ws:
        apply_language(args, ws)
        print(_("Copying {source} to {target}").format(source=ws.location, target=target))
        bar = ProgressBar(_("Rows"))
        try:
            report = move_to(ws.db, args.url, progress=bar.update)
        except MoveRefused as exc:
            bar.finish()
            print(_("error: {message}").format(message=exc), file=sys.stderr)
            return 1
        except DBAPIError as exc:
            bar.finish()
            detail = str(exc.orig if exc.orig is not None else exc).strip()
            print(
                _("error: the copy to {target} failed, nothing was committed: {detail}").format(
                    target=target, detail=detail
                ),
                file=sys.stderr,
            )
            return 1
        bar.finish()
    n = formatting.format_int
    lines = [(_("Table"), _("Here"), _("There"), _("Check"))]
    lines += [
        (t.name, n(t.source_rows), n(t.target_rows), _("same") if t.ok else _("DIFFERENT"))
        for t in report.tables
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(3)]
    for name, here, there, check in lines:
        print(
            f"{name.ljust(widths[0])}  {here.rjust(widths[1])}  {there.rjust(widths[2])}  {check}"
        )
    if not report.ok:
        print(
            _(
                "error: {tables} did not arrive unchanged; nothing was committed and {target} is "
                "still empty"
            ).format(tables=", ".join(report.differing), target=target),
            file=sys.stderr,
        )
        return 1
    print(
        _(
            "All {rows} rows arrived unchanged in {seconds} s. Open it with: touchdesk --db {target}"
        ).format(
            rows=n(report.rows),
            seconds=formatting.format_number(report.elapsed, 1),
            target=location_without_password(args.url),
        )
    )
    return 0
