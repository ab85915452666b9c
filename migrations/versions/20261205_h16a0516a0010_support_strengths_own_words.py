"""the way of working: a support period from the first contact that can be extended, strengths, a child's own words

- households.reopened_on: a reopened household starts a new support period there (the period otherwise starts at
  the first contact, `opened_on`); filled from the stage history for households reopened before.
- support_extensions: support past the usual period, asked with a reason and agreed by the team lead.
- strengths: strengths and protective factors of a member or of the family.
- goals.own_words_skipped: why a child's goal holds no words of the child's own.
- stage_transitions.turn_to and .aftercare: on closing, who the family can turn to and the aftercare agreed.

Revision ID: h16a0516a0010
Revises: b1c0d0e0f0010
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa


revision = 'h16a0516a0010'
down_revision = 'b1c0d0e0f0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reopened_on', sa.Date(), nullable=True))
    op.execute("UPDATE households SET reopened_on = (SELECT MAX(moved_on) FROM stage_transitions "
               "WHERE stage_transitions.household_id = households.id AND stage_transitions.from_stage = 'closed')")

    op.create_table(
        'support_extensions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('period_started_on', sa.Date(), nullable=False),
        sa.Column('until_on', sa.Date(), nullable=False),
        sa.Column('explanation', sa.Text(), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=False),
        sa.Column('requested_on', sa.Date(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('agreed', sa.Boolean(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'],
                                name=op.f('fk_support_extensions_household_id_households')),
        sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'],
                                name=op.f('fk_support_extensions_requested_by_id_users')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_support_extensions_decided_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_support_extensions')),
    )
    with op.batch_alter_table('support_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_extensions_household_id'), ['household_id'], unique=False)

    op.create_table(
        'strengths',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('strength', 'protective_factor')", name=op.f('ck_strengths_kind')),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_strengths_household_id_households')),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_strengths_member_id_members')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_strengths_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_strengths')),
    )
    with op.batch_alter_table('strengths', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_strengths_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_strengths_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('own_words_skipped', sa.String(length=20), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f('ck_goals_own_words_skipped'),
            "own_words_skipped IS NULL OR own_words_skipped IN "
            "('protect_child', 'too_young', 'child_declined', 'not_able')")

    with op.batch_alter_table('stage_transitions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('turn_to', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('aftercare', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('stage_transitions', schema=None) as batch_op:
        batch_op.drop_column('aftercare')
        batch_op.drop_column('turn_to')
    with op.batch_alter_table('goals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_goals_own_words_skipped'), type_='check')
        batch_op.drop_column('own_words_skipped')
    with op.batch_alter_table('strengths', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_strengths_member_id'))
        batch_op.drop_index(batch_op.f('ix_strengths_household_id'))
    op.drop_table('strengths')
    with op.batch_alter_table('support_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_extensions_household_id'))
    op.drop_table('support_extensions')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_column('reopened_on')
