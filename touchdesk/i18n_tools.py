"""Maintain the translation catalogs with Babel: ``python -m touchdesk.i18n_tools extract|update|compile``.

``extract`` writes the template from every ``_()``, ``N_()`` and ``ngettext()`` in the package,
``update`` merges it into each language's ``.po``, ``compile`` writes the ``.mo`` files the app
loads (the install step runs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

PACKAGE = Path(__file__).resolve().parent
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "touchdesk.pot"
KEYWORDS = ["_", "N_", "ngettext:1,2", "pgettext:1c,2"]


def extract() -> None:
    args = [
        "pybabel",
        "extract",
        "-o",
        str(TEMPLATE),
        "--no-location",
        "--sort-output",
        "--project",
        "TouchDesk",
        "-c",
        "TRANSLATORS:",
    ]
    for kw in KEYWORDS:
        args += ["-k", kw]
    CommandLineInterface().run([*args, str(PACKAGE)])


def update() -> None:
    CommandLineInterface().run(
        [
            "pybabel",
            "update",
            "-i",
            str(TEMPLATE),
            "-d",
            str(LOCALE),
            "-D",
            "touchdesk",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        ]
    )


def compile_all() -> None:
    from touchdesk.i18n import compile_po

    for po in LOCALE.glob("*/LC_MESSAGES/touchdesk.po"):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po.read_bytes()))


def main(argv: list[str]) -> int:
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: python -m touchdesk.i18n_tools extract|update|compile", file=sys.stderr)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
