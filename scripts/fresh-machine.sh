#!/usr/bin/env bash
# Proves that the README's two commands set themselves up on a machine that
# has never seen the project: builds a clean Debian 12 root with debootstrap,
# gives it only what a fresh machine of this kind ships (rustup's toolchain,
# Node, Python, git and a C compiler), clones the repository's committed
# HEAD into it and, inside a chroot:
#   1. `./dev setup`: every install step, each checked afterwards;
#   2. `./dev run`: builds the front end and the server, starts it on SQLite
#      with demo data; the check waits for /health/ready, fetches the page
#      and the wasm, and has Chromium render the sign-in page;
#   3. the set-up of `./dev test`: PostgreSQL started, the end-to-end tests'
#      npm packages, the SMTP server's Python packages; then one end-to-end
#      spec in Chromium and a short fuzz run, so the tools are proven to
#      work and not only installed.
# With --full it then runs the whole `./dev test` in the clean root.
#
#   bash scripts/fresh-machine.sh [--full] [--rebuild]
#     --rebuild   debootstrap again rather than unpack the cached clean root
#   FRESH_DIR     where the root lives (default /var/tmp/supervision-fresh)
#
# Slow (cold builds on two cores): not part of `./dev test`; run it before
# calling anything that touches set-up done. Needs root. Nothing here is
# taken from the host's project folders: only its Debian mirror settings
# and the toolchains a fresh machine ships.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
full=0
rebuild=0
for arg in "$@"; do
    case "$arg" in
        --full) full=1 ;;
        --rebuild) rebuild=1 ;;
        *) echo "usage: $0 [--full] [--rebuild]" >&2; exit 2 ;;
    esac
done
[[ $(id -u) -eq 0 ]] || { echo "fresh-machine: needs root (debootstrap, chroot, mounts)" >&2; exit 1; }

dir="${FRESH_DIR:-/var/tmp/supervision-fresh}"
root="$dir/root"
base="$dir/bookworm-base.tar"
started=$(date +%s)
say() { printf '\nfresh-machine [%4ds]: %s\n' "$(( $(date +%s) - started ))" "$*"; }

command -v debootstrap >/dev/null || {
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

# The Debian mirror this machine is configured with (never a name in code).
mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[[ -n "$mirror" ]] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[[ -n "$mirror" ]] || { echo "fresh-machine: no Debian mirror configured on this machine" >&2; exit 1; }

unmount_all() {
    # Anything still running in the root (servers the checks started).
    local pid
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ "$(readlink "/proc/$pid/root" 2>/dev/null)" == "$root" ]] && kill -9 "$pid" 2>/dev/null || true
    done
    sleep 1
    local m
    for m in $(awk -v r="$root" '$2 ~ "^"r {print $2}' /proc/mounts | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
}
trap unmount_all EXIT

unmount_all
rm -rf "$root"
mkdir -p "$root"
if [[ $rebuild -eq 1 || ! -f "$base" ]]; then
    say "debootstrap: a minimal Debian 12 from $mirror"
    # What a fresh machine of this kind has besides the toolchains below:
    # git, a C compiler for crates that build C, certificates, and sudo-free
    # root. Everything else must come from the project's own scripts.
    debootstrap --variant=minbase \
        --include=ca-certificates,git,gcc,libc6-dev,procps,xz-utils \
        bookworm "$root" "$mirror" >"$dir/debootstrap.log" 2>&1 \
        || { tail -n 20 "$dir/debootstrap.log" >&2; exit 1; }
    tar -C "$root" -cf "$base" .
else
    say "unpacking the cached clean root ($base)"
    tar -C "$root" -xf "$base"
fi

# The same package sources as this machine (main, updates, security).
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
cp /etc/resolv.conf "$root/etc/resolv.conf"

# This workplace's network: the certificate authorities its registries are
# reached through, and the client settings that name them. Every machine
# here has them; they are the machine's, not the project's.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null 2>&1
fi
[[ -f /etc/pip.conf ]] && cp /etc/pip.conf "$root/etc/pip.conf"
[[ -f "$HOME/.npmrc" ]] && cp "$HOME/.npmrc" "$root/root/.npmrc"
machine_env=()
while IFS= read -r line; do machine_env+=("$line"); done \
    < <(env | grep -E '^[A-Z_]*(CERT|CA_BUNDLE|CAINFO|CA_CERTS|SSL_CERT|PIP_)[A-Z_]*=' || true)

say "giving it what a fresh machine ships: rustup's toolchains, Node, Python"
mkdir -p "$root/root/.cargo" "$root/root/.rustup" "$root/root/.pyenv"
cp -a "$HOME/.cargo/bin" "$root/root/.cargo/bin"
# Less whatever `cargo install` added here since (wasm-bindgen-cli, say):
# a fresh machine has only rustup's own commands.
if [[ -f "$HOME/.cargo/.crates2.json" ]]; then
    python3 -c 'import json, sys
for install in json.load(open(sys.argv[1]))["installs"].values():
    print("\n".join(install["bins"]))' "$HOME/.cargo/.crates2.json" \
        | while read -r bin; do rm -f "$root/root/.cargo/bin/$bin"; done
fi
mount --bind "$HOME/.rustup" "$root/root/.rustup"
mount -o remount,bind,ro "$root/root/.rustup"
if [[ -d "$HOME/.pyenv" ]]; then
    mount --bind "$HOME/.pyenv" "$root/root/.pyenv"
    mount -o remount,bind,ro "$root/root/.pyenv"
fi
if command -v node >/dev/null; then
    # The node package as installed here (binary, npm, headers).
    dpkg -L nodejs 2>/dev/null | while read -r f; do
        [[ -f "$f" || -L "$f" ]] && cp -a --parents "$f" "$root/" 2>/dev/null || true
    done
    # npm as the machine has it: a fresh machine upgrades the package's
    # npm when it starts, so its files are not the package's list.
    rm -rf "$root/usr/lib/node_modules"
    cp -a /usr/lib/node_modules "$root/usr/lib/node_modules"
fi

mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/dev/shm"
mount -t tmpfs tmpfs "$root/tmp"

say "cloning the repository (committed HEAD $(git rev-parse --short HEAD))"
mkdir -p "$root/work"
git clone -q --no-local "$repo" "$root/work/project"

cat >"$root/work/check.sh" <<'CHECK'
#!/bin/bash
set -euo pipefail
export HOME=/root
export PATH=/root/.cargo/bin:/root/.pyenv/shims:/root/.pyenv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export TEST_PG_PORT=5544 CARGO_TERM_COLOR=never
cd /work/project
t0=$(date +%s)
mark() { printf '\ncheck [%4ds]: %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

mark "./dev setup"
./dev setup

mark "./dev run (built from scratch, then started)"
export SUPERVISION_BIND=127.0.0.1:3977
./dev run >/work/run.log 2>&1 &
run_pid=$!
ready=0
for _ in $(seq 1 2400); do
    if curl -fsS http://127.0.0.1:3977/health/ready >/dev/null 2>&1; then ready=1; break; fi
    kill -0 $run_pid 2>/dev/null || break
    sleep 1
done
if [[ $ready -ne 1 ]]; then tail -n 40 /work/run.log; echo "check: ./dev run never became ready"; exit 1; fi
grep -q 'Supervision is running at' /work/run.log
curl -fsS http://127.0.0.1:3977/ | grep -q '<html'
# The wasm's name carries its content's hash: index.html names it.
wasm=$(curl -fsS http://127.0.0.1:3977/ | grep -oE '/app_bg-[0-9a-f]+\.wasm' | head -n 1)
[[ -n "$wasm" ]] || { echo "check: index.html names no hashed app_bg wasm"; exit 1; }
wasm_bytes=$(curl -fsS "http://127.0.0.1:3977$wasm" | wc -c)
[[ $wasm_bytes -gt 100000 ]] || { echo "check: $wasm is $wasm_bytes bytes"; exit 1; }
# Sent precompressed when asked, and kept by the browser.
wasm_headers=$(curl -fsS -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:3977$wasm" | tr -d '\r')
grep -qi '^content-encoding: br$' <<<"$wasm_headers" || { echo "check: $wasm not sent as brotli"; echo "$wasm_headers"; exit 1; }
grep -qi '^cache-control: .*immutable' <<<"$wasm_headers" || { echo "check: $wasm not cached"; echo "$wasm_headers"; exit 1; }
mkdir -p /work/chromium
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir=/work/chromium --window-size=375,812 --virtual-time-budget=15000 \
    --dump-dom http://127.0.0.1:3977/signin >/work/signin.html 2>/work/chromium.log
grep -q 'Priya Shah' /work/signin.html || { echo "check: the sign-in page did not render"; head -c 2000 /work/signin.html; exit 1; }
kill $run_pid; wait $run_pid 2>/dev/null || true
pkill -f target/debug/supervision || true
mark "./dev run: ready, page and wasm served (brotli, cached), the sign-in page rendered in Chromium"

mark "the set-up of ./dev test: PostgreSQL, npm packages, Python packages"
url=$(bash scripts/postgres.sh)
# This root shares the machine's network: its server must be the one on
# TEST_PG_PORT, not one the machine itself may run on 5432.
[[ "$url" == *":5544/"* ]] || { echo "check: PostgreSQL is not on 5544: $url"; exit 1; }
psql "$url" -Atc 'SHOW data_directory'
pg_isready -h 127.0.0.1 -p 5544
(cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
mail_python=$(bash scripts/mail-venv.sh)
"$mail_python" -c 'import aiosmtpd'
mark "the tests' tools at work: one end-to-end spec in Chromium, a short fuzz run"
bash scripts/e2e.sh time-zone
FUZZ_EXAMPLES=2 FUZZ_TIMEOUT=120 bash scripts/fuzz.sh
if [[ "${FULL:-0}" == 1 ]]; then
    mark "./dev test"
    ./dev test
fi
pg_ctlcluster "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main stop || true
mark "done"
CHECK
chmod +x "$root/work/check.sh"

say "running the checks in the clean root"
set +e
chroot "$root" /usr/bin/env -i "${machine_env[@]}" FULL=$full TERM=dumb /work/check.sh 2>&1 | tee "$dir/check.log"
status=${PIPESTATUS[0]}
set -e
if [[ $status -ne 0 ]]; then
    say "FAILED (exit $status); the log is $dir/check.log"
    exit "$status"
fi
say "passed: both commands set themselves up on a clean Debian 12 root"
