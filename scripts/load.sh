#!/usr/bin/env bash
# Concurrent saves against the real server (release build) on SQLite and on
# PostgreSQL in one run: prints saves per second, failures and latency for
# each, to compare engines and commits. Bounded in requests and time, on
# 127.0.0.1 only. Settings: BENCH_SUPERVISORS (16), BENCH_ROUNDS (10),
# BENCH_SECONDS (60 per engine). See backend/benches/saves.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
BENCH_POSTGRES_URL="$(bash scripts/postgres.sh)" exec cargo bench -q -p backend --bench saves
