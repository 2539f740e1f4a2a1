"""consultations: the forum's proposal about the agreement's future sent back to every party, and each party's
decision on it (revise, wind down, continue) with the deciding body, the day, the diarienummer, a comment and the
decision as an attached file

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 21:20:47.341595
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('consultations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('title_sv', sa.String(length=255), nullable=False),
    sa.Column('title_en', sa.String(length=255), nullable=True),
    sa.Column('proposal_sv', sa.Text(), nullable=True),
    sa.Column('proposal_en', sa.Text(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('deadline_on', sa.Date(), nullable=True),
    sa.Column('is_closed', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('is_example', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('created_dt', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_dt', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_consultations_agreement_id_agreements'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultations'))
    )
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultations_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('consultation_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('decision', sa.Enum('revise', 'wind_down', 'continue', name='consultation_decision', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('decided_by', sa.String(length=255), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('attachment_name', sa.String(length=255), nullable=True),
    sa.Column('attachment_type', sa.String(length=100), nullable=True),
    sa.Column('attachment_size', sa.Integer(), nullable=True),
    sa.Column('attachment_data', sa.LargeBinary(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultations.id'], name=op.f('fk_consultation_answers_consultation_id_consultations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], name=op.f('fk_consultation_answers_party_id_parties'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_consultation_answers_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation_answers')),
    sa.UniqueConstraint('consultation_id', 'party_id', name=op.f('uq_consultation_answers_consultation_id_party_id'))
    )
    with op.batch_alter_table('consultation_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_answers_consultation_id'), ['consultation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('consultation_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_answers_consultation_id'))

    op.drop_table('consultation_answers')
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultations_agreement_id'))

    op.drop_table('consultations')
