#!/usr/bin/env bash
# Measure the build at scale: a synthetic page of N codes (default 10000) is dropped into a copy
# of the crate; the script reports the build script's own run time and the crate's compile time.
# Usage: tools/scale.sh [N]
set -euo pipefail
n=${1:-10000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/Cargo.toml" "$root/Cargo.lock" "$root/build.rs" "$root/README.md" "$root/build" "$root/src" "$root/codes" "$root/examples" "$root/benches" "$work/"
python3 "$root/tools/synthetic_page.py" "$n" > "$work/codes/ErrorCode.rst"
export CARGO_TARGET_DIR="$root/target/scale"
cd "$work"
# Build once so the build-dependencies are compiled; then time the parts.
cargo build --quiet --lib --offline
script=$(ls -t "$CARGO_TARGET_DIR"/debug/build/cts-error-codes-*/build-script-build | head -n 1)
out=$(mktemp -d)
echo "codes: $n (page $(wc -c < codes/ErrorCode.rst) bytes)"
# The median of 11 runs of the build script itself (a 2-core machine is noisy).
times=$(for _ in $(seq 1 11); do
  start=$(date +%s.%N)
  CARGO_MANIFEST_DIR="$work" OUT_DIR="$out" "$script" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
done | sort -n)
echo "build script run: median $(echo "$times" | sed -n 6p) s (min $(echo "$times" | head -n 1), max $(echo "$times" | tail -n 1))"
rm -rf "$out"
for profile in dev release; do
  touch codes/ErrorCode.rst
  start=$(date +%s.%N)
  cargo build --quiet --lib --offline --profile "$profile"
  end=$(date +%s.%N)
  echo "cargo build --lib --profile $profile after touching the page (script + generated code): $(echo "$end - $start" | bc) s"
done
