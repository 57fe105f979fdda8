"""Customer search: an FTS5 index over folded text, so "۰۹۱۲" finds "0912" and "علي" finds "علی".

The index holds, per customer, the folded name, company, city, tags, e-mails and each phone in the
forms people type it (as written, international, national). Every query token is a prefix match
and all tokens must match, which is what search-as-you-type needs.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.orm import Session

from touchdesk.data.validation import phone_search_forms
from touchdesk.textnorm import search_tokens


def index_body(
    name: str,
    company: str,
    city: str,
    tags: Iterable[str],
    emails: Iterable[str],
    phones: Iterable[tuple[str, str]],
) -> str:
    """The folded text indexed for one customer; ``phones`` are (display, normalised) pairs."""
    parts = [name, company, city, *tags, *emails]
    for display, normalized in phones:
        parts.extend(phone_search_forms(normalized, display))
    return " ".join(" ".join(search_tokens(p)) for p in parts if p)


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or ``None`` if it has no words."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def reindex(session: Session, customer_id: int, body: str | None) -> None:
    """Replace one customer's index entry (``None`` removes it)."""
    session.execute(text("DELETE FROM customer_fts WHERE rowid = :id"), {"id": customer_id})
    if body is not None:
        session.execute(
            text("INSERT INTO customer_fts(rowid, body) VALUES (:id, :body)"),
            {"id": customer_id, "body": body},
        )
