"""Alembic environment: runs on the connection that ``Store.open`` passes in."""

from alembic import context

connection = context.config.attributes["connection"]
# transactional_ddl: SQLite can roll back DDL too, so a failed migration leaves
# the database as it was (the store's SQLite engine issues BEGIN itself).
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
