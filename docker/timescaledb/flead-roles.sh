#!/bin/bash
# Runs flead-roles.sql in the FLEAD database with the users and passwords of the environment
# (docker-entrypoint-initdb.d: only on the first start, with an empty data directory).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db_name="$POSTGRES_DB" \
  -v sink_user="$FLEAD_DB_USER" -v sink_password="$FLEAD_DB_PASSWORD" \
  -v reader_user="$FLEAD_GRAFANA_DB_USER" -v reader_password="$FLEAD_GRAFANA_DB_PASSWORD" \
  -f /flead/flead-roles.sql
