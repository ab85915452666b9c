"""the way of working: an action point carried by someone from the household's network

- actions.partner_id: the partner (network_partners) who carries the action point; `who` keeps their name.

Revision ID: i16a0516a0011
Revises: h16a0516a0010
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


revision = 'i16a0516a0011'
down_revision = 'h16a0516a0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_actions_partner_id'), ['partner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_actions_partner_id_network_partners'), 'network_partners',
                                    ['partner_id'], ['id'])


def downgrade():
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_actions_partner_id_network_partners'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_actions_partner_id'))
        batch_op.drop_column('partner_id')
