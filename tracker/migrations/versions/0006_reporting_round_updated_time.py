"""reporting rounds: last change time

reporting_rounds.updated_dt changes with every change of a round's state, dates or news, so that the
follow-up's data_version (and the forum dashboard's cache) sees an edit that keeps the news' length.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 15:40:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('updated_dt', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE reporting_rounds SET updated_dt = created_dt")
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        batch_op.alter_column('updated_dt', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        batch_op.drop_column('updated_dt')
