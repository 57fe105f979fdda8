"""``touchdesk backup``, ``touchdesk restore`` and ``touchdesk check``: keeping the data safe from
the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from touchdesk import formatting
from touchdesk.cli import apply_language
from touchdesk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help=_("back up the database now (or list the backups)"))
    backup.add_argument(
        "--out",
        metavar="FILE",
        type=Path,
        help=_("write the backup here instead of the backups folder"),
    )
    backup.add_argument(
        "--list", action="store_true", help=_("list the backups of this database, newest first")
    )
    backup.set_defaults(func=run_backup)
    restore = sub.add_parser(
        "restore", help=_("replace the database with a backup (a safety copy is kept)")
    )
    restore.add_argument("file", metavar="FILE", type=Path, help=_("the backup to restore"))
    restore.set_defaults(func=run_restore)
    check = sub.add_parser(
        "check", help=_("check the database; exit status 1 when something is wrong")
    )
    check.add_argument("--repair", action="store_true", help=_("fix what can be fixed safely"))
    check.set_defaults(func=run_check)


def _db_path(args: argparse.Namespace) -> Path:
    from touchdesk.data.db import is_sqlite, to_url
    from touchdesk.paths import default_db_location

    url = to_url(args.db or default_db_location())
    if not is_sqlite(url) or not url.database:
        raise ValueError(
            _(
                "backups are made of this computer's database file; a team database on a PostgreSQL server is backed up on the server (for example with pg_dump)"
            )
        )
    return Path(url.database)


def run_backup(args: argparse.Namespace) -> int:
    from touchdesk.data import backup

    apply_language(args)
    path = _db_path(args)
    if args.list:
        for info in backup.list_backups(path):
            kind = _("safety copy") if info.safety_copy else _("backup")
            size = formatting.format_number(info.size / 1024 / 1024, 1)
            print(
                f"{info.path}\t{formatting.format_datetime(info.made_at, utc=False)}\t{size} MB\t{kind}"
            )
        return 0
    try:
        target = backup.make_backup(path, args.out)
    except backup.BackupError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 1
    print(_("Backup written to {path}").format(path=target))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from touchdesk.data import backup
    from touchdesk.data.workspace import Workspace

    apply_language(args)
    path = _db_path(args)
    try:
        safety = backup.restore(path, args.file)
    except backup.BackupError as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 1
    Workspace.open(path).close()  # bring an older backup's schema up to date
    print(_("Restored {path} from {backup}.").format(path=path, backup=args.file))
    print(
        _("The database as it was before is kept in {safety}; restore that file to undo.").format(
            safety=safety
        )
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    from touchdesk.data.db import Database
    from touchdesk.data.integrity import check
    from touchdesk.paths import default_db_location

    apply_language(args)
    db = Database.open(args.db or default_db_location(), upgrade=False)
    try:
        report = check(db, repair=args.repair)
    finally:
        db.dispose()
    for line in report.repaired:
        print(_("repaired: {what}").format(what=line))
    for line in report.problems:
        print(_("problem: {what}").format(what=line))
    if report.ok:
        print(_("The database is sound."))
        return 0
    return 1
