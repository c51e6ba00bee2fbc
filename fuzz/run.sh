#!/usr/bin/env bash
# Run a fuzz target for a while: fuzz/run.sh reader|generator [SECONDS]
# Seeds: the crate's fixtures and vendored page (copied into fuzz/corpus/TARGET, which is not
# committed), plus ../shared's corpus and docutils cases read in place when present.
set -euo pipefail
target=${1:?reader or generator}
seconds=${2:-300}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$here/corpus/$target"
cp "$here"/../tests/fixtures/*.rst "$here/../codes/ErrorCode.rst" "$here/corpus/$target/"
seeds=()
for dir in "$here/../../shared/corpus/cts" "$here/../../shared/corpus/otc" "$here/../../shared/docutils-cases"; do
  [ -d "$dir" ] && seeds+=("$dir")
done
cd "$here"
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10
