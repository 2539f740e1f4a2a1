"""Copy marks on answers and statuses (copied from last year, unchecked or checked), and submissions sent back
after their round closed (is_reopened)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-10 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _mark(name: str) -> sa.Enum:
    return sa.Enum('unchecked', 'checked', name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('copy_mark', _mark('copy_mark'), nullable=True))
    with op.batch_alter_table('commitment_statuses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status_copy_mark', _mark('status_copy_mark'), nullable=True))
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_reopened', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('submissions', schema=None) as batch_op:
        batch_op.drop_column('is_reopened')
    with op.batch_alter_table('commitment_statuses', schema=None) as batch_op:
        batch_op.drop_constraint('status_copy_mark', type_='check')
        batch_op.drop_column('status_copy_mark')
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_constraint('copy_mark', type_='check')
        batch_op.drop_column('copy_mark')
