"""agreements, commitments, status levels, indicators, options and parties get updated_dt: the follow-up's
fingerprint sees a renamed party or a new label or target at once

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 17:15:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('agreements', 'commitments', 'status_levels', 'indicators', 'indicator_options', 'parties')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('updated_dt', sa.DateTime(timezone=True), server_default=sa.func.now(),
                                          nullable=False))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('updated_dt')
