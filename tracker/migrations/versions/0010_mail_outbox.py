"""sent_mails becomes the outbox: mails are queued in the transaction and sent after the commit

carries_link, link_next, link_valid_for: the sign-in link is minted when the mail is sent, never stored;
attempts, next_attempt_dt, claimed_until_dt, delivered_dt: retries with backoff, one sender per mail. The
mails recorded before are marked delivered when they were sent.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:40:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('sent_mails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('carries_link', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('link_next', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('link_valid_for', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('next_attempt_dt', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_until_dt', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('delivered_dt', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_sent_mails_next_attempt_dt'), ['next_attempt_dt'], unique=False)
    sent_mails = sa.table('sent_mails', sa.column('is_sent', sa.Boolean()), sa.column('sent_dt', sa.DateTime()),
                          sa.column('delivered_dt', sa.DateTime()), sa.column('attempts', sa.Integer()))
    op.execute(sent_mails.update().where(sent_mails.c.is_sent == sa.true())
               .values(delivered_dt=sent_mails.c.sent_dt, attempts=1))
    op.execute(sent_mails.update().where(sent_mails.c.is_sent == sa.false()).values(attempts=5))  # gave up


def downgrade() -> None:
    with op.batch_alter_table('sent_mails', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sent_mails_next_attempt_dt'))
        for name in ('delivered_dt', 'claimed_until_dt', 'next_attempt_dt', 'attempts', 'link_valid_for',
                     'link_next', 'carries_link'):
            batch_op.drop_column(name)
