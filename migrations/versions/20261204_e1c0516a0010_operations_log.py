"""operations: when backup and retention last finished, for `flask check`

Revision ID: e1c0516a0010
Revises: d1c0516a0010
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa


revision = 'e1c0516a0010'
down_revision = 'd1c0516a0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'operations_log',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=False),
        sa.Column('detail', sa.String(length=300), nullable=True),
        sa.CheckConstraint("kind IN ('backup', 'retention')", name=op.f('ck_operations_log_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_operations_log')),
    )
    with op.batch_alter_table('operations_log', schema=None) as batch_op:
        batch_op.create_index('ix_operations_log_kind_finished_at', ['kind', 'finished_at'], unique=False)


def downgrade():
    with op.batch_alter_table('operations_log', schema=None) as batch_op:
        batch_op.drop_index('ix_operations_log_kind_finished_at')
    op.drop_table('operations_log')
