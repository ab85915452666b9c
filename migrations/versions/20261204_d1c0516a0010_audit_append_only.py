"""audit: the database refuses to change or delete audit events, not only the application

Revision ID: d1c0516a0010
Revises: c2c0516a0011
Create Date: 2026-12-04

The ORM already refuses; these triggers also stop a raw statement (a bug, an injected query, a hand-typed
DELETE). Dialect-specific: SQLite triggers that raise, and on PostgreSQL one trigger function for row updates and
deletes and for TRUNCATE. Dropping the table or the triggers stays possible for whoever owns the schema.
"""
from alembic import op


revision = 'd1c0516a0010'
down_revision = 'c2c0516a0011'
branch_labels = None
depends_on = None

MESSAGE = 'audit events cannot be changed or deleted'


def upgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f"""
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
            END
            $$""")
        op.execute("CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
                   "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()")
        op.execute("CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()")
    else:
        for event in ('update', 'delete'):
            op.execute(f"CREATE TRIGGER audit_events_no_{event} BEFORE {event.upper()} ON audit_events "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER audit_events_no_change ON audit_events")
        op.execute("DROP FUNCTION audit_events_append_only()")
    else:
        op.execute("DROP TRIGGER audit_events_no_delete")
        op.execute("DROP TRIGGER audit_events_no_update")
