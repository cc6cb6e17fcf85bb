#!/usr/bin/env bash
# Builds the Leptos front end into frontend/dist/. Run from the repository
# root. What it writes:
#
#   index.html                  the page, naming the files below
#   app-HASH.js, app_bg-HASH.wasm, style-HASH.css, boot-HASH.js
#   __wasm_split-HASH.js, chunk_N-HASH.wasm, split_NAME-HASH.wasm
#                               the pages' code, split off the main module
#                               and loaded when a page first needs it
#                               (frontend/src/routes.rs, tools/wasm-split)
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
#
# --emit-relocs: the linker keeps its relocations in the wasm, which is how
# tools/wasm-split can cut functions out of it and into chunks (step 2).
export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }--cfg erase_components -Clink-args=--emit-relocs"
bash "$ROOT/scripts/wasm-cargo.sh" build -p frontend --profile "$PROFILE"

WASM="$CARGO_TARGET_DIR/$TARGET/$PROFILE/frontend.wasm"
[[ -f "$WASM" ]] || { echo "build-frontend: $WASM was not produced" >&2; exit 1; }

export PATH="${HOME}/.cargo/bin:$PATH"

# --- 2. split, then wasm-opt and wasm-bindgen -------------------------------
# tools/wasm-split cuts the pages' code out at the #[lazy] functions of
# frontend/src/routes.rs: main.wasm keeps the app's frame (router, header,
# session), and each chunk the code only some pages use; __wasm_split.js
# fetches a chunk the first time a page needs it.
SPLIT="$CARGO_TARGET_DIR/$TARGET/$PROFILE/split"
rm -rf "$SPLIT"
"$ROOT/target/tools/release/wasm-split" "$WASM" "$SPLIT" ./app.js >"$SPLIT.points"

# wasm-opt shrinks the chunks only. On the main module it saved 1.5 KB
# compressed and broke the app: the chunks call into it through its function
# table, and after Debian's binaryen 108 rewrote it a chunk's call failed
# with "function signature mismatch". (The compiler already optimised for
# size, with LTO, and wasm-bindgen drops what nothing uses.) -Os, not -Oz:
# -Oz adds merge-similar-functions, which folds look-alike functions into
# one taking a parameter. The chunks never pass through wasm-bindgen, so
# wasm-opt also drops their names here.
OPT_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int
    --enable-sign-ext --enable-mutable-globals --enable-reference-types)

rm -rf "$DIST"
mkdir -p "$DIST"
CHUNKS=()
for chunk in "$SPLIT"/*.wasm; do
    name="$(basename "$chunk")"
    [[ "$name" == main.wasm ]] && continue
    # (binaryen 108 warns of a name subsection it does not know; said once per
    # chunk, and harmless: the names are dropped.)
    if ! out=$(wasm-opt -Os --strip-debug --strip-producers "${OPT_FEATURES[@]}" "$chunk" -o "$DIST/$name" 2>&1); then
        echo "$out" >&2
        exit 1
    fi
    grep -v 'unknown name subsection' <<<"$out" >&2 || true
    CHUNKS+=("$name")
done
cp "$SPLIT/__wasm_split.js" "$DIST/"

# --keep-lld-exports: the chunks import the main module's functions, table
# and memory by the linker's export names.
# --omit-default-module-path: app.js does not name the wasm file (its name
# is hashed below); boot.js passes it to init.
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --keep-lld-exports --omit-default-module-path --out-dir "$DIST" --out-name app "$SPLIT/main.wasm"

# --- 3. static files, renamed by content ------------------------------------
cp "$ROOT/frontend/index.html" "$ROOT/frontend/style.css" "$ROOT/frontend/boot.js" "$DIST/"

# Renames $DIST/NAME.EXT to NAME-HASH.EXT (HASH: the file's own, or $2);
# prints the new name.
hashed() {
    local file="$1" stem ext hash
    stem="${file%.*}"
    ext="${file##*.}"
    hash="${2:-$(sha256sum "$DIST/$file" | cut -c1-8)}"
    mv "$DIST/$file" "$DIST/$stem-$hash.$ext"
    echo "$stem-$hash.$ext"
}

# Replaces "/$2" with "/$3" in $DIST/$1, refusing to go on when it is not there.
point() {
    local file="$1" from="$2" to="$3"
    grep -qF "/$from" "$DIST/$file" || { echo "build-frontend: $file does not name /$from" >&2; exit 1; }
    sed -i "s|/${from//./\\.}\([\"']\)|/$to\1|g" "$DIST/$file"
}

# The chunks first (only __wasm_split.js names them). app.js and
# __wasm_split.js import each other, so neither can carry a hash of the
# other's final text: both take one hash of the pair.
HASHED_CHUNKS=()
for chunk in "${CHUNKS[@]}"; do
    new=$(hashed "$chunk")
    point __wasm_split.js "$chunk" "$new"
    HASHED_CHUNKS+=("$new")
done
PAIR_HASH=$(cat "$DIST/app.js" "$DIST/__wasm_split.js" | sha256sum | cut -c1-8)
# Only app.js's import lines: the same name is also the key its imports
# object gives the main wasm, which must stay the name the wasm asks for.
grep -q '^import \* as [a-z0-9_]* from "\./__wasm_split\.js"' "$DIST/app.js" \
    || { echo "build-frontend: app.js does not import ./__wasm_split.js" >&2; exit 1; }
sed -i "s|^\(import \* as [a-z0-9_]* from \"\./\)__wasm_split\.js\"|\1__wasm_split-$PAIR_HASH.js\"|" "$DIST/app.js"
point __wasm_split.js app.js "app-$PAIR_HASH.js"
SPLIT_NAME=$(hashed __wasm_split.js "$PAIR_HASH")
APP_NAME=$(hashed app.js "$PAIR_HASH")

# boot.js asks early for the files of the page opened: each group of pages
# (the split points tools/wasm-split listed, home_view_123… → home) with the
# files it needs, by their hashed names.
declare -A HASHED_AS
for i in "${!CHUNKS[@]}"; do HASHED_AS[${CHUNKS[$i]%.wasm}]="${HASHED_CHUNKS[$i]}"; done
PAGE_FILES="{"
while read -r point files; do
    group="${point%_view_*}"
    PAGE_FILES+="$group: ["
    for file in $files; do
        [[ -n "${HASHED_AS[$file]:-}" ]] || { echo "build-frontend: no chunk $file for $point" >&2; exit 1; }
        PAGE_FILES+="'${HASHED_AS[$file]}', "
    done
    PAGE_FILES+="], "
done <"$SPLIT.points"
PAGE_FILES+="}"
grep -qF '/*PAGE_FILES*/{}' "$DIST/boot.js" || { echo "build-frontend: boot.js has no /*PAGE_FILES*/{}" >&2; exit 1; }
sed -i "s|/\*PAGE_FILES\*/{}|$PAGE_FILES|" "$DIST/boot.js"

# boot.js imports app.js, passes the wasm's name and may preload all three,
# so it is rewritten before its own hash is taken; index.html names all four.
WASM_NAME=$(hashed app_bg.wasm)
point boot.js app.js "$APP_NAME"
point boot.js app_bg.wasm "$WASM_NAME"
point boot.js __wasm_split.js "$SPLIT_NAME"
BOOT_NAME=$(hashed boot.js)
STYLE_NAME=$(hashed style.css)
point index.html style.css "$STYLE_NAME"
point index.html app.js "$APP_NAME"
point index.html __wasm_split.js "$SPLIT_NAME"
point index.html app_bg.wasm "$WASM_NAME"
point index.html boot.js "$BOOT_NAME"
# Any name left unhashed would be a file that is no longer there.
if grep -nE "/(app\.js|app_bg\.wasm|style\.css|boot\.js|__wasm_split\.js|chunk_[0-9]+\.wasm|split_[a-z_0-9]+\.wasm)[\"']" \
    "$DIST/index.html" "$DIST/$BOOT_NAME" "$DIST/$SPLIT_NAME" \
    || grep -nE '^import .*/__wasm_split\.js"' "$DIST/$APP_NAME"; then
    echo "build-frontend: an unhashed name is left (above)" >&2
    exit 1
fi

# --- 3b. the installable app: manifest, icons, service worker ----------------
# The worker keeps the page and these hashed files (never an API answer), so
# the app opens offline; its cache is named after this build (boot.js's
# hash changes whenever any file it loads does).
cp "$ROOT/frontend/manifest.webmanifest" "$ROOT/frontend/icon.svg" \
    "$ROOT/frontend/icon-192.png" "$ROOT/frontend/icon-512.png" "$DIST/"
SHELL_LIST="'/index.html', '/$APP_NAME', '/$SPLIT_NAME', '/$WASM_NAME', '/$STYLE_NAME', '/$BOOT_NAME', '/manifest.webmanifest', '/icon.svg'"
for chunk in "${HASHED_CHUNKS[@]}"; do SHELL_LIST+=", '/$chunk'"; done
sed -e "s|/\*SHELL\*/|$SHELL_LIST|" -e "s|/\*VERSION\*/|${BOOT_NAME%.js}|" \
    "$ROOT/frontend/sw.js" >"$DIST/sw.js"
if grep -q '/\*SHELL\*/\|/\*VERSION\*/' "$DIST/sw.js"; then
    echo "build-frontend: sw.js was not filled in" >&2
    exit 1
fi

# --- 4. precompressed copies (.br, .gz) --------------------------------------
SIZES=$("$ROOT/target/tools/release/precompress" \
    "$DIST/index.html" "$DIST/$APP_NAME" "$DIST/$SPLIT_NAME" "$DIST/$WASM_NAME" "$DIST/$STYLE_NAME" \
    "$DIST/$BOOT_NAME" "$DIST/sw.js" "$DIST/manifest.webmanifest" "${HASHED_CHUNKS[@]/#/$DIST/}")

echo "build-frontend: done: $DIST"
echo "$SIZES" | awk '{ n = split($1, p, "/"); printf "build-frontend: %-36s %9d bytes raw, %8d gzip, %8d brotli\n", p[n], $2, $3, $4 }'
