#!/usr/bin/env bash
# Starts the Connect worker with its REST API behind HTTP Basic authentication (BasicAuthSecurityRestExtension).
# The one REST user comes from CONNECT_REST_USER and CONNECT_REST_PASSWORD: they are written, readable by this user
# only, to the file that the KafkaConnect entry of connect-jaas.conf names, so a rotated password takes effect when the
# container is recreated. Arguments are passed to connect-distributed.sh.
set -euo pipefail

: "${CONNECT_REST_USER:?set FLEAD_CONNECT_USER in .env}"
: "${CONNECT_REST_PASSWORD:?set FLEAD_CONNECT_PASSWORD in .env}"
case "$CONNECT_REST_USER$CONNECT_REST_PASSWORD" in
  *[!A-Za-z0-9_.-]*)
    echo "FLEAD_CONNECT_USER and FLEAD_CONNECT_PASSWORD may hold only A-Z a-z 0-9 _ . - (they go into a properties file and URLs)" >&2
    exit 1 ;;
esac

umask 077
mkdir -p /tmp/flead-connect
printf '%s: %s\n' "$CONNECT_REST_USER" "$CONNECT_REST_PASSWORD" > /tmp/flead-connect/rest-users.properties
export KAFKA_OPTS="${KAFKA_OPTS:-} -Djava.security.auth.login.config=/opt/flead/connect-jaas.conf"
exec /opt/kafka/bin/connect-distributed.sh "$@"
