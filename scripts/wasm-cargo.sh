#!/usr/bin/env bash
# Runs `cargo <args> --target wasm32-unknown-unknown` with whichever toolchain
# can build for wasm32 here: rustup's target when installed, otherwise
# Debian's rustc-web with the standard library built from source (rustup's
# servers may be out of reach; see ../shared/TOOLCHAIN.md). Its own target
# directory keeps it from invalidating the host build's cache.
set -euo pipefail
TARGET=wasm32-unknown-unknown
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(pwd)/target/wasm}"
HOST_CARGO="${HOME}/.cargo/bin/cargo"
[[ -x "$HOST_CARGO" ]] || HOST_CARGO="$(command -v cargo || true)"

if command -v rustup >/dev/null 2>&1 \
    && rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    exec "$HOST_CARGO" "$@" --target "$TARGET"
fi

bash "$(dirname "$0")/setup.sh" wasm
# Debian's rustc must win over rustup's proxies for this build only.
PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    exec /usr/bin/cargo "$@" --target "$TARGET" -Z build-std=std,panic_abort
