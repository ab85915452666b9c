"""privacy: the erasure register (household id and time of erasure, nothing else), filled with the households
anonymised so far

Revision ID: b14c0516a0011
Revises: b13c0516a0010
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa


revision = 'b14c0516a0011'
down_revision = 'b13c0516a0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'erasures',
        sa.Column('household_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('erased_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('household_id', 'erased_at', name=op.f('pk_erasures')),
    )
    op.execute("INSERT INTO erasures (household_id, erased_at) "
               "SELECT id, anonymised_at FROM households WHERE anonymised_at IS NOT NULL")


def downgrade():
    op.drop_table('erasures')
