"""reporting rounds: the project leaders' texts for the forum; indicators: a deck slide by party

reporting_rounds gets the conclusions with the verdict and its motivation and the way forward with a proposal
(Swedish and English); round_presenters (who presents the follow-up, for the title slide) and
round_reflections (the industry's reflections) are new; indicators.overview_title_sv/en give a question a deck
slide naming every party with its answer.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 16:20:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROUND_TEXTS = ('conclusions_sv', 'conclusions_en', 'verdict_reason_sv', 'verdict_reason_en', 'way_forward_sv',
               'way_forward_en', 'proposal_sv', 'proposal_en')


def upgrade() -> None:
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        for name in ROUND_TEXTS:
            batch_op.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('verdict', sa.Enum('yes', 'partly', 'no', name='verdict', native_enum=False,
                                                         create_constraint=True, length=32), nullable=True))
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('overview_title_sv', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('overview_title_en', sa.Text(), nullable=True))
    op.create_table(
        'round_presenters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('title_sv', sa.String(length=200), nullable=True),
        sa.Column('title_en', sa.String(length=200), nullable=True),
        sa.Column('organisation', sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(['round_id'], ['reporting_rounds.id'],
                                name=op.f('fk_round_presenters_round_id_reporting_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_round_presenters')),
    )
    op.create_index(op.f('ix_round_presenters_round_id'), 'round_presenters', ['round_id'], unique=False)
    op.create_table(
        'round_reflections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('headline_sv', sa.String(length=300), nullable=False),
        sa.Column('headline_en', sa.String(length=300), nullable=True),
        sa.Column('is_quote', sa.Boolean(), nullable=False),
        sa.Column('points_sv', sa.Text(), nullable=True),
        sa.Column('points_en', sa.Text(), nullable=True),
        sa.Column('organisation', sa.String(length=200), nullable=True),
        sa.Column('role_sv', sa.String(length=200), nullable=True),
        sa.Column('role_en', sa.String(length=200), nullable=True),
        sa.Column('may_be_named', sa.Boolean(), nullable=False),
        sa.Column('proposal_sv', sa.Text(), nullable=True),
        sa.Column('proposal_en', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['round_id'], ['reporting_rounds.id'],
                                name=op.f('fk_round_reflections_round_id_reporting_rounds'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_round_reflections')),
    )
    op.create_index(op.f('ix_round_reflections_round_id'), 'round_reflections', ['round_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_round_reflections_round_id'), table_name='round_reflections')
    op.drop_table('round_reflections')
    op.drop_index(op.f('ix_round_presenters_round_id'), table_name='round_presenters')
    op.drop_table('round_presenters')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_column('overview_title_en')
        batch_op.drop_column('overview_title_sv')
    with op.batch_alter_table('reporting_rounds', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_reporting_rounds_verdict'), type_='check')
        batch_op.drop_column('verdict')
        for name in reversed(ROUND_TEXTS):
            batch_op.drop_column(name)
