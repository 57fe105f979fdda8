"""Customer search over folded text, so "۰۹۱۲" finds "0912" and "علي" finds "علی".

The index (table ``customer_fts``, rowid = customer id) holds, per customer, the folded name,
company, city, tags, e-mails and each phone in the forms people type it (as written,
international, national). Every query token is a prefix match and all tokens must match, which is
what search-as-you-type needs. On SQLite the table is an FTS5 index; on PostgreSQL (team mode) it
is a plain table whose ``' ' || body`` has a trigram index, and a token matches where a word of
the body starts with it. On SQLite the customer list also asks how many match
(``matches_at_least``, ``sampled_share``) to choose how it reads a page (see
``customer_list.find``), and may test customers one by one (``row_matches``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, Select, column, literal_column, select, table, text
from sqlalchemy.orm import QueryableAttribute, Session

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


FTS = table("customer_fts", column("rowid"), column("body"))
# The longest prefix index ``customer_fts`` keeps (migration 0001: prefix = '1 2 3').
PREFIX_INDEXED = 3


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or ``None`` if it has no words."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def _like_prefix(token: str) -> str:
    escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}%"


def matching_ids(query: str, dialect: str) -> Select[tuple[int]] | None:
    """The ids of customers matching what the user typed, or ``None`` if it has no words."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    if dialect == "sqlite":
        expression = match_expression(query)
        return select(FTS.c.rowid).where(text("customer_fts MATCH :m").bindparams(m=expression))
    # Written exactly as the index expression so PostgreSQL uses the trigram index.
    spaced = literal_column("' '").op("||")(FTS.c.body)
    return select(FTS.c.rowid).where(*(spaced.like(_like_prefix(t), escape="\\") for t in tokens))


def matches_at_least(session: Session, query: str, n: int) -> bool:
    """Whether ``n`` or more customers match (SQLite only). FTS5 stops counting at ``n``, so the
    answer costs at most ``n`` index entries however many customers match."""
    expression = match_expression(query)
    if expression is None:
        return False
    found = session.execute(
        text(
            "SELECT count(*) FROM (SELECT 1 FROM customer_fts WHERE customer_fts MATCH :m LIMIT :n)"
        ),
        {"m": expression, "n": n},
    ).scalar_one()
    return bool(found >= n)


def probes_are_cheap(query: str) -> bool:
    """Whether testing one customer against the query costs one seek per word (SQLite): each word
    is at most as long as ``customer_fts``'s longest prefix index (1, 2 and 3 characters). A
    longer word makes FTS5 gather every indexed word it starts, again for each customer tested."""
    tokens = search_tokens(query)
    return bool(tokens) and all(len(t) <= PREFIX_INDEXED for t in tokens)


def sampled_share(session: Session, query: str, size: int = 1000) -> float:
    """The share of customer ids matching among ``size`` consecutive ids half-way up the table
    (SQLite): a cheap estimate of how many of the customers a walk through the list passes
    match. Ids follow creation, not names, so the sample is not drawn from one part of the
    alphabet; deleted customers count as not matching, as they do on the walk."""
    expression = match_expression(query)
    top = session.execute(text("SELECT max(id) FROM customers")).scalar()
    if expression is None or not top:
        return 0.0
    low = top // 2 + 1
    high = min(top, low + size - 1)
    found = session.execute(
        text(
            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH :m"
            " AND rowid BETWEEN :low AND :high"
        ),
        {"m": expression, "low": low, "high": high},
    ).scalar_one()
    return float(found / (high - low + 1))


def row_matches(
    query: str, customer_id: ColumnElement[int] | QueryableAttribute[int]
) -> ColumnElement[bool]:
    """Whether the customer with ``customer_id`` (a correlated column) matches (SQLite): one
    seek in the search index per word, so the caller decides on which rows it is worth it."""
    expression = match_expression(query)
    return (
        select(literal_column("1"))
        .select_from(FTS)
        .where(text("customer_fts MATCH :probe").bindparams(probe=expression))
        .where(FTS.c.rowid == customer_id)
        .exists()
    )


def reindex(session: Session, customer_id: int, body: str | None) -> None:
    """Replace one customer's index entry (``None`` removes it)."""
    session.execute(text("DELETE FROM customer_fts WHERE rowid = :id"), {"id": customer_id})
    if body is not None:
        session.execute(
            text("INSERT INTO customer_fts(rowid, body) VALUES (:id, :body)"),
            {"id": customer_id, "body": body},
        )
