#!/usr/bin/env bash
# Builds the Leptos front end into frontend/dist/. Run from the repository
# root. What it writes:
#
#   index.html                  the page, naming the files below
#   app-HASH.js, app_bg-HASH.wasm, style-HASH.css, boot-HASH.js
#   sw.js, manifest.webmanifest, icon.svg, icon-192.png, icon-512.png
#                               the installable app (sw.js keeps the shell)
#   each of the text files again as .br and .gz (precompressed, served as asked)
#
# HASH is the first 8 hex digits of the file's SHA-256, so a file's name
# changes whenever its content does: the server lets browsers keep hashed
# files for a year without asking again (backend/src/web/static_files.rs),
# and index.html, asked for each time, names the current ones.
#
# Uses rustup's wasm32 target when it is installed; otherwise Debian's Rust
# (rustc-web), which ships the standard library's source so std can be built
# for wasm32 with -Z build-std (rustup's servers may be out of reach).
# The wasm build has its own target directory so it never invalidates the
# host build's cache.
set -euo pipefail
# Failures inside $(…) stop the build too (the hashed names are read so).
shopt -s inherit_errexit

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
# erase_components: Leptos's view! then wraps each component and reactive
# closure in one type-erased form instead of a type of its own, so its view
# machinery is compiled once per output type rather than once per closure.
# The wasm is a fifth smaller, a quarter once compressed (`./dev wasm-size`;
# README.md's "The first page on a phone"), for one small allocation and an
# indirect call per reactive closure.
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components"
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
# --omit-default-module-path: app.js does not name the wasm file (its name
# is hashed below); boot.js passes it to init.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --omit-default-module-path --out-dir "$DIST" --out-name app "$BINDGEN_INPUT"

# --- 3. static files, renamed by content ------------------------------------
cp "$ROOT/frontend/index.html" "$ROOT/frontend/style.css" "$ROOT/frontend/boot.js" "$DIST/"

# Renames $DIST/NAME.EXT to NAME-HASH.EXT; prints the new name.
hashed() {
    local file="$1" stem ext hash
    stem="${file%.*}"
    ext="${file##*.}"
    hash=$(sha256sum "$DIST/$file" | cut -c1-8)
    mv "$DIST/$file" "$DIST/$stem-$hash.$ext"
    echo "$stem-$hash.$ext"
}

# Replaces "/$2" with "/$3" in $DIST/$1, refusing to go on when it is not there.
point() {
    local file="$1" from="$2" to="$3"
    grep -qF "/$from" "$DIST/$file" || { echo "build-frontend: $file does not name /$from" >&2; exit 1; }
    sed -i "s|/${from//./\\.}\([\"']\)|/$to\1|g" "$DIST/$file"
}

# boot.js imports app.js and passes the wasm's name, so it is rewritten
# before its own hash is taken; index.html names all four.
WASM_NAME=$(hashed app_bg.wasm)
APP_NAME=$(hashed app.js)
point boot.js app.js "$APP_NAME"
point boot.js app_bg.wasm "$WASM_NAME"
BOOT_NAME=$(hashed boot.js)
STYLE_NAME=$(hashed style.css)
point index.html style.css "$STYLE_NAME"
point index.html app.js "$APP_NAME"
point index.html app_bg.wasm "$WASM_NAME"
point index.html boot.js "$BOOT_NAME"
# Any name left unhashed would be a file that is no longer there.
if grep -nE "/(app\.js|app_bg\.wasm|style\.css|boot\.js)[\"']" "$DIST/index.html" "$DIST/$BOOT_NAME"; then
    echo "build-frontend: an unhashed name is left (above)" >&2
    exit 1
fi

# --- 3b. the installable app: manifest, icons, service worker ----------------
# The worker keeps the page and these hashed files (never an API answer), so
# the app opens offline; its cache is named after this build (boot.js's
# hash changes whenever any file it loads does).
cp "$ROOT/frontend/manifest.webmanifest" "$ROOT/frontend/icon.svg" \
    "$ROOT/frontend/icon-192.png" "$ROOT/frontend/icon-512.png" "$DIST/"
SHELL_LIST="'/', '/$APP_NAME', '/$WASM_NAME', '/$STYLE_NAME', '/$BOOT_NAME', '/manifest.webmanifest', '/icon.svg'"
sed -e "s|/\*SHELL\*/|$SHELL_LIST|" -e "s|/\*VERSION\*/|${BOOT_NAME%.js}|" \
    "$ROOT/frontend/sw.js" >"$DIST/sw.js"
if grep -q '/\*SHELL\*/\|/\*VERSION\*/' "$DIST/sw.js"; then
    echo "build-frontend: sw.js was not filled in" >&2
    exit 1
fi

# --- 4. precompressed copies (.br, .gz) --------------------------------------
SIZES=$("$ROOT/target/tools/release/precompress" \
    "$DIST/index.html" "$DIST/$APP_NAME" "$DIST/$WASM_NAME" "$DIST/$STYLE_NAME" "$DIST/$BOOT_NAME" \
    "$DIST/sw.js" "$DIST/manifest.webmanifest")

echo "build-frontend: done: $DIST"
echo "$SIZES" | awk '{ n = split($1, p, "/"); printf "build-frontend: %-24s %9d bytes raw, %8d gzip, %8d brotli\n", p[n], $2, $3, $4 }'
