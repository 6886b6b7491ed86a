#!/bin/bash
# One line per project: its event count, the head of its digest chain, whether the chain recomputes,
# whether the projections equal a replay, and a SHA-256 of its balances. Run it against the service
# before a backup and against the restored service: the two outputs must be identical (diff them).
# Needs curl and jq. Usage: LEDGER_URL=http://localhost:8080 LEDGER_ADMIN_PASSWORD=... docs/scripts/ledger-fingerprint.sh
set -euo pipefail
URL=${LEDGER_URL:-http://localhost:8080}
A=(-s -f -u "admin:$LEDGER_ADMIN_PASSWORD")
projects() {
    local after="" page
    while :; do
        page=$(curl "${A[@]}" "$URL/api/projects?limit=1000${after:+&after=$after}")
        echo "$page" | jq -r '.items[].projectId'
        after=$(echo "$page" | jq -r '.next // empty')
        [ -n "$after" ] || break
    done
}
for p in $(projects | sort); do
    audit=$(curl "${A[@]}" "$URL/api/projects/$p/audit" | jq -r '"\(.eventCount) \(.headDigest) chainIntact=\(.chainIntact) projectionsMatchReplay=\(.projectionsMatchReplay)"')
    balances=$(curl "${A[@]}" "$URL/api/projects/$p/balances" | jq -S -c . | sha256sum | cut -c1-16)
    echo "$p $audit balances=$balances"
done
