"""The ``touchdesk`` command: with no command it opens the window; subcommands work without a
display. Each command group lives in its own module with a ``register(subparsers)`` function."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import logging
import sys
from collections.abc import Sequence

import touchdesk
from touchdesk.i18n import _, set_language

# Modules that add subcommands; each has register(subparsers) and sets ``func`` on its parsers.
COMMAND_MODULES = (
    "touchdesk.cli.demo",
    "touchdesk.cli.transfer",
    "touchdesk.cli.info",
    "touchdesk.cli.safety",
    "touchdesk.cli.plan",
    "touchdesk.cli.report",
    "touchdesk.cli.move",
)


class ArgumentParser(argparse.ArgumentParser):
    """argparse with messages through our translation function and exit status 2 on misuse."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}\n").format(prog=self.prog, message=message))


class CommandParser(ArgumentParser):
    """A subcommand's parser: also takes ``--db`` and ``--lang`` after the command name."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.add_argument(
            "--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
        self.add_argument(
            "--lang", choices=("en", "fa"), default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
        self.add_argument("--user", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The ``touchdesk`` parser; ``commands=False`` leaves out the subcommands (and so the imports
    of their modules) and ``--help``/``--version``, for telling whether a command was given."""
    parser = ArgumentParser(
        prog="touchdesk",
        description=_(
            "TouchDesk: an offline CRM for every customer touchpoint. Without a command it opens the window."
        ),
        add_help=commands,
    )
    if commands:
        # (read here, not at import: the version comes from importlib.metadata, slow to load)
        version = f"TouchDesk {touchdesk.__version__}"
        parser.add_argument("--version", action="version", version=version)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=_("database file or SQLAlchemy URL (default: $TOUCHDESK_DB or the data folder)"),
    )
    parser.add_argument(
        "--lang",
        choices=("en", "fa"),
        help=_("language of messages (default: the setting, else the system's)"),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=_(
            "who is working, recorded as the author of changes (default: $TOUCHDESK_USER, the database login on a team server, else your name in Settings)"
        ),
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help=_("show progress details and log messages")
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check offscreen that everything works (database, demo data, planner, reports, window) and exit"
        ),
    )
    parser.add_argument(
        "--exit-after-startup",
        action="store_true",
        help=_("open the window and quit after its first frame with data (for timing start-up)"),
    )
    if not commands:
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def open_workspace(args: argparse.Namespace):
    """Open the database named by ``--db`` (or the default) for a command."""
    from touchdesk.data.workspace import Workspace

    return Workspace.open(args.db, user=getattr(args, "user", None))


def apply_language(args: argparse.Namespace, ws=None) -> None:
    """Messages in ``--lang``, else the language setting of the database, else the system's."""
    from touchdesk import formatting, settings

    lang = args.lang
    if lang is None and ws is not None:
        lang = ws.setting("language")
    lang = set_language(lang or "system")
    calendar = settings.resolved_calendar(ws.setting("calendar") if ws else "auto", lang)
    currency = ws.currency() if ws else settings.resolved_currency("auto", lang)
    formatting.configure_for_language(lang, calendar=calendar, currency=currency)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from touchdesk.cli import argparse_words

    argparse_words.install()
    # Translate --help and errors as well: pick up --lang before argparse runs.
    if "--lang" in argv and argv.index("--lang") + 1 < len(argv):
        with contextlib.suppress(ValueError):
            set_language(argv[argv.index("--lang") + 1])
    else:
        set_language("system")
    # Opening the window is the common case: it needs only the global options, so the command
    # modules (and what they import) are loaded only when a command, --help or --version is given.
    parser = build_parser(commands=False)
    args, rest = parser.parse_known_args(argv)
    if any(not r.startswith("-") or r in ("-h", "--help", "--version") for r in rest):
        parser = build_parser()
        args, rest = parser.parse_known_args(argv)
    else:
        args.command = None
    if args.self_test:
        from touchdesk.selftest import run

        return run()
    if args.command is None:
        if rest and any(not r.startswith("-") for r in rest):
            parser.error(_("unrecognised arguments: {args}").format(args=" ".join(rest)))
        # No garbage collection while the window starts (run_gui turns it back on after the
        # first frame): the collector would walk the objects imports create again and again.
        gc.disable()
        try:
            from touchdesk.ui.app import run_gui

            return run_gui(args, rest)
        finally:
            gc.enable()
    if rest:
        parser.error(_("unrecognised arguments: {args}").format(args=" ".join(rest)))
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from touchdesk.data.records import NotFound, ValidationError

    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # output piped into a program that stopped reading (e.g. head)
        return 0
    except (ValidationError, NotFound, ValueError, OSError) as exc:
        print(_("error: {message}").format(message=exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
