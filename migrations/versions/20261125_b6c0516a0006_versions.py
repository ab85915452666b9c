"""optimistic locking: a version number on households, goals, signals and referrals

Revision ID: b6c0516a0006
Revises: b5c0516a0005
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b6c0516a0006'
down_revision = 'b5c0516a0005'
branch_labels = None
depends_on = None

TABLES = ('households', 'goals', 'signals', 'referrals')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
