"""referrals: the panic budget, with yearly limits per team or coach

Revision ID: b7c0516a0007
Revises: b6c0516a0006
Create Date: 2026-11-25

"""
from alembic import op
import sqlalchemy as sa


revision = 'b7c0516a0007'
down_revision = 'b6c0516a0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'panic_budgets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('coach_id', sa.Integer(), nullable=True),
        sa.Column('limit_cents', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('limit_cents >= 0', name=op.f('ck_panic_budgets_limit_cents')),
        sa.ForeignKeyConstraint(['coach_id'], ['users.id'], name=op.f('fk_panic_budgets_coach_id_users')),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_panic_budgets_team_id_teams')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panic_budgets')),
        sa.UniqueConstraint('year', 'team_id', 'coach_id', name='uq_panic_budgets_year_team_coach'),
    )
    op.create_table(
        'panic_spendings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('coach_id', sa.Integer(), nullable=False),
        sa.Column('spent_on', sa.Date(), nullable=False),
        sa.Column('amount_cents', sa.Integer(), nullable=False),
        sa.Column('purpose', sa.String(length=300), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('amount_cents > 0', name=op.f('ck_panic_spendings_amount_cents')),
        sa.ForeignKeyConstraint(['coach_id'], ['users.id'], name=op.f('fk_panic_spendings_coach_id_users')),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                name=op.f('fk_panic_spendings_household_id_households')),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_panic_spendings_team_id_teams')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_panic_spendings')),
    )
    with op.batch_alter_table('panic_spendings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panic_spendings_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_panic_spendings_team_date', ['team_id', 'spent_on'], unique=False)


def downgrade():
    with op.batch_alter_table('panic_spendings', schema=None) as batch_op:
        batch_op.drop_index('ix_panic_spendings_team_date')
        batch_op.drop_index(batch_op.f('ix_panic_spendings_household_id'))
    op.drop_table('panic_spendings')
    op.drop_table('panic_budgets')
