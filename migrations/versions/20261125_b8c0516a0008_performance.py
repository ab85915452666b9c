"""performance: a covering index on a household's referrals, for the team lead's reach report

Revision ID: b8c0516a0008
Revises: b7c0516a0007
Create Date: 2026-11-25

"""
from alembic import op


revision = 'b8c0516a0008'
down_revision = 'b7c0516a0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index('ix_referrals_household_target', ['household_id', 'fund_id'], unique=False,
                              postgresql_include=['id', 'organisation'])


def downgrade():
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_household_target')
