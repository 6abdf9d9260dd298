"""Index consensus by (exchange, field, party): the lookup every figure query makes.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-02
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_consensus_exchange_id", table_name="consensus")
    op.create_index("ix_consensus_exchange_field_party", "consensus",
                    ["exchange_id", "field", "party"])


def downgrade() -> None:
    op.drop_index("ix_consensus_exchange_field_party", table_name="consensus")
    op.create_index("ix_consensus_exchange_id", "consensus", ["exchange_id"])
