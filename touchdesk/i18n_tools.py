"""Maintain the translation catalogs with Babel: ``python -m touchdesk.i18n_tools extract|update|compile``.

``extract`` writes the template from every ``_()``, ``N_()`` and ``ngettext()`` in the package,
``update`` merges it into each language's ``.po``, ``compile`` writes the ``.mo`` files the app
loads (the install step runs it); ``untranslated`` lists what still needs a Persian translation as
JSON and ``apply FILE.json`` fills translations from a ``{msgid: msgstr}`` file.
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


def _po(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "touchdesk.po"


def untranslated(lang: str = "fa") -> list[str | tuple[str, ...] | list[str]]:
    """Message ids without a translation (plural ids as tuples), for a translator's worklist."""
    from babel.messages.pofile import read_po

    with _po(lang).open("rb") as fh:
        catalog = read_po(fh)
    return [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]


def apply_translations(path: Path, lang: str = "fa") -> int:
    """Fill translations from a JSON object {msgid: msgstr} (plural: {"singular": [forms...]});
    returns how many were filled."""
    import json

    from babel.messages.pofile import read_po, write_po

    table = json.loads(path.read_text(encoding="utf-8"))
    with _po(lang).open("rb") as fh:
        catalog = read_po(fh)
    filled = 0
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if table.get(key):
            value = table[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            if "fuzzy" in message.flags:
                message.flags.discard("fuzzy")
            filled += 1
    with _po(lang).open("wb") as fh:
        write_po(fh, catalog, width=100, sort_output=True)
    return filled


def main(argv: list[str]) -> int:
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if argv and argv[0] == "untranslated":
        import json

        ids = [m if isinstance(m, str) else list(m) for m in untranslated()]
        print(json.dumps(ids, ensure_ascii=False, indent=1))
        return 0
    if len(argv) == 2 and argv[0] == "apply":
        print(f"filled {apply_translations(Path(argv[1]))} translations")
        return 0
    if len(argv) != 1 or argv[0] not in commands:
        print(
            "usage: python -m touchdesk.i18n_tools extract|update|compile|untranslated|apply FILE.json",
            file=sys.stderr,
        )
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
