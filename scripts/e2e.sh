#!/usr/bin/env bash
# Runs the end-to-end tests: starts the real server on a fresh SQLite database
# (demo data) on 127.0.0.1, then Playwright drives Debian's Chromium against it.
# Expects the front end to be built (scripts/build-frontend.sh).
set -euo pipefail
root="$(pwd)"
export DEBIAN_FRONTEND=noninteractive
port="${E2E_PORT:-3100}"

if [[ ! -x /usr/bin/chromium ]]; then
    echo "e2e: installing Debian's Chromium" >&2
    apt-get install -y -qq chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
fi
if ! command -v npm >/dev/null; then
    apt-get install -y -qq nodejs npm >/dev/null || { apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null; }
fi
[[ -f frontend/dist/index.html ]] || { echo "e2e: build the front end first (scripts/build-frontend.sh)" >&2; exit 1; }

(cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

cargo build -q -p backend
work="$root/.tmp/e2e"
rm -rf "$work" && mkdir -p "$work"
SUPERVISION_DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" \
SUPERVISION_BIND="127.0.0.1:$port" \
SUPERVISION_STATIC_DIR="$root/frontend/dist" \
SUPERVISION_DEMO_MONTHS=6 \
RUST_LOG=warn \
    target/debug/supervision >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { echo "e2e: the server did not start:"; cat "$work/server.log"; exit 1; }
    sleep 0.5
done

cd e2e
E2E_BASE_URL="http://127.0.0.1:$port" npx playwright test
