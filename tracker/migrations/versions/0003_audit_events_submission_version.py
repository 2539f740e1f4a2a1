"""audit events: submission version

The version of the submission an audited change produced, so that a form opened at version N can list
what others changed since (`submission_version > N`). Older events keep NULL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:06:35.150453
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_version', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('submission_version')
