"""funds: the guide's ages as inclusive maximums, recognised intermediaries, yearly renewal off unless chosen

The guide's "4 tot 18 jaar" excludes 18, but the shipped catalogue stored 18 (and 21 for Kinderhulp) as the
highest age, and Uitgestelde Kinderfeestjes (school groups 2 to 8) from age 4. Shipped funds that still hold those
values are corrected, also where an administrator edited something else on them. Yearly renewal is the
municipality's setting, not a fact of a fund: it is switched off on shipped funds nobody edited.

Revision ID: f1a9e5c0d010
Revises: e1c0516a0010
Create Date: 2026-12-04

"""
from alembic import op
import sqlalchemy as sa


revision = 'f1a9e5c0d010'
down_revision = 'e1c0516a0010'
branch_labels = None
depends_on = None

funds = sa.table('funds', sa.column('code', sa.String), sa.column('min_age', sa.Integer),
                 sa.column('max_age', sa.Integer), sa.column('applicants', sa.String),
                 sa.column('is_yearly', sa.Boolean), sa.column('is_local', sa.Boolean),
                 sa.column('edited_at', sa.DateTime))

# (code, column, value the earlier catalogue shipped, value from the guide)
CORRECTIONS = [
    ('leergeld', 'max_age', 18, 17),
    ('jeugdfonds_sport_cultuur', 'max_age', 18, 17),
    ('jeugdfonds_sport_cultuur', 'applicants', 'intermediaries', 'recognised_intermediaries'),
    ('kinderhulp', 'max_age', 21, 20),
    ('uitgestelde_kinderfeestjes', 'min_age', 4, 5),
]


def _correct(old_side, new_side):
    for code, column, *values in CORRECTIONS:
        op.execute(funds.update()
                   .where(funds.c.code == code, funds.c.is_local.is_(False), funds.c[column] == values[old_side])
                   .values({column: values[new_side]}))


def upgrade():
    _correct(0, 1)
    op.execute(funds.update().where(funds.c.is_local.is_(False), funds.c.edited_at.is_(None),
                                    funds.c.is_yearly.is_(True)).values(is_yearly=False))


def downgrade():
    _correct(1, 0)
