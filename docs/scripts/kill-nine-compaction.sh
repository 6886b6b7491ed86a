#!/bin/bash
# Crash safety of the embedded store's idle compaction: import rows (which leaves dead pages), let the
# service fall idle so that it compacts, kill -9 it at a random moment of the compaction, start it
# again, and check that the ledger is the one acknowledged before: the same events, an intact digest
# chain, read models that match a replay, the same balances.
# Needs the built jar (README), curl and jq. Run from the repository root:
#   docs/scripts/kill-nine-compaction.sh [trials]
set -u
JAR=${JAR:-ledger-api/target/ledger-api.jar}
TRIALS=${1:-5}; IMPORTS=${IMPORTS:-3}; ROWS=${ROWS:-10000}
PORT=18092; A="-u admin:kill-nine-password"; B=http://localhost:$PORT/api/projects
# Compaction after 2 s of quiet instead of 30, checked every second; DEBUG logs the start of a pass.
FAST="-Dledger.store.compaction.idle-after=2s -Dledger.store.compaction.check-every=1s -Dlogging.level.nl.commonsledger.api.store=DEBUG"
start() { (LEDGER_DATA_DIR=$DIR SERVER_PORT=$PORT LEDGER_ADMIN_PASSWORD=kill-nine-password java $FAST -Dkill-nine-compaction-marker=$PORT -jar $JAR >> "$DIR/app.log" 2>&1 &); for i in $(seq 1 90); do sleep 1; curl -s localhost:$PORT/actuator/health | grep -q UP && return; done; echo "did not start"; exit 1; }
figures() { curl -s $A $B/k9/balances | jq -c '[.totalValue, ([.members[] | .balance] | join(","))]'; }
failed=0
for t in $(seq 1 $TRIALS); do
  DIR=$(mktemp -d)
  start
  curl -s $A -XPOST $B -H Content-Type:application/json -d '{"projectId":"k9","name":"Kill nine"}' >/dev/null
  for m in a b; do curl -s $A -XPOST $B/k9/members -H Content-Type:application/json -d "{\"memberId\":\"$m\",\"name\":\"$m\",\"joinedOn\":\"2026-01-01\"}" >/dev/null; done
  for i in $(seq 1 $IMPORTS); do
    awk -v n=$ROWS -v i=$i 'BEGIN { print "memberId,kind,amount,date,reference";
      for (r = 1; r <= n; r++) printf "%s,MONEY,%d.25,2026-06-01,I%d-R%d\n", (r % 2 ? "b" : "a"), r % 97 + 1, i, r }' > "$DIR/import-$i.csv"
  done
  for i in $(seq 1 $IMPORTS); do
    curl -s -o /dev/null $A -XPOST $B/k9/contributions/import -H Content-Type:text/csv -H "Idempotency-Key: import-$i" --data-binary @"$DIR/import-$i.csv"
  done
  events=$(curl -s $A $B/k9/audit | jq .eventCount); before=$(figures)
  # The pass that starts once the service is idle after the imports (and after these two reads).
  passes=$(grep -c "Compacting the embedded store" "$DIR/app.log")
  for i in $(seq 1 600); do [ "$(grep -c "Compacting the embedded store" "$DIR/app.log")" -gt "$passes" ] && break; sleep 0.02; done
  delay=$(awk -v s=$RANDOM 'BEGIN { srand(s); printf "%.2f", rand() * 0.4 }')
  sleep $delay
  pkill -9 -f "kill-nine-compaction-marker=$PORT"; sleep 1
  passEnded=$(( $(grep -c "Compacted the embedded store" "$DIR/app.log") > passes ? 1 : 0 ))
  sizeKb=$(du -sk "$DIR" | cut -f1)
  start
  for i in $(seq 1 30); do audit=$(curl -s $A $B/k9/audit); [ "$(echo "$audit" | jq .projectionsMatchReplay)" = true ] && break; sleep 1; done
  after=$(figures)
  verdict=OK
  [ "$(echo "$audit" | jq .eventCount)" = "$events" ] && [ "$(echo "$audit" | jq .chainIntact)" = true ] \
    && [ "$(echo "$audit" | jq .projectionsMatchReplay)" = true ] && [ "$after" = "$before" ] || { verdict=FAILED; failed=1; }
  echo "trial $t: killed $delay s into the pass (the pass had ended: $([ $passEnded = 1 ] && echo yes || echo no)), store $sizeKb KB;" \
       "after the restart eventCount $(echo "$audit" | jq .eventCount) of $events, chainIntact $(echo "$audit" | jq .chainIntact)," \
       "projectionsMatchReplay $(echo "$audit" | jq .projectionsMatchReplay), balances $([ "$after" = "$before" ] && echo same || echo "DIFFER: $before / $after"): $verdict"
  pkill -f "kill-nine-compaction-marker=$PORT"; sleep 2; rm -rf "$DIR"
done
exit $failed
