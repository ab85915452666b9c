"""reports: target group sizes for the reach report

Revision ID: b5c0516a0005
Revises: b4c0516a0004
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b5c0516a0005'
down_revision = 'b4c0516a0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reach_targets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('income_situation', sa.String(length=20), nullable=False),
        sa.Column('neighbourhood', sa.String(length=120), nullable=False),
        sa.Column('children', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('children >= 0', name=op.f('ck_reach_targets_children')),
        sa.CheckConstraint("income_situation IN ('social_assistance', 'working', 'self_employed', 'other_benefit', "
                           "'unknown')", name=op.f('ck_reach_targets_income_situation')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reach_targets')),
        sa.UniqueConstraint('year', 'income_situation', 'neighbourhood', name='uq_reach_targets_group'),
    )


def downgrade():
    op.drop_table('reach_targets')
