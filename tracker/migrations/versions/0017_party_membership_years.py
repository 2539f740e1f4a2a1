"""agreement_parties gets first_year and last_year: a party's membership in an agreement over time (joining and
leaving); every existing membership starts in the year the agreement came into force, so nothing changes for the
parties there are

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_year', sa.Integer(), nullable=True))
    op.execute(
        'UPDATE agreement_parties SET first_year = (SELECT agreements.in_force_from_year FROM agreements '
        'WHERE agreements.id = agreement_parties.agreement_id)'
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.alter_column('first_year', existing_type=sa.Integer(), nullable=False)
        batch_op.create_check_constraint(op.f('ck_agreement_parties_membership_order'),
                                         'last_year IS NULL OR last_year >= first_year')


def downgrade() -> None:
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_agreement_parties_membership_order'), type_='check')
        batch_op.drop_column('last_year')
        batch_op.drop_column('first_year')
