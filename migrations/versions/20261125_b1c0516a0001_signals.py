"""signals: schema changes of the signals area

Revision ID: b1c0516a0001
Revises: f2717074b926
Create Date: 2026-11-25

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'b1c0516a0001'
down_revision = 'f2717074b926'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
