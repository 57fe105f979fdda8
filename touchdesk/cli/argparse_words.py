"""argparse's own words ("usage:", "options", its error messages) in the user's language.

argparse looks its messages up through ``gettext`` in its own module; pointing it at TouchDesk's
translation function puts "usage:" and "the following arguments are required" into Persian with the
rest of the command line. The messages are listed here, exactly as argparse writes them, so the
catalog tools extract them.
"""

from __future__ import annotations

import argparse

from touchdesk.i18n import N_, _, ngettext

MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    """Make argparse speak the current language (it looks ``_`` up at each message)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
