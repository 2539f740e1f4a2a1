"""sign_in_tokens: a sign-in link's token is random and kept only as its hash, with its user, where it leads and
until when (it was a signed, readable payload)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 20:50:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sign_in_tokens',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('stamp', sa.String(length=64), nullable=False),
        sa.Column('next_path', sa.String(length=2000), nullable=True),
        sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_dt', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_sign_in_tokens_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_tokens')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_tokens_token_hash')),
    )
    op.create_index(op.f('ix_sign_in_tokens_user_id'), 'sign_in_tokens', ['user_id'], unique=False)
    op.create_index(op.f('ix_sign_in_tokens_expires_dt'), 'sign_in_tokens', ['expires_dt'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sign_in_tokens_expires_dt'), table_name='sign_in_tokens')
    op.drop_index(op.f('ix_sign_in_tokens_user_id'), table_name='sign_in_tokens')
    op.drop_table('sign_in_tokens')
