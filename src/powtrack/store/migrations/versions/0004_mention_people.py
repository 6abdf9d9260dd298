"""Mentions keep the names of the individuals freed (`people`: side -> names).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.add_column(sa.Column("people", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("people")
