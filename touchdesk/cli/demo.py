"""``touchdesk demo``: fill the database with realistic, deterministic demo data."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from touchdesk.formatting import format_int, format_number
from touchdesk.i18n import _, get_language

if TYPE_CHECKING:
    from touchdesk.data.workspace import Workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=_("fill the database with demo customers and touchpoints"),
        description=_(
            "Fill the database with realistic demo data: customers, touchpoints across all "
            "stages and channels, purchases, requests and follow-ups. The same seed gives the "
            "same data. Refuses a database that already has customers unless --append is given."
        ),
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=500,
        metavar="N",
        help=_("how many customers (default 500)"),
    )
    parser.add_argument(
        "--months",
        type=int,
        default=12,
        metavar="M",
        help=_("spread the touchpoints over the last M months (default 12)"),
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)")
    )
    parser.add_argument(
        "--locale",
        choices=("en", "fa"),
        help=_("English or Iranian names, places, phones and amounts (default: the language)"),
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help=_("add demo data to a database that already has customers"),
    )
    parser.set_defaults(func=run)


# Demo data, like the demo's customer names: written in the demo's locale, not translated.
DEMO_BUSINESS = {"en": "Morgan & Co. Home Goods", "fa": "لوازم خانگی نیک"}


def _settle_settings(ws: Workspace, locale: str) -> None:
    """Make the demo read right: Toman amounts need the Toman currency, reports need a name."""
    if ws.setting("currency") in ("", "auto"):
        # Toman for the Iranian demo; pounds for the English one (its customers are in the UK).
        ws.set_setting("currency", "IRT" if locale == "fa" else "GBP")
    if not ws.setting("business_name"):
        ws.set_setting("business_name", DEMO_BUSINESS.get(locale, DEMO_BUSINESS["en"]))


def run(args: argparse.Namespace) -> int:
    from touchdesk.cli import apply_language, open_workspace
    from touchdesk.cli.progress import ProgressBar
    from touchdesk.data.demo import NotEmpty, generate

    with open_workspace(args) as ws:
        if not args.append and ws.count_customers() == 0:
            _settle_settings(ws, args.locale or get_language())
        apply_language(args, ws)
        bar = ProgressBar(_("Demo data"))
        try:
            stats = generate(
                ws,
                customers=args.customers,
                months=args.months,
                seed=args.seed,
                locale=args.locale,
                progress=bar.update,
                append=args.append,
            )
        except NotEmpty as exc:
            print(
                _(
                    "error: the database already has {count} customers; use --append to add "
                    "demo data beside them"
                ).format(count=format_int(exc.customers)),
                file=sys.stderr,
            )
            return 1
        finally:
            bar.finish()
        print(
            _(
                "Created {customers} customers, {events} touchpoints and {followups} follow-ups "
                "in {seconds} s."
            ).format(
                customers=format_int(stats.customers),
                events=format_int(stats.events),
                followups=format_int(stats.followups),
                seconds=format_number(stats.elapsed, 1),
            )
        )
    return 0
