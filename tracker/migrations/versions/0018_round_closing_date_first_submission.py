"""reporting_rounds.closes_on: a round can be closed on a date of the leaders' choosing (tracker.operations.
schedule); submissions.first_submitted_dt: when the report was first handed in, which decides whether it was late
(a report sent back and handed in again after the deadline was handed in on time)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 08:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closes_on', sa.Date(), nullable=True))
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_submitted_dt', sa.DateTime(timezone=True), nullable=True))
    # What is known of the reports handed in before: the latest submission (earlier ones are in the audit trail,
    # but a report handed in on time and again after being sent back is counted as it was before this change).
    op.execute("UPDATE submissions SET first_submitted_dt = submitted_dt WHERE submitted_dt IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('first_submitted_dt')
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        batch_op.drop_column('closes_on')
