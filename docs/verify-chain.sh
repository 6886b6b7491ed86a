#!/bin/sh
# Recomputes a project's digest chain from /events alone, with curl, jq and sha256sum:
#   digest_n = sha256_hex(digest_{n-1} + "\n" + C(e_n)), digest_{-1} = 64 zeros,
# where C(e) is the RFC 8785 canonical JSON of {sequence, type, recordedAt, recordedBy, payload}.
# The ledger's events hold only strings, integers and null. For those, jq writes RFC 8785's form
# with two corrections, made below: keys are sorted by UTF-16 code units (jq -S sorts by code point,
# which differs for characters beyond U+FFFF), and U+007F is written as itself (jq escapes it).
#
# usage: docs/verify-chain.sh <base-url> <project-id>     (LEDGER_AUTH=user:password for sign-in)
# Exits 0 and prints the head digest when every digest matches; exits 1 at the first mismatch.
set -eu
base=$1
project=$2
# Sort object keys by their UTF-16 code units, recursively, and keep only the hashed fields.
canon='def utf16: [explode[] | if . > 65535 then (. - 65536) as $c
                   | (55296 + (($c / 1024) | floor)), (56320 + ($c % 1024)) else . end];
def canon: if type == "object" then to_entries | sort_by(.key | utf16) | map(.value |= canon) | from_entries
           elif type == "array" then map(canon) else . end;
{sequence, type, recordedAt, recordedBy, payload} | canon'
state=$(mktemp)
trap 'rm -f "$state" "$state.page"' EXIT
printf '%s 0\n' 0000000000000000000000000000000000000000000000000000000000000000 > "$state"
after=""
while :; do
    curl -fsS ${LEDGER_AUTH:+-u "$LEDGER_AUTH"} \
        "$base/api/projects/$project/events?limit=1000${after:+&after=$after}" > "$state.page"
    jq -c '.items[]' "$state.page" | while IFS= read -r event; do
        read -r previous count < "$state"
        # jq escapes U+007F as \u007f; RFC 8785 writes it raw. Escaped backslashes are set aside first
        # (as 0x01, which jq never writes raw), so that only a real \u007f escape is replaced.
        canonical=$(printf '%s' "$event" | jq -c "$canon" \
            | sed -e 's/\\\\/\x01/g' -e 's/\\u007f/\x7f/g' -e 's/\x01/\\\\/g')
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
