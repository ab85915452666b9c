"""history: old and new values of the fields of goals and referrals, per change

Revision ID: b9c0516a0009
Revises: b8c0516a0008
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b9c0516a0009'
down_revision = 'b8c0516a0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'field_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('record_type', sa.String(length=20), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=40), nullable=False),
        sa.Column('old_value', sa.Text(), nullable=True),
        sa.Column('new_value', sa.Text(), nullable=True),
        sa.Column('by_id', sa.Integer(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("record_type IN ('goal', 'referral')", name=op.f('ck_field_changes_record_type')),
        sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_field_changes_by_id_users')),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                name=op.f('fk_field_changes_household_id_households')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_field_changes')),
    )
    with op.batch_alter_table('field_changes', schema=None) as batch_op:
        batch_op.create_index('ix_field_changes_household_record', ['household_id', 'record_type', 'record_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('field_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_field_changes_household_record')
    op.drop_table('field_changes')
