"""users: the one agreement a project leader or forum member works with (NULL: every agreement), so that two
counties' leaders in one database each see their own agreement's pages and not the other's

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 22:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('agreement_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f('fk_users_agreement_id_agreements'), 'agreements', ['agreement_id'], ['id'],
                                 ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('users') as batch:
        batch.drop_constraint(op.f('fk_users_agreement_id_agreements'), type_='foreignkey')
        batch.drop_column('agreement_id')
