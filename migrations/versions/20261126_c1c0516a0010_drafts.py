"""drafts: a form saved after the session ended, kept for its user for an hour

Revision ID: c1c0516a0010
Revises: b14c0516a0011
Create Date: 2026-11-26

"""
from alembic import op
import sqlalchemy as sa


revision = 'c1c0516a0010'
down_revision = 'b14c0516a0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('endpoint', sa.String(length=120), nullable=False),
        sa.Column('path', sa.String(length=500), nullable=False),
        sa.Column('fields', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_user_id'))
    op.drop_table('drafts')
