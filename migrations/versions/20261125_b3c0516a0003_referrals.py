"""referrals: schema changes of the referrals area

Participation checks, renewal of yearly grants, and funds edited by an administrator.

Revision ID: b3c0516a0003
Revises: b2c0516a0002
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b3c0516a0003'
down_revision = 'b2c0516a0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('funds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('participation_checked_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('renewal_due_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('renewal_of_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_referrals_renewal_of_id_referrals'), 'referrals',
                                    ['renewal_of_id'], ['id'])
        batch_op.create_index(batch_op.f('ix_referrals_renewal_of_id'), ['renewal_of_id'], unique=False)


def downgrade():
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_renewal_of_id'))
        batch_op.drop_constraint(batch_op.f('fk_referrals_renewal_of_id_referrals'), type_='foreignkey')
        batch_op.drop_column('renewal_of_id')
        batch_op.drop_column('renewal_due_on')
        batch_op.drop_column('participation_checked_on')
    with op.batch_alter_table('funds', schema=None) as batch_op:
        batch_op.drop_column('edited_at')
