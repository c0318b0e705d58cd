-- Roles of the FLEAD database, run once by the TimescaleDB image on first start (see flead-roles.sh).
-- :sink_user owns the tables the timescale-sink creates (read-write); :reader_user may only read them (Grafana).
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'sink_user', :'sink_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'sink_user') \gexec
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'reader_user', :'reader_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'reader_user') \gexec

GRANT CONNECT, TEMPORARY ON DATABASE :"db_name" TO :"sink_user";
GRANT USAGE, CREATE ON SCHEMA public TO :"sink_user";

GRANT CONNECT ON DATABASE :"db_name" TO :"reader_user";
GRANT USAGE ON SCHEMA public TO :"reader_user";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"reader_user";
-- Tables the sink creates later are readable too.
ALTER DEFAULT PRIVILEGES FOR ROLE :"sink_user" IN SCHEMA public GRANT SELECT ON TABLES TO :"reader_user";
ALTER ROLE :"reader_user" SET default_transaction_read_only = on;
