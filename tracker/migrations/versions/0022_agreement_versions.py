"""agreement versions: an agreement's versions (2018, 2027, …) each in force for a range of years, so that a revision
adds a version instead of overwriting the one field `agreements.version`; commitments get the years they are part of
the agreement, and commitments and questions the earlier one they continue (the trend follows a question across
versions)

Every agreement gets one version, its `version` label in force over its whole life (`in_force_from_year` to
`in_force_to_year`). Down again, the versions go and `agreements.version` keeps the newest label.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 21:10:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'agreement_versions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=32), nullable=False),
        sa.Column('from_year', sa.Integer(), nullable=False),
        sa.Column('to_year', sa.Integer(), nullable=True),
        sa.Column('note_sv', sa.Text(), nullable=True),
        sa.Column('note_en', sa.Text(), nullable=True),
        sa.Column('updated_dt', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint('to_year IS NULL OR to_year >= from_year',
                           name=op.f('ck_agreement_versions_version_years_order')),
        sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], ondelete='CASCADE',
                                name=op.f('fk_agreement_versions_agreement_id_agreements')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_versions')),
        sa.UniqueConstraint('agreement_id', 'label', name=op.f('uq_agreement_versions_agreement_id_label')),
        sa.UniqueConstraint('agreement_id', 'from_year', name=op.f('uq_agreement_versions_agreement_id_from_year')),
    )
    op.create_index(op.f('ix_agreement_versions_agreement_id'), 'agreement_versions', ['agreement_id'])
    with op.batch_alter_table('commitments') as batch:
        batch.add_column(sa.Column('valid_from_year', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('valid_to_year', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('continues', sa.String(length=16), nullable=True))
        batch.create_check_constraint(
            op.f('ck_commitments_commitment_validity_order'),
            'valid_from_year IS NULL OR valid_to_year IS NULL OR valid_from_year <= valid_to_year')
    with op.batch_alter_table('indicators') as batch:
        batch.add_column(sa.Column('continues', sa.String(length=64), nullable=True))
    agreements = sa.table('agreements', sa.column('id', sa.Integer()), sa.column('version', sa.String()),
                          sa.column('in_force_from_year', sa.Integer()), sa.column('in_force_to_year', sa.Integer()))
    versions = sa.table('agreement_versions', sa.column('agreement_id', sa.Integer()), sa.column('label', sa.String()),
                        sa.column('from_year', sa.Integer()), sa.column('to_year', sa.Integer()))
    connection = op.get_bind()
    rows = connection.execute(sa.select(agreements)).mappings().all()
    if rows:
        connection.execute(versions.insert(), [
            {'agreement_id': row['id'], 'label': row['version'], 'from_year': row['in_force_from_year'],
             'to_year': row['in_force_to_year']} for row in rows])


def downgrade() -> None:
    with op.batch_alter_table('indicators') as batch:
        batch.drop_column('continues')
    with op.batch_alter_table('commitments') as batch:
        batch.drop_constraint(op.f('ck_commitments_commitment_validity_order'), type_='check')
        batch.drop_column('continues')
        batch.drop_column('valid_to_year')
        batch.drop_column('valid_from_year')
    op.drop_index(op.f('ix_agreement_versions_agreement_id'), table_name='agreement_versions')
    op.drop_table('agreement_versions')
