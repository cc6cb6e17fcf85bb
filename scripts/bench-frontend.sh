#!/usr/bin/env bash
# ./dev bench-frontend: how fast the first page comes on a phone on a slow
# connection (issue 13). Builds the release front end, starts the server on a
# fresh SQLite database with the demo data (127.0.0.1 only), and for the
# sign-in page (signed out, cold) and the home page (signed in as a demo
# supervisor) prints:
#
#   bytes      what the first load transferred, compressed as sent (Lighthouse's
#              total byte weight), and of it the page and the app's files
#              (HTML, JS, WASM, CSS: the issue's measure), which leaves out
#              the API's answers, the icon and the manifest
#   LCP, FCP   Largest and First Contentful Paint, and the Lighthouse mobile
#   score      performance score, simulated: Slow 4G (150 ms round trip,
#              1.6 Mbps, Lighthouse's 1,638.4 kbps) and a CPU 4× slower
#   repeat     bytes sent over the network when the same page is opened again
#              in the same browser (tools/lighthouse/visits.mjs)
#
# Lighthouse runs from tools/lighthouse (npm ci there: lighthouse 12, which
# runs on Node 20, and puppeteer-core) against Debian's Chromium; neither
# downloads a browser. Each page is measured BENCH_RUNS times (default 3) and
# the median run is shown.
#
#   BENCH_NO_BUILD=1   measure frontend/dist as it is (skip the build)
#   BENCH_DIST=DIR     measure another build's files (a copy of an older
#                      frontend/dist, say); implies BENCH_NO_BUILD=1
#   BENCH_RUNS=N       Lighthouse runs per page (default 3; the median is shown)
#   BENCH_PORT         the server's port (default 3297)
#   BENCH_KEEP=DIR     keep Lighthouse's JSON reports in DIR
set -euo pipefail
root="$(pwd)"
[[ -f "$root/frontend/Cargo.toml" ]] || { echo "bench-frontend: run from the repository root" >&2; exit 1; }
port="${BENCH_PORT:-3297}"
runs="${BENCH_RUNS:-3}"
base="http://127.0.0.1:$port"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
dist="$root/frontend/dist"
if [[ -n "${BENCH_DIST:-}" ]]; then
    dist="$(cd "$BENCH_DIST" && pwd)"
    BENCH_NO_BUILD=1
fi

bash scripts/setup.sh frontend browser node curl

if [[ "${BENCH_NO_BUILD:-}" != 1 ]]; then
    bash scripts/build-frontend.sh
fi
[[ -f "$dist/index.html" ]] || { echo "bench-frontend: no $dist/index.html (build the front end first)" >&2; exit 1; }
cargo build -q -p backend

(cd tools/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
lighthouse="$root/tools/lighthouse/node_modules/.bin/lighthouse"

work="$(mktemp -d "${TMPDIR:-/tmp}/bench-frontend.XXXXXX")"
server=""
cleanup() {
    [[ -z "$server" ]] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    if [[ -n "${BENCH_KEEP:-}" ]]; then mkdir -p "$BENCH_KEEP" && cp "$work"/*.json "$BENCH_KEEP"/ 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

SUPERVISION_DATABASE_URL="sqlite://$work/bench.db?mode=rwc" \
    SUPERVISION_BIND="127.0.0.1:$port" \
    SUPERVISION_STATIC_DIR="$dist" \
    SUPERVISION_DEMO_MONTHS=6 \
    RUST_LOG=warn \
    target/debug/supervision >"$work/server.log" 2>&1 &
server=$!
for attempt in $(seq 1 120); do
    curl -fsS "$base/health/ready" >/dev/null 2>&1 && break
    if [[ $attempt -eq 120 ]] || ! kill -0 "$server" 2>/dev/null; then
        echo "bench-frontend: the server never became ready on $base" >&2
        tail -n 20 "$work/server.log" >&2
        exit 1
    fi
    sleep 0.5
done

# Signed in as Priya Shah, a demo supervisor who is herself supervised, so
# the home page has records waiting for her, agreements and actions to show
# (the server draws the waiting records into the first page), through the
# development sign-in the server enables without single sign-on.
csrf=(-H 'X-Requested-With: supervision')
staff_id=$(curl -fsS "${csrf[@]}" "$base/auth/dev/people" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s);console.log(p.find(x=>x.name==="Priya Shah").id)})')
curl -fsS "${csrf[@]}" -H 'Content-Type: application/json' -c "$work/cookies" \
    -d "{\"staffId\":\"$staff_id\"}" "$base/auth/dev/signin" >/dev/null
cookie=$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) print $6 "=" $7 }' "$work/cookies" | head -n 1)
[[ -n "$cookie" ]] || { echo "bench-frontend: signing in gave no cookie" >&2; exit 1; }

chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"

# lighthouse NAME PATH [COOKIE]: runs Lighthouse $runs times, each in a fresh
# browser profile (so cold), writing $work/NAME-N.json.
lighthouse_runs() {
    local name=$1 path=$2 cookie=${3:-} n headers=()
    [[ -z "$cookie" ]] || headers=(--extra-headers "{\"Cookie\":\"$cookie\"}")
    for n in $(seq 1 "$runs"); do
        CHROME_PATH="$chromium" timeout 180 "$lighthouse" "$base$path" \
            --quiet --only-categories=performance --output=json --output-path="$work/$name-$n.json" \
            --form-factor=mobile --throttling-method=simulate \
            --throttling.rttMs=150 --throttling.throughputKbps=1638.4 --throttling.cpuSlowdownMultiplier=4 \
            --max-wait-for-load=60000 --chrome-flags="$chrome_flags" "${headers[@]}" \
            || { echo "bench-frontend: Lighthouse failed on $path" >&2; exit 1; }
    done
}

# visits NAME PATH [COOKIE]: bytes of a first and a repeat load, $work/NAME-visits.json.
visits() {
    local name=$1 path=$2 cookie=${3:-}
    CHROMIUM_PATH="$chromium" timeout 120 node tools/lighthouse/visits.mjs "$base$path" $cookie >"$work/$name-visits.json"
}

echo "bench-frontend: measuring /signin (signed out) and / (signed in), $runs Lighthouse runs each"
lighthouse_runs signin /signin
visits signin /signin
lighthouse_runs home / "$cookie"
visits home / "$cookie"

# One line per page: the median run by LCP.
node - "$work" "$runs" <<'JS'
const fs = require('fs');
const [work, runs] = process.argv.slice(2);
const kb = (b) => (b / 1024).toFixed(1) + ' KB';
const s = (ms) => (ms / 1000).toFixed(2) + ' s';
const rows = [['page', 'first load', 'HTML, JS, WASM, CSS', 'LCP', 'FCP', 'score', 'repeat visit']];
// The page and the app's own files: what the issue's aim for bytes counts.
const appFile = (item) => ['Document', 'Script', 'Stylesheet'].includes(item.resourceType)
  || item.mimeType === 'application/wasm';
for (const [name, label] of [['signin', '/signin, signed out'], ['home', '/, signed in']]) {
  const reports = [];
  for (let n = 1; n <= Number(runs); n++) {
    const r = JSON.parse(fs.readFileSync(`${work}/${name}-${n}.json`, 'utf8'));
    if (r.runtimeError) throw new Error(`${name}: ${r.runtimeError.message}`);
    reports.push({
      bytes: r.audits['total-byte-weight'].numericValue,
      app: r.audits['network-requests'].details.items
        .filter(appFile)
        .reduce((sum, item) => sum + (item.transferSize || 0), 0),
      lcp: r.audits['largest-contentful-paint'].numericValue,
      fcp: r.audits['first-contentful-paint'].numericValue,
      score: Math.round(r.categories.performance.score * 100),
    });
  }
  reports.sort((a, b) => a.lcp - b.lcp);
  const m = reports[Math.floor(reports.length / 2)];
  const v = JSON.parse(fs.readFileSync(`${work}/${name}-visits.json`, 'utf8'));
  rows.push([label, kb(m.bytes), kb(m.app), s(m.lcp), s(m.fcp), String(m.score),
    `${kb(v.repeat.bytes)} (${v.repeat.requests} requests)`]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log();
for (const [i, r] of rows.entries()) {
  console.log('| ' + r.map((c, j) => c.padEnd(widths[j])).join(' | ') + ' |');
  if (i === 0) console.log('| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |');
}
JS
