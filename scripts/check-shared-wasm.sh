#!/usr/bin/env bash
# Proves that the shared crate builds for the browser (wasm32) and pulls in
# none of the server's dependencies: the browser bundle must never carry the
# ORM, the web server or the async runtime.
set -euo pipefail
forbidden='^(sea-orm|sea-query|sqlx|axum|tokio|async-graphql|tower|hyper|openidconnect)( |$)'
tree=$(cargo tree -p supervision-shared -e normal --prefix none --target wasm32-unknown-unknown)
if echo "$tree" | awk '{print $1}' | sort -u | grep -E "$forbidden"; then
    echo "check-shared-wasm: the shared crate pulls in server-only crates (above)" >&2
    exit 1
fi
bash scripts/wasm-cargo.sh build -p supervision-shared --profile wasm-release
echo "check-shared-wasm: supervision-shared builds for wasm32 with $(echo "$tree" | awk '{print $1}' | sort -u | wc -l) crates, none server-only"
