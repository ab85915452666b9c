"""users: the TOTP secret being set up waits on the server, not in the session cookie

Revision ID: a1c0d0e0f0010
Revises: e2a0c0d0e010
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1c0d0e0f0010'
down_revision = 'e2a0c0d0e010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_pending_secret', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('totp_pending_secret')
