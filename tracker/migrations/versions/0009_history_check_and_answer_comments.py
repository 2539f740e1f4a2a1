"""indicators: the check against the party's earlier years; answer_comments

indicators.history_max_points / history_max_factor / history_min_base override the kind's default of how far an
answer may move from the party's previous report before it must be confirmed (tracker.domain.plausibility);
indicators.is_history_checked turns the check off. answer_comments: the party's comment on one answer or derived
figure, the confirmation of a value far outside its earlier years.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('history_max_points', sa.Numeric(precision=18, scale=4), nullable=True))
        batch_op.add_column(sa.Column('history_max_factor', sa.Numeric(precision=18, scale=4), nullable=True))
        batch_op.add_column(sa.Column('history_min_base', sa.Numeric(precision=18, scale=4), nullable=True))
        batch_op.add_column(sa.Column('is_history_checked', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_table(
        'answer_comments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('submission_id', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('updated_dt', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'],
                                name=op.f('fk_answer_comments_indicator_id_indicators'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                                name=op.f('fk_answer_comments_submission_id_submissions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'],
                                name=op.f('fk_answer_comments_updated_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_comments')),
        sa.UniqueConstraint('submission_id', 'indicator_id', name=op.f('uq_answer_comments_submission_id_indicator_id')),
    )
    with op.batch_alter_table('answer_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_comments_submission_id'), ['submission_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('answer_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_comments_submission_id'))
    op.drop_table('answer_comments')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('is_history_checked')
        batch_op.drop_column('history_min_base')
        batch_op.drop_column('history_max_factor')
        batch_op.drop_column('history_max_points')
