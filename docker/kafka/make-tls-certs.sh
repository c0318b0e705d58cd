#!/usr/bin/env bash
# Makes the certificates of the TLS overlay (docker-compose.tls.yml) with the JDK's keytool alone:
#   OUT_DIR/ca.p12      a private certificate authority (keep it: it signs the next broker certificate), mode 0600
#   OUT_DIR/ca.crt      its certificate (PEM): what clients trust (ssl.truststore.type=PEM)
#   OUT_DIR/broker.p12  the broker's key and certificate chain, signed by the CA, for the host listener, mode 0600
# The broker certificate names every HOST given (DNS names or IPv4 addresses) plus localhost and 127.0.0.1, as Kafka
# clients check the name they connect to against it. Every store is protected with FLEAD_KAFKA_TLS_PASSWORD, read by
# keytool from the environment (never from a command line). Usage:
#   FLEAD_KAFKA_TLS_PASSWORD=… docker/kafka/make-tls-certs.sh docker/kafka/tls [HOST…]
# An existing OUT_DIR/ca.p12 is reused, so re-running it (a new host name, an expiring certificate) keeps clients'
# trust; delete OUT_DIR to start over with a new CA.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: FLEAD_KAFKA_TLS_PASSWORD=... $0 OUT_DIR [HOST...]" >&2
  exit 2
fi
: "${FLEAD_KAFKA_TLS_PASSWORD:?set FLEAD_KAFKA_TLS_PASSWORD (at least 6 characters; the same value goes into .env)}"
if [ "${#FLEAD_KAFKA_TLS_PASSWORD}" -lt 6 ]; then
  echo "FLEAD_KAFKA_TLS_PASSWORD must have at least 6 characters (keytool's minimum)" >&2
  exit 1
fi
out="$1"
shift
san="dns:localhost,ip:127.0.0.1"
for host in "$@"; do
  if [[ "$host" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    san="$san,ip:$host"
  elif [[ "$host" =~ ^[A-Za-z0-9.-]+$ ]]; then
    san="$san,dns:$host"
  else
    echo "Invalid host '$host': a DNS name or an IPv4 address" >&2
    exit 1
  fi
done
days=825
pass=(-storepass:env FLEAD_KAFKA_TLS_PASSWORD)

umask 077
mkdir -p "$out"
work="$(mktemp -d "$out/.make-tls.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ ! -f "$out/ca.p12" ]; then
  keytool -genkeypair -noprompt -alias flead-ca -keyalg RSA -keysize 3072 -validity 3650 \
    -dname "CN=FLEAD Kafka CA" -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign \
    -storetype PKCS12 -keystore "$work/ca.p12" "${pass[@]}"
  mv "$work/ca.p12" "$out/ca.p12"
fi
keytool -exportcert -rfc -alias flead-ca -keystore "$out/ca.p12" "${pass[@]}" -file "$work/ca.crt"

keytool -genkeypair -noprompt -alias kafka -keyalg RSA -keysize 3072 -validity "$days" -dname "CN=kafka" \
  -storetype PKCS12 -keystore "$work/broker.p12" "${pass[@]}"
keytool -certreq -alias kafka -keystore "$work/broker.p12" "${pass[@]}" -file "$work/broker.csr"
keytool -gencert -rfc -alias flead-ca -keystore "$out/ca.p12" "${pass[@]}" -validity "$days" \
  -infile "$work/broker.csr" -outfile "$work/broker.crt" \
  -ext "san=$san" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth
keytool -importcert -noprompt -alias flead-ca -file "$work/ca.crt" -keystore "$work/broker.p12" "${pass[@]}"
keytool -importcert -noprompt -alias kafka -file "$work/broker.crt" -keystore "$work/broker.p12" "${pass[@]}"

mv "$work/broker.p12" "$out/broker.p12"
install -m 0644 "$work/ca.crt" "$out/ca.crt"
echo "Wrote $out/broker.p12 (names: $san) and $out/ca.crt, signed by $out/ca.p12" >&2
