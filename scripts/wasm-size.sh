#!/usr/bin/env bash
# ./dev wasm-size: what takes the space in the front end's WebAssembly.
# First what each group of pages downloads (the main module, and the chunks
# tools/wasm-split made for it; brotli, as sent). Then the main module, the
# part every page waits for: takes it as scripts/build-frontend.sh leaves it
# (run that first, or this builds it), runs the same wasm-bindgen into a
# temporary directory but keeps the function names (the real build drops
# them), and prints twiggy's biggest items, its dominator tree, and the code
# bytes summed by crate (the first segment of each function's name, so
# `<T as serde::Deserialize>` counts as serde).
#
# Installs twiggy with `cargo install --locked twiggy` when it is missing.
#   WASM_SIZE_TOP=N   rows of each table (default 30)
set -euo pipefail
root="$(pwd)"
[[ -f "$root/frontend/Cargo.toml" ]] || { echo "wasm-size: run from the repository root" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
top="${WASM_SIZE_TOP:-30}"
wasm="$root/target/wasm/wasm32-unknown-unknown/wasm-release/split/main.wasm"
points="$root/target/wasm/wasm32-unknown-unknown/wasm-release/split.points"

if ! command -v twiggy >/dev/null 2>&1; then
    echo "wasm-size: installing twiggy (cargo install --locked twiggy, about 2 minutes)" >&2
    cargo install -q --locked twiggy
fi
[[ -f "$wasm" ]] || bash scripts/build-frontend.sh >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/wasm-size.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# brotli size of the shipped file whose name (before its hash) is $1.
shipped_br() {
    local file
    file=$(ls "$root"/frontend/dist/"$1"-*.br 2>/dev/null | head -n 1)
    [[ -n "$file" ]] && stat -c %s "$file" || echo 0
}
main_br=$(( $(shipped_br app_bg) + $(shipped_br app) + $(shipped_br __wasm_split) ))
echo "== what each group of pages downloads (brotli, as sent; frontend/src/routes.rs)"
printf '%-10s %9s  %s\n' group bytes "files (besides the main module: $main_br bytes)"
while read -r point files; do
    total=$main_br
    for file in $files; do total=$((total + $(shipped_br "$file"))); done
    printf '%-10s %9d  %s\n' "${point%_view_*}" "$total" "$files"
done <"$points"
echo

# The same wasm-bindgen as scripts/build-frontend.sh, keeping the names.
wasm-bindgen --target web --no-typescript --remove-producers-section --keep-lld-exports \
    --omit-default-module-path --out-dir "$work" --out-name app "$wasm"
named="$work/app_bg.wasm"

printf 'wasm-size: main module with names: %d bytes\n\n' "$(stat -c %s "$named")"

echo "== twiggy top -n $top"
twiggy top -n "$top" "$named"
echo
echo "== twiggy dominators (retained size, top $top)"
twiggy dominators -r "$top" -d 2 "$named"
echo
echo "== bytes by crate (every item; names with their crate hashes removed)"
# Two views, both rough: "first" counts each function once, under the crate
# its name starts with (so a closure of a page's view, built through tachys,
# counts as frontend; <T as serde::Deserialize> as the crate of T);
# "mentions" counts a function under every crate its name mentions (so
# serde's total is everything monomorphised for deserialising), which
# overlaps.
twiggy top -n 1000000 -f csv "$named" | node -e '
let s = "";
process.stdin.on("data", (d) => (s += d)).on("end", () => {
  const first = new Map();
  const mentions = new Map();
  const add = (map, key, bytes) => map.set(key, (map.get(key) || 0) + bytes);
  let total = 0;
  for (const line of s.split("\n").slice(1)) {
    const m = line.match(/^(.*),(\d+),([\d.]+),/);
    if (!m) continue;
    const name = m[1].replace(/^"|"$/g, "").replace(/\[[0-9a-f]+\]/g, "");
    const bytes = Number(m[2]);
    if (name.includes("function names")) continue;
    total += bytes;
    const path = name.replace(/^[<&(]+/, "").replace(/^(mut |dyn )+/, "");
    let crate = (path.match(/^([A-Za-z_][A-Za-z0-9_]*)::/) || [])[1];
    if (!crate) crate = /^(data|elem|import|export|type|custom|global|table|memory)\b/.test(name) ? "(" + name.split(/[[ ]/)[0] + " sections)" : "(unnamed)";
    add(first, crate, bytes);
    for (const c of new Set([...name.matchAll(/(?<![A-Za-z0-9_:])([A-Za-z_][A-Za-z0-9_]*)::/g)].map((x) => x[1]))) add(mentions, c, bytes);
  }
  const n = Number(process.argv[1]);
  const table = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  const f = table(first), m = table(mentions);
  const pct = (b) => (100 * b / total).toFixed(1).padStart(5) + "%";
  console.log("   first crate                            |  any crate named");
  for (let i = 0; i < n; i++) {
    const a = f[i] ? `${String(f[i][1]).padStart(9)} ${pct(f[i][1])} ${f[i][0].padEnd(22)}` : " ".repeat(39);
    const b = m[i] ? `${String(m[i][1]).padStart(9)} ${pct(m[i][1])} ${m[i][0]}` : "";
    console.log(a + " | " + b);
  }
  console.log(`${String(total).padStart(9)} 100.0% total (without the names)`);
});' "$top"
