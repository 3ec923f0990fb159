#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS seconds each (default
# 300), one after another; a scheduled job, not part of CI. Exits non-zero,
# naming the target, as soon as one finds a crash (the input is kept in
# fuzz/artifacts/<target>/). Needs cargo-fuzz (`cargo install cargo-fuzz`);
# on the stable toolchain RUSTC_BOOTSTRAP=1 unlocks the sanitizer flags.
# The first build compiles polars with sanitizers: about 20 minutes on 2
# cores.
#
#   bash bench/fuzz.sh            # every target, 300 s each
#   SECONDS_EACH=60 bash bench/fuzz.sh load dictionary
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
EACH=${SECONDS_EACH:-300}
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
  exit 0
fi
if [ $# -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
fi
for t in "${TARGETS[@]}"; do
  echo "== $t: ${EACH} s"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run "$t" -- -max_total_time="$EACH" -timeout=20 -rss_limit_mb=4096; then
    echo "fuzz: target $t failed; the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
echo "fuzz: ${#TARGETS[@]} target(s), ${EACH} s each, no crash"
