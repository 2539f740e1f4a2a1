"""mail templates: the agreement's name is the token {överenskommelse} / {agreement} (filled in from the agreement's
data) instead of "biogasöverenskommelsen" / "the biogas agreement" written into the default texts, so that the mails
of a revised agreement or of another county's say the right name

Only the default texts' exact words are rewritten; a text the project leaders wrote otherwise stays as it is.
Down again, the token becomes the biogas agreement's words.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 20:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORDS = {
    'sv': (
        ('Uppföljning av biogasöverenskommelsen {år}: dags att rapportera för {part}',
         '{överenskommelse} {år}: dags att rapportera för {part}'),
        ('Nu är det dags för den årliga uppföljningen av Överenskommelse kring biogas i Jönköpings län för år {år}.',
         'Nu är det dags för den årliga uppföljningen av {överenskommelse} för år {år}.'),
        ('i uppföljningen av biogasöverenskommelsen {år} är inte inlämnad än.',
         'i uppföljningen {år} av {överenskommelse} är inte inlämnad än.'),
        ('Projektledarna för biogasöverenskommelsen har läst',
         'Projektledarna för {överenskommelse} har läst'),
        ('Uppföljning av biogasöverenskommelsen {år}: vem rapporterar för {part}?',
         '{överenskommelse} {år}: vem rapporterar för {part}?'),
    ),
    'en': (
        ('Follow-up of the biogas agreement {year}: time to report for {party}',
         '{agreement} {year}: time to report for {party}'),
        ('It is time for the yearly follow-up of the agreement on biogas in Jönköping County for {year}.',
         'It is time for the yearly follow-up of the {agreement} for {year}.'),
        ('in the follow-up of the biogas agreement {year} has not been submitted yet.',
         'in the follow-up {year} of the {agreement} has not been submitted yet.'),
        ('The project leaders of the biogas agreement have read',
         'The project leaders of the {agreement} have read'),
        ('Follow-up of the biogas agreement {year}: who reports for {party}?',
         '{agreement} {year}: who reports for {party}?'),
    ),
}
COLUMNS = ('subject_sv', 'body_sv', 'subject_en', 'body_en')


def _rewrite(up: bool) -> None:
    templates = sa.table('mail_templates', sa.column('id', sa.Integer()),
                         *(sa.column(name, sa.Text()) for name in COLUMNS))
    connection = op.get_bind()
    for row in connection.execute(sa.select(templates)).mappings().all():
        values = {}
        for name in COLUMNS:
            text = row[name] or ''
            for old, new in WORDS[name[-2:]]:
                text = text.replace(old, new) if up else text.replace(new, old)
            values[name] = text
        if any(values[name] != (row[name] or '') for name in COLUMNS):
            connection.execute(templates.update().where(templates.c.id == row['id']).values(**values))


def upgrade() -> None:
    _rewrite(up=True)


def downgrade() -> None:
    _rewrite(up=False)
