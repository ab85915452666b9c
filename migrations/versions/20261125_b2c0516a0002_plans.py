"""plans: schema changes of the plans area

Revision ID: b2c0516a0002
Revises: b1c0516a0001
Create Date: 2026-11-25

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'b2c0516a0002'
down_revision = 'b1c0516a0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
