"""Alembic environment: runs migrations on the engine handed over by ``touchdesk.data.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from touchdesk.data.models import Base

# Tables made by SQL in the migrations that the models do not describe (the FTS5 index).
UNMODELLED_PREFIXES = ("customer_fts",)


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name and name.startswith(UNMODELLED_PREFIXES))


def run() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.driver_connection
        if sqlite:
            # Table rebuilds must never cascade-delete children. The pragma only takes effect
            # outside a transaction, so it goes straight to the driver connection (autocommit).
            raw.execute("PRAGMA foreign_keys = OFF")
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        if sqlite:
            problems = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            connection.commit()
            raw.execute("PRAGMA foreign_keys = ON")
            if problems:
                raise RuntimeError(f"migration left broken references: {problems[:5]}")


run()
