"""optimistic locking: a version number on the family plan and on members' wishes

Revision ID: c2c0516a0011
Revises: c1c0516a0010
Create Date: 2026-11-26

"""
from alembic import op
import sqlalchemy as sa


revision = 'c2c0516a0011'
down_revision = 'c1c0516a0010'
branch_labels = None
depends_on = None

TABLES = ('family_plans', 'member_wishes')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
