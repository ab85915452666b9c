-- What the application's PostgreSQL role may do in the Gezinsaanpak database.
--
-- The owner role owns the database and its tables and runs the migrations (`db upgrade`); the application runs
-- as the app role, which reads and writes the data, but may only add to the audit trail and read it: never change
-- or remove an event, not even with the application's password. Run as a superuser after `db upgrade` (running it
-- again after a later upgrade or a restore does no harm):
--
--   runuser -u postgres -- psql -d gezinsaanpak -v owner=gezinsaanpak_owner -v app=gezinsaanpak_app \
--        -f /opt/gezinsaanpak/deploy/postgresql-roles.sql
\set ON_ERROR_STOP on

-- Only the two roles connect, and only the owner creates tables.
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"DBNAME" TO :"app";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app";

-- The data: read and write, in today's tables and in those later migrations add.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- The audit trail only grows; the migration state is the owner's.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC, :"app";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON alembic_version FROM PUBLIC, :"app";
