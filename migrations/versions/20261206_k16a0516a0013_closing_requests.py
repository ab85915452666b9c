"""the way of working: closing signed off by the team lead, where the municipality switches it on

- closing_requests: a coach's request to close (reason, date, note, who the family can turn to, the aftercare) and
  the team lead's answer (approved, or sent back with why).

Revision ID: k16a0516a0013
Revises: j16a0516a0012
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


revision = 'k16a0516a0013'
down_revision = 'j16a0516a0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'closing_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('close_reason', sa.String(length=20), nullable=False),
        sa.Column('closes_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('turn_to', sa.Text(), nullable=True),
        sa.Column('aftercare', sa.Text(), nullable=True),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_on', sa.Date(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('approved', sa.Boolean(), nullable=True),
        sa.Column('returned_note', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("close_reason IN ('goals_reached', 'family_stopped', 'consent_refused', 'moved_away', "
                           "'specialised_care', 'other')", name=op.f('ck_closing_requests_close_reason')),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                name=op.f('fk_closing_requests_household_id_households')),
        sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'],
                                name=op.f('fk_closing_requests_requested_by_id_users')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_closing_requests_decided_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_closing_requests')),
    )
    with op.batch_alter_table('closing_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_closing_requests_household_id'), ['household_id'], unique=False)


def downgrade():
    with op.batch_alter_table('closing_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_closing_requests_household_id'))
    op.drop_table('closing_requests')
