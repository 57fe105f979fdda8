"""Schema upgrades with Alembic: the app upgrades an older database when it opens it."""

from __future__ import annotations

import logging
from importlib import resources

from sqlalchemy import Engine, inspect, text

from touchdesk.data.revision import HEAD

log = logging.getLogger(__name__)

__all__ = ["HEAD", "alembic_config", "current_revision", "upgrade_if_needed"]


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("touchdesk.data").joinpath("migrations"))
    )
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_if_needed(engine: Engine, target: str = "head") -> bool:
    """Bring the schema to ``target``; returns whether anything ran."""
    if target == "head" and current_revision(engine) == HEAD:
        return False
    from alembic import command

    log.info("upgrading database schema to %s", target)
    command.upgrade(alembic_config(engine), target)
    return True
