"""agreements: the product's and the forum's names and the organisation that presents the deck, as data of the
agreement (shown in the header, the mails and on the deck's title slide) instead of words in the templates

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 20:20:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (('product_name_sv', 128), ('product_name_en', 128), ('forum_name_sv', 128), ('forum_name_en', 128),
           ('organisation', 255))


def upgrade() -> None:
    with op.batch_alter_table('agreements') as batch:
        for name, length in COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('agreements') as batch:
        for name, _length in reversed(COLUMNS):
            batch.drop_column(name)
