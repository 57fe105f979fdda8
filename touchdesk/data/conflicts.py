"""Three-way merge of a customer edit that went stale (someone else saved in between).

``base`` is the customer as the user's form loaded it, ``mine`` what the user typed, ``theirs``
the customer as saved meanwhile. A field only one side changed takes that side's value; a field
both changed to different values is a conflict the user decides. Nothing is decided silently.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from touchdesk.data.records import CustomerInput
from touchdesk.i18n import N_

# The fields of a customer edit, in form order, with their names for the conflict dialog.
FIELD_LABELS: dict[str, str] = {
    "name": N_("Name"),
    "company": N_("Company"),
    "phones": N_("Phones"),
    "emails": N_("E-mails"),
    "city": N_("City"),
    "source": N_("Source"),
    "tags": N_("Tags"),
    "notes": N_("Notes"),
}


@dataclass(frozen=True)
class EditMerge:
    """The outcome of merging: the merged input, and which fields changed on which side."""

    merged: CustomerInput
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    conflicts: tuple[str, ...]


def _norm(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def changed_fields(before: CustomerInput, after: CustomerInput) -> tuple[str, ...]:
    """The fields whose value differs, in form order."""
    return tuple(
        f.name
        for f in fields(CustomerInput)
        if _norm(getattr(before, f.name)) != _norm(getattr(after, f.name))
    )


def merge_edit(
    base: CustomerInput,
    mine: CustomerInput,
    theirs: CustomerInput,
    choices: dict[str, str] | None = None,
) -> EditMerge:
    """Merge field by field; ``choices`` maps a conflicting field to ``"mine"`` or ``"theirs"``
    (a conflict without a choice keeps theirs, i.e. nothing of the other person's is lost)."""
    mine_changed = changed_fields(base, mine)
    theirs_changed = changed_fields(base, theirs)
    conflicts = tuple(
        name
        for name in mine_changed
        if name in theirs_changed and _norm(getattr(mine, name)) != _norm(getattr(theirs, name))
    )
    picks = choices or {}
    merged = theirs
    for name in mine_changed:
        if name in conflicts and picks.get(name, "theirs") != "mine":
            continue
        merged = replace(merged, **{name: getattr(mine, name)})
    return EditMerge(merged, mine_changed, theirs_changed, conflicts)
