"""mail in the reader's language: users' language and submission notice, parties' registry address, the new
kinds of mail, and the stored templates' %(name)s placeholders rewritten as named tokens ({part}, {party})

The templates are migrated here rather than read in both forms, so that one syntax is stored, checked and
shown. Down again, the tokens become %(name)s placeholders.

Revision ID: 0015
Revises: 0014
Create Date: 2027-01-05 10:00:00.000000
"""
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = ('invitation', 'reminder', 'returned')
NEW_KINDS = (*OLD_KINDS, 'registry_invitation', 'receipt', 'submitted_note', 'digest')
# The placeholders of 0005 and the tokens' names, as tracker.domain.mail_text has them (copied: a migration
# must not change when the code does).
NAMES = {
    'contact_name': ('namn', 'name'), 'party': ('part', 'party'), 'year': ('år', 'year'),
    'deadline': ('sista dag', 'deadline'), 'days_left': ('dagar kvar', 'days left'),
    'sign_in_link': ('länk', 'link'), 'comment': ('kommentar', 'comment'),
}
_OLD = re.compile(r'%\((\w+)\)s|%%|[{}]')
_NEW = re.compile(r'\{\{|\}\}|\{([^{}\n]*)\}|%')


def _kind(name: str, kinds: tuple[str, ...]) -> sa.Enum:
    return sa.Enum(*kinds, name=name, native_enum=False, create_constraint=True, length=32)


def to_tokens(text: str, language: str) -> str:
    index = 0 if language == 'sv' else 1

    def one(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group(1) is not None:
            names = NAMES.get(match.group(1))
            return '{' + names[index] + '}' if names else found
        return {'%%': '%', '{': '{{', '}': '}}'}[found]

    return _OLD.sub(one, text)


def to_placeholders(text: str, language: str) -> str:
    index = 0 if language == 'sv' else 1
    keys = {names[index]: key for key, names in NAMES.items()}

    def one(match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group(1) is not None:
            key = keys.get(' '.join(match.group(1).split()).casefold())
            return f'%({key})s' if key else ''
        return {'{{': '{', '}}': '}', '%': '%%'}[found]

    return _NEW.sub(one, text)


def _rewrite(convert: object) -> None:
    templates = sa.table('mail_templates', sa.column('id', sa.Integer()),
                         *(sa.column(name, sa.Text()) for name in ('subject_sv', 'body_sv', 'subject_en', 'body_en')))
    connection = op.get_bind()
    for row in connection.execute(sa.select(templates)).mappings().all():
        values = {name: convert(row[name], name[-2:]) for name in  # type: ignore[operator]
                  ('subject_sv', 'body_sv', 'subject_en', 'body_en')}
        connection.execute(templates.update().where(templates.c.id == row['id']).values(**values))


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.Enum('sv', 'en', name='user_language', native_enum=False,
                                                          create_constraint=True, length=32),
                                      server_default='sv', nullable=False))
        batch_op.add_column(sa.Column('submission_notice', sa.Enum('each', 'digest', 'none',
                                                                   name='submission_notice', native_enum=False,
                                                                   create_constraint=True, length=32),
                                      server_default='each', nullable=False))
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registry_email', sa.String(length=255), nullable=True))
    with op.batch_alter_table('mail_templates', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=_kind('mail_kind', OLD_KINDS),
                              type_=_kind('mail_kind', NEW_KINDS), existing_nullable=False)
    with op.batch_alter_table('sent_mails', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=_kind('sent_mail_kind', OLD_KINDS),
                              type_=_kind('sent_mail_kind', NEW_KINDS), existing_nullable=False)
    _rewrite(to_tokens)


def downgrade() -> None:
    _rewrite(to_placeholders)
    sent_mails = sa.table('sent_mails', sa.column('kind', sa.String()))
    op.execute(sent_mails.delete().where(sent_mails.c.kind.notin_(OLD_KINDS)))
    templates = sa.table('mail_templates', sa.column('kind', sa.String()))
    op.execute(templates.delete().where(templates.c.kind.notin_(OLD_KINDS)))
    with op.batch_alter_table('sent_mails', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=_kind('sent_mail_kind', NEW_KINDS),
                              type_=_kind('sent_mail_kind', OLD_KINDS), existing_nullable=False)
    with op.batch_alter_table('mail_templates', schema=None) as batch_op:
        batch_op.alter_column('kind', existing_type=_kind('mail_kind', NEW_KINDS),
                              type_=_kind('mail_kind', OLD_KINDS), existing_nullable=False)
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_column('registry_email')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_submission_notice'), type_='check')
        batch_op.drop_constraint(op.f('ck_users_user_language'), type_='check')
        batch_op.drop_column('submission_notice')
        batch_op.drop_column('language')
