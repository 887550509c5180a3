"""Alembic's environment for tawthiq's schema.

Migrations run on the connection that :func:`tawthiq.store.sql.migrate` passes in
``config.attributes["connection"]``, inside its transaction, when a store is opened. To write the next
migration, open a store on a scratch database and call ``alembic.command.revision(config,
message, autogenerate=True)`` with that same config (see ``tawthiq.store.sql.alembic_config``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from tawthiq.store.schema import metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "tawthiq's migrations run through tawthiq.store.open_store, which gives them a connection"
        )
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
