#!/usr/bin/env bash
# A bounded fuzz run of the GraphQL API with Schemathesis: starts the real
# server on a fresh SQLite database (demo data) on 127.0.0.1, signs in as
# Priya Shah (a supervisor) through the development sign-in, and sends a few
# generated queries and mutations per operation. Fails on any server error
# (5xx, or a GraphQL error that is not one of the API's expected refusals) and
# on any response that reveals internal detail; see e2e/fuzz/hooks.py.
#
# Run from the repository root:  bash scripts/fuzz.sh
#   FUZZ_PORT      port to listen on (default 3200)
#   FUZZ_EXAMPLES  examples per operation (default 50)
#   FUZZ_TIMEOUT   hard limit on the Schemathesis run, seconds (default 180)
#   FUZZ_SEED      replay a run with the seed it printed
set -euo pipefail
root="$(pwd)"
export DEBIAN_FRONTEND=noninteractive
export PATH="$HOME/.cargo/bin:$PATH"
port="${FUZZ_PORT:-3200}"
examples="${FUZZ_EXAMPLES:-50}"
budget="${FUZZ_TIMEOUT:-180}"
schemathesis_version=4.32.5
venv="$root/.tmp/fuzz-venv"
work="$root/.tmp/fuzz"
base="http://127.0.0.1:$port"

[[ -f Cargo.toml && -f e2e/fuzz/hooks.py ]] || { echo "fuzz: run from the repository root" >&2; exit 1; }

bash scripts/setup.sh python curl

# Schemathesis in its own virtual environment, pinned.
if ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
fi
if [[ "$("$venv/bin/schemathesis" --version 2>/dev/null || true)" != "schemathesis, version $schemathesis_version" ]]; then
    echo "fuzz: installing schemathesis $schemathesis_version" >&2
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$schemathesis_version"
fi
py="$venv/bin/python"

cargo build -q -p backend
rm -rf "$work" && mkdir -p "$work"

# The schema of the binary just built. (Schemathesis's own introspection query
# nests deeper than the server's depth limit of 12, so it cannot load the
# schema from the URL.)
target/debug/supervision schema >"$work/schema.graphql"

if curl -fsS "$base/health/live" >/dev/null 2>&1; then
    echo "fuzz: something is already listening on port $port (set FUZZ_PORT)" >&2
    exit 1
fi
# One script asking as fast as it can from one session is not what the
# per-session rate is for: it is set out of the way.
SUPERVISION_DATABASE_URL="sqlite://$work/fuzz.db?mode=rwc" \
SUPERVISION_BIND="127.0.0.1:$port" \
SUPERVISION_STATIC_DIR=/nonexistent \
SUPERVISION_DEMO_MONTHS=3 \
SUPERVISION_SESSION_BURST=10000 \
SUPERVISION_SESSION_REQUESTS_PER_SECOND=10000 \
RUST_LOG=warn \
    target/debug/supervision >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT

ready=0
for _ in $(seq 1 120); do
    if curl -fsS "$base/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 $server 2>/dev/null || { echo "fuzz: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
done
[[ $ready == 1 ]] || { echo "fuzz: the server was not ready after 60 s" >&2; cat "$work/server.log" >&2; exit 1; }

# Development sign-in as Priya Shah.
curl -fsS "$base/auth/dev/people" >"$work/people.json"
priya=$("$py" -c '
import json, sys
people = json.load(open(sys.argv[1]))
print(next(p["id"] for p in people if p["name"] == "Priya Shah"))
' "$work/people.json")
status=$(curl -sS -o /dev/null -D "$work/signin.headers" -w '%{http_code}' -X POST "$base/auth/dev/signin" \
    -H 'Content-Type: application/json' -H 'X-Requested-With: supervision' \
    --data "{\"staffId\": \"$priya\"}")
cookie=$(tr -d '\r' <"$work/signin.headers" | sed -n 's/^[Ss]et-[Cc]ookie: *\(supervision_session=[^;]*\).*/\1/p' | head -n 1)
if [[ $status != 204 || -z $cookie ]]; then
    echo "fuzz: development sign-in failed (HTTP $status)" >&2
    exit 1
fi

# Ids that exist (Priya's records, the people in them, her colleagues, and the
# demo people of both organisations) for the hooks to mix into generated UUIDs.
curl -fsS "$base/graphql" -H 'Content-Type: application/json' -H 'X-Requested-With: supervision' \
    -H "Cookie: $cookie" --data '{"query": "{ me { id } mySupervisions(first: 100) { nodes { id recordedBy { id } attendees { supervisee { id } } redactions { id } actions { id } } } mySupervisees { staff { id } } searchStaff(query: \"a\", limit: 50) { id } }"}' \
    >"$work/priya.json"
if ! grep -q "\"me\":{\"id\":\"$priya\"}" "$work/priya.json"; then
    echo "fuzz: the session does not work: $(head -c 300 "$work/priya.json")" >&2
    exit 1
fi
cat "$work/priya.json" "$work/people.json" \
    | grep -Eo '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' | sort -u >"$work/known-ids.txt"

seed_args=()
if [[ -n ${FUZZ_SEED:-} ]]; then seed_args=(--seed "$FUZZ_SEED"); fi

echo "fuzz: schemathesis $schemathesis_version against $base/graphql as Priya Shah" \
    "($examples examples per operation, at most $budget s)"
set +e
(
    cd "$work" # Schemathesis keeps its working files in the current directory.
    SCHEMATHESIS_HOOKS="$root/e2e/fuzz/hooks.py" \
    FUZZ_KNOWN_IDS="$work/known-ids.txt" \
        timeout --kill-after=10 "$budget" "$venv/bin/schemathesis" run "$work/schema.graphql" \
        --url "$base/graphql" \
        --header 'X-Requested-With: supervision' \
        --header "Cookie: $cookie" \
        --checks not_a_server_error,no_internal_detail \
        --max-examples "$examples" \
        --workers 2 \
        --request-timeout 10 \
        --generation-database none \
        --no-color \
        --report json --report-json-path "$work/report.json" \
        "${seed_args[@]}"
)
rc=$?
set -e

if [[ $rc == 124 || $rc == 137 ]]; then
    echo "fuzz: stopped: Schemathesis did not finish within $budget s" >&2
    exit 1
fi
server_alive=1
kill -0 $server 2>/dev/null || server_alive=0
panics=$(grep -c 'panicked' "$work/server.log" || true)
if [[ $server_alive == 0 || $panics != 0 ]]; then
    echo "fuzz: the server crashed or panicked during the run; its log ($work/server.log):" >&2
    tail -n 40 "$work/server.log" >&2
    exit 1
fi
if [[ ! -f $work/report.json ]]; then
    echo "fuzz: Schemathesis failed (exit $rc) without a report" >&2
    exit 1
fi

summary=$("$py" -c '
import json, sys
r = json.load(open(sys.argv[1]))
ops, cases = r["operations"]["tested"], r["test_cases"]["generated"]
bad = r["test_cases"]["unique_failures"] + len(r["errors"])
print(ops, cases, bad)
' "$work/report.json")
read -r operations cases problems <<<"$summary"
if [[ $rc != 0 || $problems != 0 ]]; then
    echo "fuzz: $operations operations, $cases examples, FAILED: $problems failure(s) or error(s) above (exit $rc)"
    exit 1
fi
echo "fuzz: $operations operations, $cases examples, no server errors"
