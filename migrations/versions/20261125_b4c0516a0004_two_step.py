"""auth: optional two-step verification (TOTP) per account

Revision ID: b4c0516a0004
Revises: b3c0516a0003
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b4c0516a0004'
down_revision = 'b3c0516a0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_secret', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
        batch_op.drop_column('totp_secret')
