#!/bin/bash
# Atomicity check of a bulk import: kill -9 the service while it stores a 10,000-row import, start it
# again, and check that the project holds all of the import or none of it, with an intact digest chain;
# then retry the upload with its Idempotency-Key: it books the import exactly once in total.
# Needs the built jar (README), curl and jq. Run from the repository root: docs/scripts/kill-nine-import.sh [seconds]
set -u
JAR=${JAR:-ledger-api/target/ledger-api.jar}
DIR=${DIR:-$(mktemp -d)}; rm -rf $DIR; mkdir -p $DIR
ROWS=${ROWS:-10000}; AFTER=${1:-4}
PORT=18091; A="-u admin:kill-nine-password"; B=http://localhost:$PORT/api/projects
start() { (LEDGER_DATA_DIR=$DIR SERVER_PORT=$PORT LEDGER_ADMIN_PASSWORD=kill-nine-password java -Dkill-nine-import-marker=$PORT -jar $JAR > "$DIR/app.log" 2>&1 &); for i in $(seq 1 90); do sleep 1; curl -s localhost:$PORT/actuator/health | grep -q UP && return; done; echo "did not start"; exit 1; }
start
curl -s $A -XPOST $B -H Content-Type:application/json -d '{"projectId":"k9","name":"Kill nine"}' >/dev/null
curl -s $A -XPOST $B/k9/members -H Content-Type:application/json -d '{"memberId":"gm0001","name":"One","joinedOn":"2026-01-01"}' >/dev/null
{ echo "memberId,kind,amount,date,reference"; for i in $(seq 1 $ROWS); do echo "gm0001,MONEY,1.00,2026-06-01,R$i"; done; } > "$DIR/import.csv"
before=$(curl -s $A $B/k9/audit | jq .eventCount)
( curl -s -m 120 $A -XPOST $B/k9/contributions/import -H Content-Type:text/csv -H "Idempotency-Key: import-1" \
       --data-binary @"$DIR/import.csv" -o "$DIR/first-answer" -w '%{http_code}' > "$DIR/first-status" ) &
UPLOAD=$!
sleep $AFTER
pkill -9 -f "kill-nine-import-marker=$PORT"; wait $UPLOAD 2>/dev/null
echo "events before: $before; first upload answered: '$(cat "$DIR/first-status")' (000 = killed before the answer)"
start
after=$(curl -s $A $B/k9/audit)
echo "after the restart: $after"
stored=$(( $(echo "$after" | jq .eventCount) - before ))
case $stored in 0|$ROWS) echo "import events stored: $stored of $ROWS (all or none: OK)";; *) echo "import events stored: $stored of $ROWS: PARTIAL";; esac
retry=$(curl -s -i -m 300 $A -XPOST $B/k9/contributions/import -H Content-Type:text/csv -H "Idempotency-Key: import-1" --data-binary @"$DIR/import.csv")
echo "retry: $(echo "$retry" | head -1 | tr -d '\r') $(echo "$retry" | grep -i '^Idempotent-Replayed' | tr -d '\r')"
final=$(curl -s $A $B/k9/audit)
echo "after the retry: $final; import events stored: $(( $(echo "$final" | jq .eventCount) - before )) of $ROWS"
pkill -f "kill-nine-import-marker=$PORT"
