#!/bin/bash
# Durability check: kill -9 the service during a stream of writes, start it again, and check that no
# acknowledged contribution is lost and that retrying every key books nothing twice.
# Needs the built jar (README), curl and jq. Run from the repository root: docs/scripts/kill-nine.sh
set -u
JAR=${JAR:-ledger-api/target/ledger-api.jar}
DIR=${DIR:-$(mktemp -d)}; rm -rf $DIR; mkdir -p $DIR
PORT=18090; A="-u admin:kill-nine-password"; B=http://localhost:$PORT/api/projects
start() { (LEDGER_DATA_DIR=$DIR SERVER_PORT=$PORT LEDGER_ADMIN_PASSWORD=kill-nine-password java -Dkill-nine-marker=$PORT -jar $JAR > "$DIR/app.log" 2>&1 &); for i in $(seq 1 60); do sleep 1; curl -s localhost:$PORT/actuator/health | grep -q UP && return; done; echo "did not start"; exit 1; }
start
curl -s $A -XPOST $B -H Content-Type:application/json -d '{"projectId":"k9","name":"Kill nine"}' >/dev/null
curl -s $A -XPOST $B/k9/members -H Content-Type:application/json -d '{"memberId":"gm0001","name":"One","joinedOn":"2026-01-01"}' >/dev/null
: > "$DIR/acked"; : > "$DIR/sent"
( for i in $(seq 1 100000); do
    echo "k$i" >> "$DIR/sent"
    out=$(curl -s -m 10 $A -XPOST $B/k9/contributions -H Content-Type:application/json -H "Idempotency-Key: k$i" \
          -d "{\"memberId\":\"gm0001\",\"kind\":\"MONEY\",\"amount\":\"1.00\",\"date\":\"2026-06-01\",\"reference\":\"R$i\"}" -w ' %{http_code}')
    code=${out##* }
    [ "$code" = "201" ] && echo "k$i $(echo "$out" | sed 's/.*"contributionId":"\([^"]*\)".*/\1/')" >> "$DIR/acked"
  done ) &
WRITER=$!
sleep 8
pkill -9 -f "kill-nine-marker=$PORT"; sleep 1; kill $WRITER 2>/dev/null; wait $WRITER 2>/dev/null
echo "sent: $(wc -l < "$DIR/sent"), acknowledged: $(wc -l < "$DIR/acked")"
start
lost=0; while read key id; do c=$(curl -s -o /dev/null -w '%{http_code}' $A $B/k9/contributions/$id); [ "$c" = "200" ] || { lost=$((lost+1)); echo "LOST $key $id"; }; done < "$DIR/acked"
echo "acknowledged but lost: $lost"
# Retry every key that was sent (the one in flight at the kill included): nothing may book twice.
replayed=0; fresh=0
while read key; do i=${key#k}
  out=$(curl -s -i $A -XPOST $B/k9/contributions -H Content-Type:application/json -H "Idempotency-Key: $key" \
        -d "{\"memberId\":\"gm0001\",\"kind\":\"MONEY\",\"amount\":\"1.00\",\"date\":\"2026-06-01\",\"reference\":\"R$i\"}")
  echo "$out" | grep -qi "Idempotent-Replayed: true" && replayed=$((replayed+1)) || fresh=$((fresh+1))
done < "$DIR/sent"
total=$(curl -s $A "$B/k9/contributions?limit=1000" | jq '.items | length')
refs=$(curl -s $A "$B/k9/contributions?limit=1000" | jq '[.items[].reference] | unique | length')
echo "retries replayed: $replayed, booked fresh (never acknowledged before): $fresh"
echo "contributions stored: $total, distinct references: $refs, keys sent: $(wc -l < "$DIR/sent")"
curl -s $A $B/k9/audit; echo
pkill -f "kill-nine-marker=$PORT"
