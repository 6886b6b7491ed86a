#!/bin/sh
# Recomputes a project's digest chain from /events alone, with curl, jq and sha256sum:
#   digest_n = sha256_hex(digest_{n-1} + "\n" + C(e_n)), digest_{-1} = 64 zeros,
# where C(e) is the RFC 8785 canonical JSON of {sequence, type, recordedAt, recordedBy, payload}.
# For the ledger's events (strings, integers, null) `jq -cS` writes exactly that canonical form.
#
# usage: docs/verify-chain.sh <base-url> <project-id>     (LEDGER_AUTH=user:password for sign-in)
# Exits 0 and prints the head digest when every digest matches; exits 1 at the first mismatch.
set -eu
base=$1
project=$2
state=$(mktemp)
trap 'rm -f "$state" "$state.page"' EXIT
printf '%s 0\n' 0000000000000000000000000000000000000000000000000000000000000000 > "$state"
after=""
while :; do
    curl -fsS ${LEDGER_AUTH:+-u "$LEDGER_AUTH"} \
        "$base/api/projects/$project/events?limit=1000${after:+&after=$after}" > "$state.page"
    jq -c '.items[]' "$state.page" | while IFS= read -r event; do
        read -r previous count < "$state"
        canonical=$(printf '%s' "$event" | jq -cS '{sequence, type, recordedAt, recordedBy, payload}')
        digest=$(printf '%s\n%s' "$previous" "$canonical" | sha256sum | cut -d ' ' -f 1)
        stored=$(printf '%s' "$event" | jq -r '.digest')
        sequence=$(printf '%s' "$event" | jq -r '.sequence')
        if [ "$sequence" != "$count" ] || [ "$digest" != "$stored" ]; then
            echo "MISMATCH at event $sequence: computed $digest, the ledger says $stored" >&2
            exit 1
        fi
        printf '%s %s\n' "$digest" $((count + 1)) > "$state"
    done
    after=$(jq -r '.next // empty' "$state.page")
    [ -n "$after" ] || break
done
read -r head count < "$state"
echo "chain intact: $count events, head digest $head"
