"""referrals: schema changes of the referrals area

Revision ID: b3c0516a0003
Revises: b2c0516a0002
Create Date: 2026-11-25

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'b3c0516a0003'
down_revision = 'b2c0516a0002'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
