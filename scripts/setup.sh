#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine, then checks that
# each tool is really there. Every other script calls this for the parts it
# uses, so there is one list of install steps and one place that says which
# package to install when something is missing.
#
#   bash scripts/setup.sh run     what `./dev run` needs (front-end toolchain)
#   bash scripts/setup.sh test    what `./dev test` needs (all of it)
#   bash scripts/setup.sh PART…   single parts: host wasm frontend precompress wasm_split
#                                 postgres browser node python curl
#
# Why the checks: an install step that "succeeds" is not proof. Debian's
# rustc-web 1.96.0+dfsg1-1~deb12u2 moved /usr/bin/rust-lld into
# rust-web-llvm, a Recommends that --no-install-recommends skips; machines
# set up earlier kept the old link, so the build stayed green there while
# every new machine failed. Now each tool is looked for after installing and
# a missing one stops the script, naming the package to install.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
export PATH="$HOME/.cargo/bin:$PATH"
ROOT="$(pwd)"

say() { printf 'setup: %s\n' "$*" >&2; }
missing() {
    say "MISSING: $1"
    say "  install it with: $2"
    exit 1
}

# One `apt-get update` per run, and only when something must be installed:
# a fresh machine's package lists may be old enough to offer a rustc-web
# that cannot build this workspace, or no lld-22 at all.
apt_updated=0
apt_install() {
    if [[ $apt_updated -eq 0 ]]; then
        say "refreshing Debian's package lists"
        apt-get update -qq >/dev/null
        apt_updated=1
    fi
    say "installing from Debian: $*"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# True when each named Debian package is installed.
installed() {
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || return 1
    done
}

# Installs the packages that are not installed yet.
ensure_packages() {
    local want=() pkg
    for pkg in "$@"; do
        installed "$pkg" || want+=("$pkg")
    done
    [[ ${#want[@]} -eq 0 ]] || apt_install "${want[@]}"
}

part_host() {
    command -v cargo >/dev/null || missing "cargo (the host Rust toolchain)" "rustup (rustup.rs), stable toolchain"
    cargo clippy --version >/dev/null 2>&1 || missing "cargo clippy" "rustup component add clippy"
    cargo fmt --version >/dev/null 2>&1 || missing "cargo fmt" "rustup component add rustfmt"
}

# rustup's wasm32 target when it is installed (an ordinary developer
# machine); otherwise Debian's rustc-web with the standard library's source,
# built with -Z build-std (rustup's servers may be out of reach; see
# ../shared/TOOLCHAIN.md). scripts/wasm-cargo.sh makes the same choice.
part_wasm() {
    if command -v rustup >/dev/null 2>&1 \
        && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        return
    fi
    ensure_packages rustc-web cargo-web rust-web-src rust-web-llvm lld-22
    [[ -x /usr/bin/rustc && -x /usr/bin/cargo ]] || missing "/usr/bin/rustc and /usr/bin/cargo" "apt-get install rustc-web cargo-web"
    [[ -d /usr/lib/rustlib/src/rust/library ]] || missing "the standard library's source" "apt-get install rust-web-src"
    [[ -e /usr/bin/rust-lld ]] && /usr/bin/rust-lld -flavor wasm --version >/dev/null 2>&1 \
        || missing "rust-lld (the wasm linker)" "apt-get install rust-web-llvm lld-22"
}

# The wasm version of wasm-bindgen in Cargo.lock: the CLI must match it.
lock_wasm_bindgen() {
    awk '
        /^\[\[package\]\]/ { name = "" }
        /^name = "wasm-bindgen"$/ { name = "wasm-bindgen"; next }
        name == "wasm-bindgen" && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' "$ROOT/Cargo.lock"
}

# tools/precompress writes the front end's .br and .gz files (the brotli and
# zopfli crates): built here with the host toolchain rather than installing
# Debian's `brotli`, which would be one more system package and has no
# Zopfli for the gzip copies. Its own target directory, and its own
# Cargo.lock (--locked), so the server's dependencies never change with it.
PRECOMPRESS="$ROOT/target/tools/release/precompress"
part_precompress() {
    build_tool precompress "the .br and .gz writer; under a minute"
    local probe
    probe="$(mktemp -d)"
    printf 'probe probe probe\n' >"$probe/probe.js"
    if ! "$PRECOMPRESS" "$probe/probe.js" >/dev/null 2>&1 || [[ ! -s "$probe/probe.js.br" || ! -s "$probe/probe.js.gz" ]]; then
        rm -rf "$probe"
        missing "a working $PRECOMPRESS" "$(tool_build_command precompress)"
    fi
    rm -rf "$probe"
}

# The command that builds tools/$1 (a workspace of its own) into
# target/tools with the host toolchain and its own Cargo.lock.
tool_build_command() {
    echo "cargo build -q --release --locked --manifest-path $ROOT/tools/$1/Cargo.toml --target-dir $ROOT/target/tools"
}

# Builds tools/$1 (cargo finds it up to date after the first time); $2 says
# what it is, for the message before the first build.
build_tool() {
    local name="$1" what="$2"
    command -v cargo >/dev/null || missing "cargo (the host Rust toolchain)" "rustup (rustup.rs), stable toolchain"
    [[ -x "$ROOT/target/tools/release/$name" ]] || say "building tools/$name ($what)"
    cargo build -q --release --locked --manifest-path "$ROOT/tools/$name/Cargo.toml" \
        --target-dir "$ROOT/target/tools" \
        || missing "tools/$name (it did not build)" "$(tool_build_command "$name")"
}

# tools/wasm-split cuts the front end's wasm into the main module and the
# pages' chunks (the splitter Leptos's own build tool uses, as a library):
# built like tools/precompress, into target/tools with its own Cargo.lock.
WASM_SPLIT="$ROOT/target/tools/release/wasm-split"
part_wasm_split() {
    build_tool wasm-split "the wasm splitter; about a minute"
    # Without an input it prints its usage and exits 2: proof it runs here.
    local status=0
    "$WASM_SPLIT" >/dev/null 2>&1 || status=$?
    [[ "$status" == 2 ]] || missing "a working $WASM_SPLIT" "$(tool_build_command wasm-split)"
}

part_frontend() {
    part_wasm
    part_precompress
    part_wasm_split
    command -v wasm-opt >/dev/null 2>&1 || ensure_packages binaryen
    command -v wasm-opt >/dev/null 2>&1 || missing "wasm-opt" "apt-get install binaryen"

    local want have
    want="$(lock_wasm_bindgen)"
    [[ -n "$want" ]] || { say "no wasm-bindgen in Cargo.lock"; exit 1; }
    have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    if [[ "$have" != "$want" ]]; then
        say "installing wasm-bindgen-cli $want (found: ${have:-none}); a few minutes"
        # Not --locked: one of its pinned dependencies fails to build here.
        # Its own target dir keeps it clear of the workspace's.
        CARGO_TARGET_DIR="$ROOT/target/wasm-bindgen-cli" \
            cargo install -q wasm-bindgen-cli --version "$want"
        have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    fi
    [[ "$have" == "$want" ]] || missing "wasm-bindgen $want (found: ${have:-none})" "cargo install wasm-bindgen-cli --version $want"
}

part_postgres() {
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ensure_packages postgresql
    command -v pg_ctlcluster >/dev/null 2>&1 || missing "pg_ctlcluster" "apt-get install postgresql"
    ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing "the PostgreSQL server" "apt-get install postgresql"
}

part_browser() {
    [[ -x /usr/bin/chromium ]] || ensure_packages chromium
    /usr/bin/chromium --version >/dev/null 2>&1 || missing "Chromium" "apt-get install chromium"
}

part_node() {
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || ensure_packages nodejs npm
    command -v node >/dev/null 2>&1 || missing "node" "apt-get install nodejs"
    command -v npm >/dev/null 2>&1 || missing "npm" "apt-get install npm"
    # oidc-provider and Playwright need Node 18 at least (20 is recommended).
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [[ "$major" -ge 18 ]] || missing "Node 18 or newer (found $(node --version))" "a newer nodejs package"
}

part_python() {
    command -v python3 >/dev/null 2>&1 || ensure_packages python3
    command -v python3 >/dev/null 2>&1 || missing "python3" "apt-get install python3"
    local probe
    probe="$(mktemp -d)"
    if ! python3 -m venv "$probe/venv" >/dev/null 2>&1; then
        ensure_packages python3-venv
        rm -rf "$probe/venv"
        python3 -m venv "$probe/venv" >/dev/null 2>&1 || { rm -rf "$probe"; missing "python3 -m venv" "apt-get install python3-venv"; }
    fi
    rm -rf "$probe"
}

part_curl() {
    command -v curl >/dev/null 2>&1 || ensure_packages curl
    command -v curl >/dev/null 2>&1 || missing "curl" "apt-get install curl"
}

# The throughput benchmark's load generator (only ./dev bench-throughput).
part_wrk() {
    command -v wrk >/dev/null 2>&1 || ensure_packages wrk
    command -v wrk >/dev/null 2>&1 || missing "wrk" "apt-get install wrk"
}

# Scripts run side by side (the tests start several) install one at a time.
mkdir -p "$ROOT/.tmp"
exec 8>"$ROOT/.tmp/setup.lock"
flock 8

[[ $# -gt 0 ]] || set -- test
for part in "$@"; do
    case "$part" in
        run) part_host; part_frontend ;;
        test) part_host; part_frontend; part_postgres; part_browser; part_node; part_python; part_curl ;;
        host | wasm | frontend | precompress | wasm_split | postgres | browser | node | python | curl | wrk) "part_$part" ;;
        *) say "unknown part: $part"; exit 2 ;;
    esac
done
