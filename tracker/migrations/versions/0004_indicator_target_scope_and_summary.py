"""indicators: target scope and key figure sentences

`target_scope` says whether each party's answer (party) or the county figure (county) is compared with the
target; `summary_*` are the agreement's own key figure sentences for the follow-up (optional).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'target_scope',
            sa.Enum('party', 'county', name='target_scope', native_enum=False, create_constraint=True, length=32),
            nullable=False, server_default='party',
        ))
        batch_op.add_column(sa.Column('summary_sv', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('summary_en', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('summary_not_met_sv', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('summary_not_met_en', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('summary_not_met_en')
        batch_op.drop_column('summary_not_met_sv')
        batch_op.drop_column('summary_en')
        batch_op.drop_column('summary_sv')
        batch_op.drop_column('target_scope')
