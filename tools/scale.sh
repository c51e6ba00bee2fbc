#!/usr/bin/env bash
# Measure the build at scale: a synthetic page of N codes (default 10000; `vendored` for the
# vendored page as it is) is dropped into a copy of the crate; the script reports the build
# script's own run time and the time to compile the generated code, in both profiles.
# Usage: tools/scale.sh [N|vendored] [RUNS]   (RUNS: rebuilds timed per profile, default 3)
set -euo pipefail
n=${1:-10000}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/Cargo.toml" "$root/Cargo.lock" "$root/build.rs" "$root/README.md" "$root/build" "$root/src" "$root/codes" "$root/examples" "$root/benches" "$work/"
if [ "$n" != vendored ]; then
  python3 "$root/tools/synthetic_page.py" "$n" > "$work/codes/ErrorCode.rst"
  : > "$work/codes/ErrorCode.lock"  # every name derived: no pinned codes of the real page
fi
export CARGO_TARGET_DIR="$root/target/scale"
# A dependent compiles this crate without incremental compilation (cargo uses it only for
# workspace members); with it, a rebuild of an unchanged generated file would be served from
# the cache and time nothing.
export CARGO_INCREMENTAL=0
cd "$work"
# Build once per profile so the build-dependencies are compiled; then time the parts.
cargo build --quiet --lib --offline
cargo build --quiet --lib --offline --release
script=$(ls -t "$CARGO_TARGET_DIR"/debug/build/cts-error-codes-*/build-script-build | head -n 1)
out=$(mktemp -d)
echo "codes: $n (page $(wc -c < codes/ErrorCode.rst) bytes)"
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.3f s (min %.3f, max %.3f, %d runs)", v[int((NR + 1) / 2)], v[1], v[NR], NR }'; }
# The build script itself, 11 runs (a 2-core machine is noisy). Cargo compiles build scripts
# without optimisation in both profiles, so this is what every dependent runs.
echo "build script run: $(for _ in $(seq 1 11); do
  start=$(date +%s.%N)
  CARGO_MANIFEST_DIR="$work" OUT_DIR="$out" "$script" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
done | median)"
rm -rf "$out"
# Touching the page reruns the build script and recompiles the crate from its generated file:
# the time a dependent pays after the page changes.
for profile in dev release; do
  echo "rebuild after touching the page, $profile (script + generated code): $(for _ in $(seq 1 "$runs"); do
    touch codes/ErrorCode.rst
    start=$(date +%s.%N)
    cargo build --quiet --lib --offline --profile "$profile"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median)"
done
