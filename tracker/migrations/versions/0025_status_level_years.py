"""status levels: the years a step is on the status scale, so that a revised agreement may change its scale
while the closed years keep the scale they were answered with

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 22:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0025'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('status_levels') as batch:
        batch.add_column(sa.Column('valid_from_year', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('valid_to_year', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('status_levels') as batch:
        batch.drop_column('valid_to_year')
        batch.drop_column('valid_from_year')
