#!/bin/sh
# Applies every connect-configs/*.json to Kafka Connect with PUT /connectors/{name}/config.
# PUT creates or updates, so running this again changes nothing. It retries while Connect is still
# starting (no answer, 5xx) and while the cluster rebalances (409), then fails naming the file.
#
# Environment: CONNECT_URL (default http://connect:8083), CONNECT_USER and CONNECT_PASSWORD (the HTTP Basic
# credentials of Connect's REST API; the worker refuses requests without them), CONFIG_DIR (default /connect-configs),
# APPLY_ATTEMPTS (default 60), APPLY_DELAY_SECONDS (default 5), APPLY_DRY_RUN=1 prints each
# connector's name and request body instead of sending it.
set -eu

CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
CONFIG_DIR="${CONFIG_DIR:-/connect-configs}"
ATTEMPTS="${APPLY_ATTEMPTS:-60}"
DELAY="${APPLY_DELAY_SECONDS:-5}"

# curl reads the credentials from a file only this user can read, so they never appear in a process list.
CURL_CONFIG=$(mktemp)
trap 'rm -f "$CURL_CONFIG"' EXIT
if [ -n "${CONNECT_USER:-}" ]; then
  printf 'user = "%s:%s"\n' "$CONNECT_USER" "${CONNECT_PASSWORD:?CONNECT_PASSWORD must be set with CONNECT_USER}" \
    > "$CURL_CONFIG"
fi

# The connector name: the top-level "name" of the file.
connector_name() {
  sed -n 's/^  "name": *"\([^"]*\)".*/\1/p' "$1" | head -n 1
}

# The request body: the "config" object of the file (the files keep one key per line, two-space indent).
connector_body() {
  awk '/^  "config": *\{/ { on = 1; print "{"; next }
       on && /^  \}/     { print "}"; exit }
       on                { print }' "$1"
}

put_config() {
  name="$1"; file="$2"; attempt=1
  while :; do
    status=$(connector_body "$file" | curl -s -K "$CURL_CONFIG" -o /tmp/apply-answer -w '%{http_code}' -X PUT \
      -H 'Content-Type: application/json' --data-binary @- "$CONNECT_URL/connectors/$name/config" || echo 000)
    case "$status" in
      200|201) echo "applied $name from $file (HTTP $status)"; return 0 ;;
      401|403) echo "Connect refused the credentials of CONNECT_USER '${CONNECT_USER:-}' for $file (HTTP $status)" >&2; return 1 ;;
      000|409|5??) echo "Connect not ready for $name (HTTP $status), attempt $attempt of $ATTEMPTS" ;;
      *) echo "Connect refused $file (HTTP $status): $(cat /tmp/apply-answer)" >&2; return 1 ;;
    esac
    if [ "$attempt" -ge "$ATTEMPTS" ]; then
      echo "gave up on $file after $ATTEMPTS attempts (last HTTP $status): $(cat /tmp/apply-answer 2>/dev/null)" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep "$DELAY"
  done
}

found=0
for file in "$CONFIG_DIR"/*.json; do
  [ -f "$file" ] || continue
  found=1
  name=$(connector_name "$file")
  if [ -z "$name" ]; then
    echo "$file: no top-level \"name\"" >&2
    exit 1
  fi
  if [ "${APPLY_DRY_RUN:-0}" = "1" ]; then
    echo "=== $name"
    connector_body "$file"
  else
    put_config "$name" "$file"
  fi
done
if [ "$found" = "0" ]; then
  echo "no connector configs in $CONFIG_DIR" >&2
  exit 1
fi
