#!/bin/bash
# Bookings per second with N instances of the jar on one PostgreSQL, no balancer: the load driver
# (InstancesLoadDriver, in the test sources) spreads its writers' bookings over the instances itself,
# then checks every project's balances and /audit. SPREAD=project sends each project's bookings to one
# instance (as a balancer with affinity would); the default spreads every project's bookings over all.
# Use a fresh, empty database for each run.
# Needs the built jar and the test class path (docs/performance.md). Run from the repository root:
#   SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/bench1 SPRING_DATASOURCE_USERNAME=ledger \
#   SPRING_DATASOURCE_PASSWORD=... docs/scripts/instances-bench.sh <instances> [seconds] [writers] [projects]
set -u
N=$1; SECONDS_RUN=${2:-45}; WRITERS=${3:-8}; PROJECTS=${4:-8}
JAR=${JAR:-ledger-api/target/ledger-api.jar}
DIR=$(mktemp -d)
export SPRING_PROFILES_ACTIVE=postgres LEDGER_ADMIN_PASSWORD=${LEDGER_ADMIN_PASSWORD:-instances-bench-password}
PIDS=(); PORTS=()
for i in $(seq 1 "$N"); do
    port=$((18100 + i))
    LEDGER_DATA_DIR=$DIR/$i SERVER_PORT=$port java -Xmx512m -jar "$JAR" > "$DIR/instance-$i.log" 2>&1 &
    PIDS+=($!); PORTS+=($port)
    # One at a time: the first start runs the Flyway migrations, and each start claims what is free.
    for t in $(seq 1 120); do sleep 1; curl -s localhost:$port/actuator/health | grep -q UP && break; done
    curl -s localhost:$port/actuator/health | grep -q UP || { echo "instance $i did not start; see $DIR"; kill "${PIDS[@]}"; exit 1; }
done
java -Dspread=${SPREAD:-booking} -cp ledger-api/target/test-classes:ledger-api/target/classes:$(cat ledger-api/cp.txt) \
     nl.commonsledger.api.bench.InstancesLoadDriver "$SECONDS_RUN" "$WRITERS" "$PROJECTS" "${PORTS[@]}"
status=$?
kill "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null
echo "logs: $DIR"
exit $status
