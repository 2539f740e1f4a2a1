"""indicators: consistency with other answers

indicators.at_most_key (the whole's key, with its message in Swedish and English): the answer is a part of another
answer and cannot be larger (gas cars ≤ cars); indicators.not_after_round_year: a year cannot be after the
year reported on. Both checked by tracker.domain.values.inconsistencies.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('at_most_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('at_most_message_sv', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('at_most_message_en', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('not_after_round_year', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('not_after_round_year')
        batch_op.drop_column('at_most_message_en')
        batch_op.drop_column('at_most_message_sv')
        batch_op.drop_column('at_most_key')
