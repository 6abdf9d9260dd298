"""Views for browsing the ledger in Datasette: figures, evidence, conflicts, held.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-01
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Plain SQL that SQLite and PostgreSQL both accept.
VIEWS = {
    "exchange_figures": """
        SELECT e.id, e.pair, e.status, e.date,
               e.party_a,
               (SELECT c.number FROM consensus c WHERE c.exchange_id = e.id
                  AND c.field = 'returned' AND c.party = e.party_a) AS returned_to_a,
               e.party_b,
               (SELECT c.number FROM consensus c WHERE c.exchange_id = e.id
                  AND c.field = 'returned' AND c.party = e.party_b) AS returned_to_b,
               (SELECT c.number FROM consensus c WHERE c.exchange_id = e.id
                  AND c.field = 'total') AS total,
               e.parent_id, e.stage, e.location, e.mediators,
               e.n_documents, e.n_mentions, e.n_conflicts,
               e.first_reported, e.last_reported
        FROM exchanges e
    """,
    "claim_evidence": """
        SELECT c.exchange_id, c.field, c.party, c.value, c.attributed_to, c.sentence,
               d.published, d.outlet, d.url, d.title,
               COALESCE(d.input_id, d.id) AS document, c.document_id, c.id AS claim_id
        FROM claims c JOIN documents d ON d.id = c.document_id
        WHERE c.exchange_id IS NOT NULL
    """,
    "conflicts": """
        SELECT k.exchange_id, e.pair, e.date, e.status, k.field, k.party,
               k.value AS consensus, k.rule, k.stated, k.support, k.sources
        FROM consensus k JOIN exchanges e ON e.id = k.exchange_id
        WHERE k.conflict
    """,
    "held_over_time": """
        SELECT h.held_by, h."of", h.anchor AS date, h.count, h.qualifier,
               h.attributed_to, h.sentence, d.outlet, d.url,
               COALESCE(d.input_id, d.id) AS document, h.document_id
        FROM held h JOIN documents d ON d.id = h.document_id
        WHERE h.active
    """,
}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql.strip()}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW {name}")
