#!/usr/bin/env bash
# Builds the Leptos front end into frontend/dist/ (index.html, app.js,
# app_bg.wasm, style.css). Run from the repository root.
#
# Uses rustup's wasm32 target when it is installed; otherwise Debian's Rust
# (rustc-web), which ships the standard library's source so std can be built
# for wasm32 with -Z build-std (rustup's servers may be out of reach).
# The wasm build has its own target directory so it never invalidates the
# host build's cache.
set -euo pipefail

ROOT="$(pwd)"
if [[ ! -f "$ROOT/frontend/Cargo.toml" ]]; then
    echo "build-frontend: run this from the repository root" >&2
    exit 1
fi

TARGET=wasm32-unknown-unknown
PROFILE=wasm-release
export CARGO_TARGET_DIR="$ROOT/target/wasm"
DIST="$ROOT/frontend/dist"

# Debian's wasm toolchain (when rustup has no wasm32 target), wasm-opt and
# wasm-bindgen-cli at the version in Cargo.lock, each checked.
bash "$ROOT/scripts/setup.sh" frontend

# --- 1. compile to wasm32 (rustup target, or Debian's rustc-web) ----------
bash "$ROOT/scripts/wasm-cargo.sh" build -p frontend --profile "$PROFILE"

WASM="$CARGO_TARGET_DIR/$TARGET/$PROFILE/frontend.wasm"
[[ -f "$WASM" ]] || { echo "build-frontend: $WASM was not produced" >&2; exit 1; }

export PATH="${HOME}/.cargo/bin:$PATH"

# --- 2. wasm-opt, then wasm-bindgen ------------------------------------------
# wasm-opt runs on the compiler's output, *before* wasm-bindgen: Debian's
# binaryen 108 run on wasm-bindgen's output breaks its externref table
# ("WebAssembly.Table.set(): Argument 1 is invalid for table" on load).
# -Os, not -Oz: -Oz adds merge-similar-functions, which folds look-alike
# functions into one taking a parameter, and then wasm-bindgen cannot read
# the closure descriptors any more ("failed to find `0` in function table").
# The difference in size is about 1.5%.
OPTIMISED="$CARGO_TARGET_DIR/$TARGET/$PROFILE/frontend.opt.wasm"
wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    "$WASM" -o "$OPTIMISED"
BINDGEN_INPUT="$OPTIMISED"

rm -rf "$DIST"
mkdir -p "$DIST"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$DIST" --out-name app "$BINDGEN_INPUT"

# --- 3. static files ----------------------------------------------------------
cp "$ROOT/frontend/index.html" "$ROOT/frontend/style.css" "$ROOT/frontend/boot.js" "$DIST/"

raw=$(wc -c <"$DIST/app_bg.wasm")
gz=$(gzip -9 -c "$DIST/app_bg.wasm" | wc -c)
echo "build-frontend: done: $DIST"
echo "build-frontend: app_bg.wasm ${raw} bytes, ${gz} bytes gzipped"
