#!/usr/bin/env bash
# Reproduce every figure of the README's "Performance" section (see benches/README.md):
#   reader  the crate's reader (criterion, benches/reader.rs) and docutils on the same pages
#   lookup  ErrorCode::from_code next to phf, match, HashMap, FxHashMap and binary search, on the
#           vendored page and on a synthetic page of 10,000 codes
#   build   the clean build with its build-dependencies, and the build script and the compile
#           of the generated code on the vendored page and on 1,000, 10,000 and 100,000 codes
# Usage: benches/run.sh [reader] [lookup] [build]   (no argument: all three, about 25 minutes)
# Needs ../shared (for the largest corpus page and the docutils oracle) and python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
parts=${*:-reader lookup build}
want() { [[ " $parts " == *" $1 "* ]]; }
pages="$root/target/bench-pages"
mkdir -p "$pages"
for n in 100 1000 10000 100000; do
  python3 "$root/tools/synthetic_page.py" "$n" > "$pages/synthetic-$n.rst"
done
echo "== $(date -u +%Y-%m-%d) on $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(rustc --version)"
if want reader; then
largest="$root/../shared/corpus/otc/modelarts__api-ref_source_common_parameters_error_codes.rst__8b3f2b96.rst"

echo "== the crate's reader (criterion, release build)"
CTS_BENCH_PAGES="$pages" cargo bench --bench reader -- --noplot 2>&1 | grep -E "^reader/|(time|thrpt): +\[[0-9]"

echo "== docutils 0.23.1 (publish_doctree, median of runs)"
"$root/../shared/oracle/rst-oracle" "$root/codes/ErrorCode.rst" > /dev/null  # installs docutils once
python=${RST_ORACLE_HOME:-$HOME/.cache/rst-oracle}/venv/bin/python
"$python" "$root/benches/docutils_throughput.py" "$root/codes/ErrorCode.rst" "$largest" \
  "$pages/synthetic-100.rst" "$pages/synthetic-1000.rst" "$pages/synthetic-10000.rst"

fi

if want lookup; then
echo "== look-ups: ErrorCode::from_code and the alternatives, on the vendored page"
(cd "$root/benches/lookup" && CARGO_TARGET_DIR="$root/target/lookup-bench" cargo bench -- --noplot 2>&1 \
  | grep -E "^lookup|^ +time: +\[[0-9]" \
  && CARGO_TARGET_DIR="$root/target/lookup-bench" cargo run --quiet --release --bin interleaved)

echo "== look-ups on a synthetic page of 10,000 codes (a copy of the crate)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/Cargo.toml" "$root/Cargo.lock" "$root/build.rs" "$root/README.md" "$root/build" "$root/src" \
  "$root/codes" "$root/examples" "$root/benches" "$work/"
cp "$pages/synthetic-10000.rst" "$work/codes/ErrorCode.rst"
: > "$work/codes/ErrorCode.lock"  # every name derived: no pinned codes of the real page
(cd "$work/benches/lookup" && CARGO_TARGET_DIR="$root/target/lookup-bench-10k" cargo bench -- --noplot 2>&1 \
  | grep -E "^lookup|^ +time: +\[[0-9]" \
  && CARGO_TARGET_DIR="$root/target/lookup-bench-10k" cargo run --quiet --release --bin interleaved)
fi

if want build; then
echo "== build cost"
"$root/tools/clean-build.sh"
for n in vendored 1000 10000; do
  "$root/tools/scale.sh" "$n" 3
done
"$root/tools/scale.sh" 100000 1  # a release rebuild takes over a minute here
fi
