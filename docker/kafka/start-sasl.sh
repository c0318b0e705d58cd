#!/usr/bin/env bash
# Broker start of the SASL overlay (docker-compose.sasl.yml). On a new data volume it formats the storage with the
# SCRAM-SHA-512 users of the stack (the image's own start then finds it formatted and goes on); it writes the broker
# user's client properties for the healthcheck, readable by this user only; then it runs the image's start.
set -euo pipefail

for name in FLEAD_KAFKA_BROKER_USER FLEAD_KAFKA_BROKER_PASSWORD FLEAD_KAFKA_FUNCTIONS_USER FLEAD_KAFKA_FUNCTIONS_PASSWORD \
    FLEAD_KAFKA_CONNECT_USER FLEAD_KAFKA_CONNECT_PASSWORD FLEAD_KAFKA_UI_CLIENT_USER FLEAD_KAFKA_UI_CLIENT_PASSWORD; do
  value="${!name:-}"
  if [ -z "$value" ] || [[ "$value" == *[!A-Za-z0-9_.-]* ]]; then
    echo "$name must be set in .env to A-Z a-z 0-9 _ . - only (it goes into a SCRAM definition and a JAAS line)" >&2
    exit 1
  fi
done

scram() {
  printf 'SCRAM-SHA-512=[name=%s,password=%s]' "$1" "$2"
}

umask 077
mkdir -p /tmp/flead-kafka
cat > /tmp/flead-kafka/format.properties <<PROPERTIES
process.roles=${KAFKA_PROCESS_ROLES}
node.id=${KAFKA_NODE_ID}
controller.quorum.voters=${KAFKA_CONTROLLER_QUORUM_VOTERS}
controller.listener.names=${KAFKA_CONTROLLER_LISTENER_NAMES}
listeners=${KAFKA_LISTENERS}
advertised.listeners=${KAFKA_ADVERTISED_LISTENERS}
listener.security.protocol.map=${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP}
inter.broker.listener.name=${KAFKA_INTER_BROKER_LISTENER_NAME}
sasl.enabled.mechanisms=${KAFKA_SASL_ENABLED_MECHANISMS}
sasl.mechanism.inter.broker.protocol=${KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL}
log.dirs=${KAFKA_LOG_DIRS}
PROPERTIES
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" \
  --config /tmp/flead-kafka/format.properties \
  --add-scram "$(scram "$FLEAD_KAFKA_BROKER_USER" "$FLEAD_KAFKA_BROKER_PASSWORD")" \
  --add-scram "$(scram "$FLEAD_KAFKA_FUNCTIONS_USER" "$FLEAD_KAFKA_FUNCTIONS_PASSWORD")" \
  --add-scram "$(scram "$FLEAD_KAFKA_CONNECT_USER" "$FLEAD_KAFKA_CONNECT_PASSWORD")" \
  --add-scram "$(scram "$FLEAD_KAFKA_UI_CLIENT_USER" "$FLEAD_KAFKA_UI_CLIENT_PASSWORD")"
rm -f /tmp/flead-kafka/format.properties

cat > /tmp/flead-kafka/client.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${FLEAD_KAFKA_BROKER_USER}" password="${FLEAD_KAFKA_BROKER_PASSWORD}";
PROPERTIES
exec /etc/kafka/docker/run
