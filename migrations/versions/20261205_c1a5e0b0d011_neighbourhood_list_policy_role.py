"""neighbourhoods as a managed list, target groups per area and income group, the policy officer role

The free-text neighbourhood of a household becomes a reference to the list. Names the administrator typed for target
groups become entries of the list; every other value a coach typed becomes an entry to review (offered to nobody,
exported as unknown) that the administrator accepts, maps onto an entry or removes. Values that differ only in
letter case or spaces become one entry.

Target groups move to `target_groups`: per income group of the national ambition ("working" now includes the
self-employed, so the two sizes are added up), for the whole municipality, a district or a neighbourhood.

Revision ID: c1a5e0b0d011
Revises: d1c0d0e0f0010
Create Date: 2026-12-05

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


revision = 'c1a5e0b0d011'
down_revision = 'd1c0d0e0f0010'
branch_labels = None
depends_on = None

neighbourhoods = sa.table('neighbourhoods', sa.column('id', sa.Integer), sa.column('name', sa.String),
                          sa.column('to_review', sa.Boolean), sa.column('created_at', sa.DateTime))
households = sa.table('households', sa.column('id', sa.Integer), sa.column('neighbourhood', sa.String),
                      sa.column('neighbourhood_id', sa.Integer))
reach_targets = sa.table('reach_targets', sa.column('year', sa.Integer), sa.column('income_situation', sa.String),
                         sa.column('neighbourhood', sa.String), sa.column('children', sa.Integer),
                         sa.column('updated_at', sa.DateTime))
target_groups = sa.table('target_groups', sa.column('year', sa.Integer), sa.column('income_group', sa.String),
                         sa.column('neighbourhood_id', sa.Integer), sa.column('district', sa.String),
                         sa.column('children', sa.Integer), sa.column('updated_at', sa.DateTime))
GROUP_OF = {'social_assistance': 'social_assistance', 'working': 'working', 'self_employed': 'working',
            'other_benefit': 'other_benefit'}
OLD_ROLES = "role IN ('coach', 'teamlead', 'admin')"
NEW_ROLES = "role IN ('coach', 'teamlead', 'admin', 'policy')"
OLD_TEAM = "role = 'admin' OR team_id IS NOT NULL"
NEW_TEAM = "role IN ('admin', 'policy') OR team_id IS NOT NULL"


def _sqlite(connection):
    return connection.dialect.name == "sqlite"


def _sqlite_rewrite_checks(connection, table, replacements):
    """SQLite cannot alter a CHECK constraint, and rebuilding a table that other tables refer to fails while foreign
    keys are enforced (they cannot be switched off inside the migration's transaction). SQLite's documented way to
    change only a constraint's text: rewrite the table's definition in its schema table and bump the schema version
    (https://www.sqlite.org/lang_altertable.html#otheralter); rows are stored the same either way."""
    sql = connection.scalar(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
                            {"name": table})
    for old, new in replacements:
        assert f"CHECK ({old})" in sql, f"{table}: constraint {old!r} not found"
        sql = sql.replace(f"CHECK ({old})", f"CHECK ({new})")
    version = connection.scalar(sa.text("PRAGMA schema_version"))
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.execute(sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = :name"),
                       {"sql": sql, "name": table})
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")
    problems = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    assert problems == ["ok"], problems


def _set_role_checks(connection, roles, team):
    if _sqlite(connection):
        current = (OLD_ROLES, OLD_TEAM) if roles == NEW_ROLES else (NEW_ROLES, NEW_TEAM)
        _sqlite_rewrite_checks(connection, "users", list(zip(current, (roles, team), strict=True)))
        return
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_role'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_users_team_required'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_users_role'), roles)
        batch_op.create_check_constraint(batch_op.f('ck_users_team_required'), team)


def _clean(text):
    return " ".join((text or "").split())


def _map_neighbourhoods(connection, now):
    """{typed value: entry id}; known names (from target groups) first, so their spelling wins."""
    entries = {}
    known = [_clean(v) for v in connection.scalars(sa.select(reach_targets.c.neighbourhood).distinct())]
    typed = connection.scalars(sa.select(households.c.neighbourhood).distinct()
                               .where(households.c.neighbourhood.is_not(None))).all()
    for name, to_review in [(n, False) for n in sorted(known) if n] + [(_clean(v), True) for v in sorted(typed)]:
        if name and name.casefold() not in entries:
            connection.execute(neighbourhoods.insert().values(name=name, to_review=to_review, created_at=now))
            entries[name.casefold()] = connection.scalar(sa.select(neighbourhoods.c.id)
                                                         .where(neighbourhoods.c.name == name))
    return {value: entries.get(_clean(value).casefold()) for value in [*typed, *known]}


def upgrade():
    now = datetime.now(UTC).replace(tzinfo=None)
    connection = op.get_bind()
    op.create_table(
        'neighbourhoods',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('cbs_code', sa.String(length=10), nullable=True),
        sa.Column('district', sa.String(length=120), nullable=True),
        sa.Column('to_review', sa.Boolean(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_neighbourhoods')),
        sa.UniqueConstraint('name', name=op.f('uq_neighbourhoods_name')),
    )
    # Added and dropped in place on SQLite too (3.35 or newer): rebuilding households, which most tables refer to,
    # fails while foreign keys are enforced.
    if _sqlite(connection):
        connection.exec_driver_sql(
            "ALTER TABLE households ADD COLUMN neighbourhood_id INTEGER "
            "CONSTRAINT fk_households_neighbourhood_id_neighbourhoods REFERENCES neighbourhoods (id)")
    else:
        op.add_column('households', sa.Column('neighbourhood_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_households_neighbourhood_id_neighbourhoods'), 'households', 'neighbourhoods',
                              ['neighbourhood_id'], ['id'])
    op.create_index(op.f('ix_households_neighbourhood_id'), 'households', ['neighbourhood_id'], unique=False)
    mapping = _map_neighbourhoods(connection, now)
    for value, entry_id in mapping.items():
        connection.execute(households.update().where(households.c.neighbourhood == value)
                           .values(neighbourhood_id=entry_id))
    if _sqlite(connection):
        connection.exec_driver_sql("ALTER TABLE households DROP COLUMN neighbourhood")
    else:
        op.drop_column('households', 'neighbourhood')

    op.create_table(
        'target_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('income_group', sa.String(length=20), nullable=False),
        sa.Column('neighbourhood_id', sa.Integer(), nullable=True),
        sa.Column('district', sa.String(length=120), nullable=True),
        sa.Column('children', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('children >= 0', name=op.f('ck_target_groups_children')),
        sa.CheckConstraint("income_group IN ('social_assistance', 'working', 'other_benefit')",
                           name=op.f('ck_target_groups_income_group')),
        sa.CheckConstraint('neighbourhood_id IS NULL OR district IS NULL', name=op.f('ck_target_groups_one_scope')),
        sa.ForeignKeyConstraint(['neighbourhood_id'], ['neighbourhoods.id'],
                                name=op.f('fk_target_groups_neighbourhood_id_neighbourhoods')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_target_groups')),
        sa.UniqueConstraint('year', 'income_group', 'district', name='uq_target_groups_district'),
        sa.UniqueConstraint('year', 'income_group', 'neighbourhood_id', name='uq_target_groups_neighbourhood'),
    )
    op.create_index('uq_target_groups_municipality', 'target_groups', ['year', 'income_group'], unique=True,
                    sqlite_where=sa.text('neighbourhood_id IS NULL AND district IS NULL'),
                    postgresql_where=sa.text('neighbourhood_id IS NULL AND district IS NULL'))
    sizes, updated = {}, {}
    for year, situation, name, children, at in connection.execute(sa.select(reach_targets)).all():
        if situation not in GROUP_OF:
            continue
        key = (year, GROUP_OF[situation], mapping.get(name) if _clean(name) else None)
        sizes[key] = sizes.get(key, 0) + children
        updated[key] = max(updated.get(key, at), at)
    for (year, group, entry_id), children in sizes.items():
        connection.execute(target_groups.insert().values(year=year, income_group=group, neighbourhood_id=entry_id,
                                                         children=children, updated_at=updated[(year, group, entry_id)]))
    op.drop_table('reach_targets')

    _set_role_checks(connection, NEW_ROLES, NEW_TEAM)


def downgrade():
    connection = op.get_bind()
    if connection.scalar(sa.text("SELECT COUNT(*) FROM users WHERE role = 'policy'")):
        raise RuntimeError("Policy officer accounts exist; the older version has no such role. Remove them first.")
    _set_role_checks(connection, OLD_ROLES, OLD_TEAM)

    op.create_table(
        'reach_targets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('income_situation', sa.String(length=20), nullable=False),
        sa.Column('neighbourhood', sa.String(length=120), nullable=False),
        sa.Column('children', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('children >= 0', name=op.f('ck_reach_targets_children')),
        sa.CheckConstraint("income_situation IN ('social_assistance', 'working', 'self_employed', 'other_benefit', "
                           "'unknown')", name=op.f('ck_reach_targets_income_situation')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reach_targets')),
        sa.UniqueConstraint('year', 'income_situation', 'neighbourhood', name='uq_reach_targets_group'),
    )
    names = dict(connection.execute(sa.text("SELECT id, name FROM neighbourhoods")).all())
    for year, group, entry_id, district, children, at in connection.execute(sa.text(
            "SELECT year, income_group, neighbourhood_id, district, children, updated_at FROM target_groups")).all():
        if district is None:  # the older version knows no districts
            connection.execute(reach_targets.insert().values(year=year, income_situation=group, children=children,
                                                             neighbourhood=names.get(entry_id, ""), updated_at=at))
    op.drop_index('uq_target_groups_municipality', table_name='target_groups',
                  sqlite_where=sa.text('neighbourhood_id IS NULL AND district IS NULL'),
                  postgresql_where=sa.text('neighbourhood_id IS NULL AND district IS NULL'))
    op.drop_table('target_groups')

    op.add_column('households', sa.Column('neighbourhood', sa.String(length=120), nullable=True))
    for entry_id, name in names.items():
        connection.execute(households.update().where(households.c.neighbourhood_id == entry_id)
                           .values(neighbourhood=name))
    op.drop_index(op.f('ix_households_neighbourhood_id'), table_name='households')
    if _sqlite(connection):
        # SQLite drops no column that a foreign key uses: the table is rebuilt, which works only while no other
        # table's rows refer to a household (a database this old holds none: run the older version's backup instead).
        with op.batch_alter_table('households', schema=None) as batch_op:
            batch_op.drop_column('neighbourhood_id')
    else:
        op.drop_constraint(op.f('fk_households_neighbourhood_id_neighbourhoods'), 'households', type_='foreignkey')
        op.drop_column('households', 'neighbourhood_id')
    op.drop_table('neighbourhoods')
