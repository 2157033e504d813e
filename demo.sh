#!/usr/bin/env bash
# Builds CDP Hub, starts it on its embedded defaults (Artemis broker, H2 store) and feeds it the demo CRM exports.
# Usage: ./demo.sh            build, start, load demo data
#        ./demo.sh --no-build start and load demo data from the last build
set -euo pipefail
cd "$(dirname "$0")"
if [[ -z "${JAVA_HOME:-}" ]]; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  export JAVA_HOME
fi
HUB=assembly/target/assembly
USER=cdphub
PASS=cdphub

if [[ "${1:-}" != "--no-build" ]]; then
  echo "==> Building (first build downloads ~300 MB of dependencies; tests skipped: run ./mvnw verify for them)"
  ./mvnw -B -q -DskipTests install
fi

if [[ -f "$HUB/karaf.pid" ]] && kill -0 "$(cat "$HUB/karaf.pid")" 2>/dev/null; then
  echo "==> Hub already running (pid $(cat "$HUB/karaf.pid"))"
else
  echo "==> Starting the hub in $HUB"
  mkdir -p "$HUB/data/log"
  KARAF_REDIRECT="$PWD/$HUB/data/log/console.log" "$HUB/bin/start"
fi

client() { echo | "$HUB/bin/client" -u "$USER" -p "$PASS" -r 10 -d 2 "$@" 2>/dev/null; }

echo -n "==> Waiting for the connectors"
for _ in $(seq 1 120); do
  if [[ "$(client cdp:connectors | grep -c RUNNING || true)" -ge 3 ]]; then break; fi
  echo -n "."; sleep 2
done
echo

echo "==> Dropping the demo CRM exports into the inboxes"
for src in crm-salesforce crm-hubspot; do
  mkdir -p "$HUB/data/inbox/$src"
  cp "$HUB/demo/$src/contacts.csv" "$HUB/data/inbox/$src/demo-contacts.csv.tmp"
  mv "$HUB/data/inbox/$src/demo-contacts.csv.tmp" "$HUB/data/inbox/$src/demo-contacts.csv"
done

echo -n "==> Waiting for Ann's records from both CRMs to merge"
for _ in $(seq 1 60); do
  if client "cdp:profile email:ann.devries@example.com" | grep -q "Sources (2)"; then break; fi
  echo -n "."; sleep 1
done
echo
client "cdp:profile email:ann.devries@example.com" || true
client cdp:connectors || true

cat <<MSG

CDP Hub is running (embedded Artemis broker on 127.0.0.1:5672, H2 store under $HUB/data/cdphub).
Where to look:
  console          $HUB/bin/client -u $USER -p $PASS          (then: cdp:connectors, cdp:segments, cdp:profile email:ann.devries@example.com)
  one command      $HUB/bin/client -u $USER -p $PASS "cdp:profile --json email:ann.devries@example.com"
  inboxes          $HUB/data/inbox/crm-salesforce/, $HUB/data/inbox/crm-hubspot/   (drop CRM CSV exports here)
  segment output   $HUB/data/outbox/webhook-demo/membership-*.jsonl
  log              $HUB/data/log/karaf.log
  stop             $HUB/bin/stop
MSG
