"""privacy: when a household was anonymised, instead of reading it from a pseudonym that starts with "#"

Revision ID: b13c0516a0010
Revises: b9c0516a0009
Create Date: 2026-12-04

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


revision = 'b13c0516a0010'
down_revision = 'b9c0516a0009'
branch_labels = None
depends_on = None

# What anonymise() wrote until now: the pseudonym "#<id>" on a closed household, every member's name a dash and
# every contact note empty. A pseudonym a coach typed with a "#" in front (with names still there) is no erasure.
# The time is that of the audit event, where there is one.
ERASED_BEFORE = sa.text("""
UPDATE households SET anonymised_at = COALESCE(
    (SELECT MAX(a.at) FROM audit_events a WHERE a.household_id = households.id AND a.action = 'household.anonymise'),
    :now)
WHERE pseudonym = '#' || CAST(id AS VARCHAR(20)) AND stage = 'closed'
  AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = households.id AND m.first_name <> '–')
  AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.household_id = households.id AND c.note IS NOT NULL
                  AND c.note <> '–')
""")


def upgrade():
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    op.get_bind().execute(ERASED_BEFORE, {"now": datetime.now(UTC).replace(tzinfo=None)})


def downgrade():
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
