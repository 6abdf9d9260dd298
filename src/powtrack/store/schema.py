"""The ledger's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Column meanings are in ``data/datasette-metadata.json``. This module
describes the schema as the newest migration leaves it; the
migrations in ``migrations/versions`` create it step by step (a test checks
that the two agree). Ids are content hashes (16 hex characters).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

ID = sa.String(16)

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("input_id", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("language", sa.String(16)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("relevant", sa.Boolean, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("superseded_by", ID),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_documents_url", "url"),
    sa.Index("ix_documents_published", "published"),
    sa.Index("ix_documents_input_id", "input_id"),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("main", sa.Boolean, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_text", sa.Text),
    sa.Column("parties", sa.JSON, nullable=False),
    sa.Column("pair", sa.Text, nullable=False),
    sa.Column("returned", sa.JSON, nullable=False),
    sa.Column("breakdown", sa.JSON, nullable=False),
    sa.Column("promised", sa.JSON, nullable=False),
    sa.Column("refused", sa.JSON, nullable=False),
    sa.Column("absent", sa.JSON, nullable=False),
    sa.Column("total", sa.Integer),
    sa.Column("mediators", sa.JSON, nullable=False),
    sa.Column("location", sa.Text),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("published", sa.Date),
    sa.Column("soft", sa.Boolean, nullable=False),
    sa.Column("anchor", sa.Date),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("resolved", sa.Boolean, nullable=False),
    sa.Column("exchange_id", ID),
    sa.Column("people", sa.JSON),  # side -> names of the individuals freed (migration 0004)
    sa.Index("ix_mentions_document_id", "document_id"),
    sa.Index("ix_mentions_pair_anchor", "pair", "anchor"),
    sa.Index("ix_mentions_resolved", "resolved"),
    sa.Index("ix_mentions_exchange_id", "exchange_id"),
)

exchanges = sa.Table(
    "exchanges", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("pair", sa.Text, nullable=False),
    sa.Column("party_a", sa.Text),
    sa.Column("party_b", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("first_reported", sa.Date),
    sa.Column("last_reported", sa.Date),
    sa.Column("parent_id", ID),
    sa.Column("stage", sa.Integer),
    sa.Column("mediators", sa.JSON, nullable=False),
    sa.Column("location", sa.Text),
    sa.Column("status_history", sa.JSON, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Column("n_conflicts", sa.Integer, nullable=False),
    sa.Index("ix_exchanges_pair", "pair"),
    sa.Index("ix_exchanges_date", "date"),
    sa.Index("ix_exchanges_parent_id", "parent_id"),
)

claims = sa.Table(
    "claims", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("exchange_id", ID),
    sa.Column("mention_id", ID, sa.ForeignKey("mentions.id"), nullable=False),
    sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("party", sa.Text),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("number", sa.Integer),
    sa.Column("sentence", sa.Text),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("attributed_to", sa.Text),
    sa.Index("ix_claims_exchange_id", "exchange_id"),
    sa.Index("ix_claims_mention_id", "mention_id"),
    sa.Index("ix_claims_document_id", "document_id"),
)

consensus = sa.Table(
    "consensus", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("exchange_id", ID, nullable=False),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("party", sa.Text),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("number", sa.Integer),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("support", sa.Integer, nullable=False),
    sa.Column("sources", sa.Integer, nullable=False),
    sa.Column("conflict", sa.Boolean, nullable=False),
    sa.Column("stated", sa.Text, nullable=False),
    sa.Column("candidates", sa.JSON, nullable=False),
    sa.Index("ix_consensus_exchange_field_party", "exchange_id", "field", "party"),
)

held = sa.Table(
    "held", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    sa.Column("held_by", sa.Text, nullable=False),
    sa.Column("of", sa.Text, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("published", sa.Date),
    sa.Column("anchor", sa.Date),
    sa.Column("sentence", sa.Text),
    sa.Column("attributed_to", sa.Text),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Index("ix_held_document_id", "document_id"),
    sa.Index("ix_held_parties_anchor", "held_by", "of", "anchor"),
)

# The view made by migration 0002 (a lightweight table: not created from here).
exchange_figures = sa.table(
    "exchange_figures",
    sa.column("id", sa.Text), sa.column("pair", sa.Text), sa.column("status", sa.Text),
    sa.column("date", sa.Date), sa.column("party_a", sa.Text),
    sa.column("returned_to_a", sa.Integer), sa.column("party_b", sa.Text),
    sa.column("returned_to_b", sa.Integer), sa.column("total", sa.Integer),
    sa.column("parent_id", sa.Text), sa.column("stage", sa.Integer),
    sa.column("location", sa.Text), sa.column("mediators", sa.JSON),
    sa.column("n_documents", sa.Integer), sa.column("n_mentions", sa.Integer),
    sa.column("n_conflicts", sa.Integer), sa.column("first_reported", sa.Date),
    sa.column("last_reported", sa.Date),
)

TABLES = ("documents", "mentions", "exchanges", "claims", "consensus", "held")
VIEWS = ("exchange_figures", "claim_evidence", "conflicts", "held_over_time")
