#!/usr/bin/env bash
# Starts the Connect worker with its REST API behind HTTP Basic authentication (BasicAuthSecurityRestExtension).
# The one REST user comes from CONNECT_REST_USER and CONNECT_REST_PASSWORD: they are written, readable by this user
# only, to the file that the KafkaConnect entry of connect-jaas.conf names, so a rotated password takes effect when the
# container is recreated. With CONNECT_KAFKA_SECURITY_PROTOCOL set (the SASL overlay, docker-compose.sasl.yml), the
# worker file given as the first argument is copied with the Kafka client security of CONNECT_KAFKA_* added for the
# worker itself and its producers, consumers and admin clients. Arguments are passed to connect-distributed.sh.
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
worker="$1"
shift
if [ -n "${CONNECT_KAFKA_SECURITY_PROTOCOL:-}" ]; then
  : "${CONNECT_KAFKA_SASL_MECHANISM:?set with CONNECT_KAFKA_SECURITY_PROTOCOL}"
  : "${CONNECT_KAFKA_SASL_JAAS_CONFIG:?set with CONNECT_KAFKA_SECURITY_PROTOCOL}"
  cp "$worker" /tmp/flead-connect/worker.properties
  for prefix in "" producer. consumer. admin.; do
    printf '%s\n' "${prefix}security.protocol=${CONNECT_KAFKA_SECURITY_PROTOCOL}" \
      "${prefix}sasl.mechanism=${CONNECT_KAFKA_SASL_MECHANISM}" \
      "${prefix}sasl.jaas.config=${CONNECT_KAFKA_SASL_JAAS_CONFIG}" >> /tmp/flead-connect/worker.properties
  done
  worker=/tmp/flead-connect/worker.properties
fi

export KAFKA_OPTS="${KAFKA_OPTS:-} -Djava.security.auth.login.config=/opt/flead/connect-jaas.conf"
exec /opt/kafka/bin/connect-distributed.sh "$worker" "$@"
