#!/usr/bin/env bash
# Runs the end-to-end tests: starts the real server on a fresh SQLite database
# (demo data) on 127.0.0.1, then Playwright drives Debian's Chromium against it.
# A real SMTP server (aiosmtpd) takes the development server's emails into a
# maildir that the tests read (E2E_MAILDIR).
# Expects the front end to be built (scripts/build-frontend.sh).
# Arguments go to Playwright, e.g. `bash scripts/e2e.sh amend-and-remove`.
# Ports: E2E_PORT, E2E_SSO_PORT, E2E_IDLE_PORT, E2E_OIDC_PORT, E2E_SMTP_PORT,
# E2E_RESTART_PORT (and the one after it);
# E2E_WORK_DIR (wiped first; default .tmp/e2e) lets two runs go side by side.
set -euo pipefail
root="$(pwd)"
export DEBIAN_FRONTEND=noninteractive
port="${E2E_PORT:-3100}"
sso_port="${E2E_SSO_PORT:-3101}"
idle_port="${E2E_IDLE_PORT:-3102}"
oidc_port="${E2E_OIDC_PORT:-3400}"
smtp_port="${E2E_SMTP_PORT:-3125}"

bash scripts/setup.sh browser node
[[ -f frontend/dist/index.html ]] || { echo "e2e: build the front end first (scripts/build-frontend.sh)" >&2; exit 1; }

(cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)

cargo build -q -p backend
mail_python="$(bash scripts/mail-venv.sh)"
work="${E2E_WORK_DIR:-$root/.tmp/e2e}"
# Relative to the project, whichever directory each part runs in.
case "$work" in /*) ;; *) work="$root/$work" ;; esac
rm -rf "$work" && mkdir -p "$work"
maildir="$work/maildir"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT

# The OpenID Connect provider, for the single sign-on tests.
OIDC_PORT="$oidc_port" APP_URL="http://127.0.0.1:$sso_port,http://127.0.0.1:$idle_port" \
    node e2e/oidc/provider.mjs >"$work/oidc.log" 2>&1 &
pids+=($!)

# The SMTP server: each message becomes a file in $maildir/new, headers
# (X-RcptTo names the recipient) then body.
"$mail_python" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$maildir" \
    >"$work/smtp.log" 2>&1 &
pids+=($!)
for attempt in $(seq 1 60); do
    (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break
    if [[ $attempt -eq 60 ]]; then
        echo "e2e: the SMTP server never listened on $smtp_port" >&2
        tail -n 20 "$work/smtp.log" >&2
        exit 1
    fi
    sleep 0.5
done

# One server with the development sign-in, one with single sign-on, and one
# with a 20-second idle time-out for the time-out warning; each on a fresh
# SQLite database with the demo organisations.
start_server() { # name port extra-env...
    local name=$1 server_port=$2
    shift 2
    env SUPERVISION_DATABASE_URL="sqlite://$work/$name.db?mode=rwc" \
        SUPERVISION_BIND="127.0.0.1:$server_port" \
        SUPERVISION_STATIC_DIR="$root/frontend/dist" \
        SUPERVISION_DEMO_MONTHS=6 \
        RUST_LOG=warn \
        "$@" target/debug/supervision >"$work/$name.log" 2>&1 &
    pids+=($!)
}
# The development server sends its emails (polling the outbox every second);
# so it has no /dev/outbox page, which is only there without SMTP.
start_server dev "$port" \
    SUPERVISION_SMTP_URL="smtp://127.0.0.1:$smtp_port" SUPERVISION_REMINDERS=false \
    SUPERVISION_OUTBOX_POLL_SECONDS=1
start_server sso "$sso_port" \
    SUPERVISION_OIDC_ISSUER="http://127.0.0.1:$oidc_port" \
    SUPERVISION_OIDC_CLIENT_ID=supervision \
    SUPERVISION_OIDC_CLIENT_SECRET=supervision-e2e-secret
start_server idle "$idle_port" SUPERVISION_SESSION_IDLE_SECONDS=20 \
    SUPERVISION_OIDC_ISSUER="http://127.0.0.1:$oidc_port" \
    SUPERVISION_OIDC_CLIENT_ID=supervision \
    SUPERVISION_OIDC_CLIENT_SECRET=supervision-e2e-secret

# Ready means the database answers and, for the SSO server, the provider
# has been discovered.
for url in "http://127.0.0.1:$port/health/ready" "http://127.0.0.1:$sso_port/health/ready" \
    "http://127.0.0.1:$idle_port/health/ready"; do
    for attempt in $(seq 1 120); do
        curl -fsS "$url" >/dev/null 2>&1 && break
        if [[ $attempt -eq 120 ]]; then
            echo "e2e: $url never became ready" >&2
            tail -n 20 "$work"/*.log >&2
            exit 1
        fi
        sleep 0.5
    done
done

cd e2e
# server-stopped.spec.ts starts and stops a server of its own, from $root,
# on E2E_RESTART_PORT and the port after it. Screenshots and traces of
# failures go in the work directory, so runs side by side keep their own.
E2E_MAILDIR="$maildir" E2E_BASE_URL="http://127.0.0.1:$port" E2E_SSO_URL="http://127.0.0.1:$sso_port" \
    E2E_IDLE_URL="http://127.0.0.1:$idle_port" \
    E2E_OIDC_URL="http://127.0.0.1:$oidc_port" \
    E2E_ROOT="$root" E2E_RESTART_PORT="${E2E_RESTART_PORT:-3103}" \
    npx playwright test --output="$work/test-results" "$@"
