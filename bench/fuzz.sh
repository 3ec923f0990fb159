#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS seconds each (default
# 300), one after another; a scheduled job, not part of CI. Exits non-zero,
# naming the target, as soon as one finds a crash (the input is kept in
# fuzz/artifacts/<target>/). Needs cargo-fuzz (`cargo install cargo-fuzz`);
# on the stable toolchain RUSTC_BOOTSTRAP=1 unlocks the sanitizer flags.
# The first build compiles polars with sanitizers: about 20 minutes on 2
# cores.
#
#
# Without cargo-fuzz (or with MODE=cli) it runs the stable-toolchain
# fuzzer instead, bench/fuzz_cli.py: mutated CSV, JSON Lines, text and
# dictionary files fed to the newsframe binary (release, or BIN) for
# SECONDS_EACH seconds, failing on any panic, abort, timeout or error that
# does not name its file.
#
#   bash bench/fuzz.sh            # every target, 300 s each
#   SECONDS_EACH=60 bash bench/fuzz.sh load dictionary
#   MODE=cli SECONDS_EACH=300 BIN=target/debug/newsframe bash bench/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
EACH=${SECONDS_EACH:-300}
if [ "${MODE:-}" = cli ] || ! cargo fuzz --version >/dev/null 2>&1; then
  [ "${MODE:-}" = cli ] || echo "cargo-fuzz is not installed (cargo install cargo-fuzz): running the command-line fuzzer instead"
  cd ..
  if [ -z "${BIN:-}" ]; then
    cargo build --quiet --release --locked --bin newsframe
    BIN=target/release/newsframe
  fi
  exec python3 bench/fuzz_cli.py "$BIN" "$EACH" "${TIMEOUT:-20}" ${SEED:-}
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
