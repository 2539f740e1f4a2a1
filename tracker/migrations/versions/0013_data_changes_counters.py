"""data_changes: a counter per year of what the follow-up reads, raised by every change in its transaction; the
follow-up's fingerprint is one read of it instead of counting every answer (tracker.domain.changes)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 20:15:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'data_changes',
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('counter', sa.BigInteger(), nullable=False),
        sa.Column('changed_dt', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('year', name=op.f('pk_data_changes')),
    )


def downgrade() -> None:
    op.drop_table('data_changes')
