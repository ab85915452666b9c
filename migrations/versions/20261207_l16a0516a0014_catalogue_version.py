"""catalogues kept per worker process: one token that every change to a kept catalogue renews

- catalogue_version: one row (id 1) whose token changes in the transaction that changes the domain or fund
  catalogue, so every gunicorn worker sees that its copy is stale (gezinsaanpak/kept.py).

Revision ID: l16a0516a0014
Revises: k16a0516a0013
Create Date: 2026-12-07

"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = 'l16a0516a0014'
down_revision = 'k16a0516a0013'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'catalogue_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_version')),
    )
    op.bulk_insert(table, [{'id': 1, 'token': uuid.uuid4().hex}])  # never the same in two databases


def downgrade():
    op.drop_table('catalogue_version')
