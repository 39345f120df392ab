"""Creating, upgrading and checking the database schema (Alembic migrations)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from fc_admin.db import Database, SchemaOutdated, SchemaTooNew


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", "fc_admin:migrations")
    return config


def head_revision(db: Database) -> str:
    head = ScriptDirectory.from_config(alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    db.ping()
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions(db: Database) -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(alembic_config(db)).walk_revisions()}


def _too_new_message(db: Database, current: str) -> str:
    return (
        f"the database {db.display_name} has schema version {current}, written by a newer "
        f"fc-admin than this one (which knows up to {head_revision(db)}); "
        "install the newer fc-admin — nothing was changed"
    )


def check_not_newer(db: Database) -> str | None:
    current = current_revision(db)
    if current is not None and current not in _known_revisions(db):
        raise SchemaTooNew(_too_new_message(db, current))
    return current


_PG_MIGRATION_LOCK = 0x46434D47  # "FCMG": one migrating process at a time


def upgrade(db: Database) -> tuple[str | None, str]:
    """Create or migrate to the newest schema. Idempotent, and safe when several processes
    (scheduled jobs starting together) run it at once: the loser waits, then finds nothing to do.
    Returns (before, after)."""
    db.ping()
    config = alembic_config(db)
    engine = db.engine.execution_options(sqlite_begin="IMMEDIATE")
    with engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
        before = MigrationContext.configure(conn).get_current_revision()
        if before is not None and before not in _known_revisions(db):
            raise SchemaTooNew(_too_new_message(db, before))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return before, head_revision(db)


def require_current(db: Database) -> None:
    """Refuse to work on a database whose schema is missing, older or newer than this code."""
    current = check_not_newer(db)
    head = head_revision(db)
    if current != head:
        if current is None:
            raise SchemaOutdated(
                f"the database {db.display_name} has no fc-admin schema yet; "
                "run 'fc-admin db upgrade'"
            )
        raise SchemaOutdated(
            f"the database {db.display_name} has schema version {current}, this fc-admin needs "
            f"{head}; run 'fc-admin db upgrade'"
        )
