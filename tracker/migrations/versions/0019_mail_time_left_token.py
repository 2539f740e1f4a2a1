"""mail templates: "om {dagar kvar} dagar" / "in {days left} days" become the token {tid kvar} / {time left},
which says "i morgon", "i dag" and "den dagen har passerat" where the number would read "om 1 dagar", "om 0 dagar"

Only the default texts' exact words are rewritten; a text the project leaders wrote otherwise keeps its
{dagar kvar}, which still gives the number. Down again, the token becomes the words with the number.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 13:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WORDS = {'sv': ('om {dagar kvar} dagar', '{tid kvar}'), 'en': ('in {days left} days', '{time left}')}
COLUMNS = ('subject_sv', 'body_sv', 'subject_en', 'body_en')


def _rewrite(up: bool) -> None:
    templates = sa.table('mail_templates', sa.column('id', sa.Integer()),
                         *(sa.column(name, sa.Text()) for name in COLUMNS))
    connection = op.get_bind()
    for row in connection.execute(sa.select(templates)).mappings().all():
        values = {}
        for name in COLUMNS:
            old, new = WORDS[name[-2:]]
            text = row[name] or ''
            values[name] = text.replace(old, new) if up else text.replace(new, old)
        if any(values[name] != (row[name] or '') for name in COLUMNS):
            connection.execute(templates.update().where(templates.c.id == row['id']).values(**values))


def upgrade() -> None:
    _rewrite(up=True)


def downgrade() -> None:
    _rewrite(up=False)
