"""Alembic environment of the store, run programmatically by :func:`planner.store.engine.migrate`.

The caller hands over an open connection in ``config.attributes["connection"]``; there is no
``alembic.ini`` and no offline mode, so migrations always run inside the caller's transaction.
"""

from alembic import context

from planner.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "planner's store migrations run through planner.store.engine.migrate(), "
        "which passes a connection; use `planner db init` instead of the alembic command"
    )
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
