"""plans: next review date on goals, the family plan (family dream, next appointment) and members' wishes

Revision ID: b2c0516a0002
Revises: b1c0516a0001
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b2c0516a0002'
down_revision = 'b1c0516a0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_review_on', sa.Date(), nullable=True))

    op.create_table('family_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('family_dream', sa.Text(), nullable=True),
    sa.Column('next_meeting_on', sa.Date(), nullable=True),
    sa.Column('next_meeting_note', sa.String(length=200), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_family_plans_household_id_households')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_family_plans_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_plans')),
    sa.UniqueConstraint('household_id', name=op.f('uq_family_plans_household_id'))
    )
    op.create_table('member_wishes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_member_wishes_household_id_households')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_wishes_member_id_members')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_member_wishes_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_wishes')),
    sa.UniqueConstraint('member_id', name=op.f('uq_member_wishes_member_id'))
    )
    with op.batch_alter_table('member_wishes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_wishes_household_id'), ['household_id'], unique=False)


def downgrade():
    with op.batch_alter_table('member_wishes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_wishes_household_id'))
    op.drop_table('member_wishes')
    op.drop_table('family_plans')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_column('next_review_on')
