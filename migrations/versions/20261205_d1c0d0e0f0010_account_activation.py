"""accounts: one-time activation codes instead of passwords set by an administrator, and the log of account changes

New accounts and password resets made on the administration pages get an activation code (its SHA-256 and until
when it works, on users); the owner chooses the password. account_changes holds who created, activated, reset,
moved or disabled which account, for the security log and the team lead's start page. Existing accounts keep
their passwords; earlier changes are in the audit trail only.

Revision ID: d1c0d0e0f0010
Revises: n1e7w0r4k010
Create Date: 2026-12-05

"""
from alembic import op
import sqlalchemy as sa


revision = 'd1c0d0e0f0010'
down_revision = 'n1e7w0r4k010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activation_code_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('activation_expires_at', sa.DateTime(), nullable=True))
    op.create_table(
        'account_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('change', sa.String(length=20), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('old_role', sa.String(length=20), nullable=True),
        sa.Column('old_team_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("change IN ('created', 'code', 'activated', 'role', 'disabled', 'enabled')",
                           name=op.f('ck_account_changes_change')),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_account_changes_actor_id_users')),
        sa.ForeignKeyConstraint(['old_team_id'], ['teams.id'], name=op.f('fk_account_changes_old_team_id_teams')),
        sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_account_changes_team_id_teams')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_changes_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_account_changes')),
    )
    with op.batch_alter_table('account_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_changes_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_changes_old_team_id'), ['old_team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_changes_team_id'), ['team_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_changes_user_id'), ['user_id'], unique=False)


def downgrade():
    op.drop_table('account_changes')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('activation_expires_at')
        batch_op.drop_column('activation_code_hash')
