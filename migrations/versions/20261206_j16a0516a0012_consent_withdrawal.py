"""the way of working: the family withdraws its consent to registration

- consents.withdrawn_by_id and .withdrawal_note: who recorded the withdrawal (its day is `withdrawn_on`), and why.

Revision ID: j16a0516a0012
Revises: i16a0516a0011
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


revision = 'j16a0516a0012'
down_revision = 'i16a0516a0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_note', sa.Text(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_consents_withdrawn_by_id_users'), 'users', ['withdrawn_by_id'],
                                    ['id'])


def downgrade():
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_consents_withdrawn_by_id_users'), type_='foreignkey')
        batch_op.drop_column('withdrawal_note')
        batch_op.drop_column('withdrawn_by_id')
