#!/usr/bin/env bash
# The clean build of the crate with its build-dependencies, as a dependent first compiles it:
# `cargo build --lib --timings` from an empty target folder, default features, in each profile.
# Prints the wall time and what each package took (compiling its build script, running it, and
# compiling the package), from the JSON that cargo embeds in its timing report.
# Usage: tools/clean-build.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=$(mktemp -d)
trap 'rm -rf "$target"' EXIT
cd "$root"
for profile in dev release; do
  rm -rf "$target"/*
  start=$(date +%s.%N)
  CARGO_TARGET_DIR="$target" CARGO_INCREMENTAL=0 cargo build --quiet --lib --offline \
    --profile "$profile" --timings 2> /dev/null
  end=$(date +%s.%N)
  echo "clean build, $profile: $(echo "$end - $start" | bc) s wall"
  python3 - "$target/cargo-timings/cargo-timing.html" <<'EOF'
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
per_package = {}
for unit in units:
    # This crate's units apart: its build script's compilation and run, and the library.
    name = unit["name"]
    if name == "cts-error-codes":
        name += " " + (unit["target"].strip() or "lib")
    per_package[name] = per_package.get(name, 0.0) + unit["duration"]
for name, seconds in sorted(per_package.items(), key=lambda kv: -kv[1]):
    print(f"  {name:<40} {seconds:5.2f} s")
EOF
done
