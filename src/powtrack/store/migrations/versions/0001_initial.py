"""The ledger's tables: documents, mentions, exchanges, claims, consensus, held.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consensus",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("exchange_id", sa.String(16), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("party", sa.Text()),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer()),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("support", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("stated", sa.Text(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
    )
    op.create_index("ix_consensus_exchange_id", "consensus", ["exchange_id"])
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("input_id", sa.Text()),
        sa.Column("source", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("language", sa.String(16)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("relevant", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("superseded_by", sa.String(16)),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_input_id", "documents", ["input_id"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_table(
        "exchanges",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("pair", sa.Text(), nullable=False),
        sa.Column("party_a", sa.Text()),
        sa.Column("party_b", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("first_reported", sa.Date()),
        sa.Column("last_reported", sa.Date()),
        sa.Column("parent_id", sa.String(16)),
        sa.Column("stage", sa.Integer()),
        sa.Column("mediators", sa.JSON(), nullable=False),
        sa.Column("location", sa.Text()),
        sa.Column("status_history", sa.JSON(), nullable=False),
        sa.Column("n_documents", sa.Integer(), nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("n_conflicts", sa.Integer(), nullable=False),
    )
    op.create_index("ix_exchanges_date", "exchanges", ["date"])
    op.create_index("ix_exchanges_pair", "exchanges", ["pair"])
    op.create_index("ix_exchanges_parent_id", "exchanges", ["parent_id"])
    op.create_table(
        "held",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("held_by", sa.Text(), nullable=False),
        sa.Column("of", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("published", sa.Date()),
        sa.Column("anchor", sa.Date()),
        sa.Column("sentence", sa.Text()),
        sa.Column("attributed_to", sa.Text()),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_held_document_id", "held", ["document_id"])
    op.create_index("ix_held_parties_anchor", "held", ["held_by", "of", "anchor"])
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("main", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("date_text", sa.Text()),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("pair", sa.Text(), nullable=False),
        sa.Column("returned", sa.JSON(), nullable=False),
        sa.Column("breakdown", sa.JSON(), nullable=False),
        sa.Column("promised", sa.JSON(), nullable=False),
        sa.Column("refused", sa.JSON(), nullable=False),
        sa.Column("absent", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer()),
        sa.Column("mediators", sa.JSON(), nullable=False),
        sa.Column("location", sa.Text()),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("published", sa.Date()),
        sa.Column("soft", sa.Boolean(), nullable=False),
        sa.Column("anchor", sa.Date()),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
        sa.Column("exchange_id", sa.String(16)),
    )
    op.create_index("ix_mentions_document_id", "mentions", ["document_id"])
    op.create_index("ix_mentions_exchange_id", "mentions", ["exchange_id"])
    op.create_index("ix_mentions_pair_anchor", "mentions", ["pair", "anchor"])
    op.create_index("ix_mentions_resolved", "mentions", ["resolved"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("exchange_id", sa.String(16)),
        sa.Column("mention_id", sa.String(16), sa.ForeignKey("mentions.id"), nullable=False),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("party", sa.Text()),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("number", sa.Integer()),
        sa.Column("sentence", sa.Text()),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("attributed_to", sa.Text()),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_exchange_id", "claims", ["exchange_id"])
    op.create_index("ix_claims_mention_id", "claims", ["mention_id"])


def downgrade() -> None:
    for table in ("held", "consensus", "claims", "exchanges", "mentions", "documents"):
        op.drop_table(table)
