#!/usr/bin/env bash
# Executes every notebook in notebooks/ on the Rust kernel (evcxr), checks the
# outputs, renders rendered/<name>.html plus rendered/index.html and
# rendered/glossary.html, and checks the rendered site (links, charts, width).
#
# On a fresh machine it first installs what is missing:
#   - the Python environment of environment.yml into .venv (project-local);
#   - evcxr_jupyter (pinned) with `cargo install --locked`, and rust-src;
#   - the evcxr kernel spec, inside .venv (JUPYTER_PATH), not in $HOME.
#
# It fails (non-zero, naming the notebook and cell) when any cell panicked,
# returned an Err, or wrote stderr the cell did not declare: evcxr never marks
# a cell as failed, so the guard `newsframe notebooks check` reads the outputs.
#
# Executed notebooks are cached per machine under $NEWSFRAME_CACHE (default
# ~/.cache/newsframe), one entry per chapter, keyed on everything that can
# change its outputs: the chapter's code cells (not its prose), the crate
# (src/, Cargo.toml, Cargo.lock), seeds/, dictionaries/, tests/data/ (the
# hand-coded samples the chapters check against), notebooks/data/, the
# kernel's start-up configuration (notebooks/evcxr.toml), and the rustc and
# evcxr versions. A cache hit puts the cached outputs under the chapter's
# current cells (`newsframe notebooks restore`), so an edit to a chapter's
# prose re-renders it without re-executing it; the guard still checks it.
# NEWSFRAME_NO_CACHE=1 forces execution.
set -euo pipefail
T0=$(date +%s)
cd "$(dirname "$0")/.."
ROOT=$PWD
EVCXR_VERSION=0.22.0
VENV=$ROOT/.venv
CACHE=${NEWSFRAME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsframe}
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[render] %s\n' "$*" >&2; }

# 1. Python environment (project-local), from the pip list in environment.yml.
pip_packages() {
  awk '/^[[:space:]]*- pip:/ {inpip=1; next}
       inpip && /^[[:space:]]*- / {sub(/^[[:space:]]*- /, ""); print; next}
       inpip && /^[^[:space:]]/ {inpip=0}' environment.yml
}
# It installs in the background, while the Rust side (step 2) builds.
stamp="$VENV/.environment.yml"
venv_pid=
mkdir -p "$CACHE"
if [ ! -x "$VENV/bin/python" ] || ! cmp -s environment.yml "$stamp"; then
  say "installing the Python environment into .venv (in the background; log in $CACHE/venv.log)"
  ( python3 -m venv "$VENV" && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check $(pip_packages) && cp environment.yml "$stamp" ) >"$CACHE/venv.log" 2>&1 &
  venv_pid=$!
fi
export JUPYTER_PATH="$VENV/share/jupyter"
export JUPYTER_DATA_DIR="$VENV/share/jupyter"
export JUPYTER_CONFIG_DIR="$VENV/etc/jupyter"
export JUPYTER_PLATFORM_DIRS=1
export JUPYTER_RUNTIME_DIR="$VENV/runtime"

# 2. The Rust kernel, pinned.
evcxr_installed() { cargo install --list 2>/dev/null | grep -q "^evcxr_jupyter v$EVCXR_VERSION:" && command -v evcxr_jupyter >/dev/null; }
if ! evcxr_installed; then
  say "installing evcxr_jupyter $EVCXR_VERSION (about 8 minutes, once per machine)"
  cargo install evcxr_jupyter --locked --version "$EVCXR_VERSION"
fi
if command -v rustup >/dev/null && ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding rust-src"
  rustup component add rust-src
fi
# evcxr links each cell with mold when it is on PATH, which saves about 15%
# per cell. Optional: installed only where apt-get can run as root.
if ! command -v mold >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  say "installing the mold linker (optional speedup)"
  apt-get install -y -qq mold >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq mold >/dev/null 2>&1; } || say "mold not installed; cells link with the system linker"
fi

# 3. The newsframe command (for the guard and the index).
cargo build --quiet --locked --bin newsframe
NF="$ROOT/target/debug/newsframe"

# The kernel spec lives in .venv, so it is registered once that is in.
if [ -n "$venv_pid" ]; then
  wait "$venv_pid" || { cat "$CACHE/venv.log" >&2; say "installing the Python environment failed (its log is above)"; exit 1; }
fi
if [ ! -f "$JUPYTER_PATH/kernels/rust/kernel.json" ] || ! grep -q "$(command -v evcxr_jupyter)" "$JUPYTER_PATH/kernels/rust/kernel.json"; then
  say "registering the evcxr kernel in .venv"
  evcxr_jupyter --install >/dev/null
fi

# The kernels' build folder. By default each evcxr kernel compiles in a
# fresh temporary folder and restores the compiled dependencies from its
# `:cache` (~/.cache/evcxr); but a cached crate whose source includes a file
# its build script wrote (serde, thiserror, rustversion) keeps that file's
# path in the first kernel's folder, long deleted, so cargo takes it as
# stale and every cell of every chapter compiled polars and newsframe again
# (about 40 crates, restored from the cache, but a few seconds a cell).
# So the chapters share one build folder (EVCXR_TMPDIR), kept here between
# renders: the dependencies compile once per machine and stay fresh, and a
# change to src/ recompiles newsframe once, not once per chapter. Its
# `:cache` is kept apart from ~/.cache/evcxr (XDG_CACHE_HOME), so that no
# entry from a kernel elsewhere points into a deleted folder. One render at
# a time uses the folder (a lock); it is emptied past 8 GB.
# The folder is outside $HOME: evcxr moves each cell's library one folder
# up from where rustc linked it, so the library's relative path to the Rust
# standard library is one `..` too long, which only resolves when the path
# climbs to / anyway (it does from /var/tmp or /tmp to ~/.rustup, not from
# ~/.cache). Where the two still share their first folder, the chapters
# keep evcxr's own temporary folders.
KERNEL_DIR=${NEWSFRAME_KERNEL_DIR:-/var/tmp/newsframe-$(id -u)/kernel}
sysroot=$(rustc --print sysroot)
if [ "$(echo "$KERNEL_DIR" | cut -d/ -f2)" = "$(echo "$sysroot" | cut -d/ -f2)" ]; then
  say "the kernels' build folder $KERNEL_DIR and the Rust toolchain $sysroot share a first folder; each chapter builds in its own"
  KERNEL_DIR=
fi
if [ -n "$KERNEL_DIR" ] && ! mkdir -p "$KERNEL_DIR/build" "$KERNEL_DIR/xdg" 2>/dev/null; then
  say "cannot create the kernels' build folder $KERNEL_DIR (set NEWSFRAME_KERNEL_DIR); each chapter builds in its own"
  KERNEL_DIR=
fi
kernel_env=()
if [ -n "$KERNEL_DIR" ]; then
  exec 9>"$KERNEL_DIR/lock"
  flock 9 || true
  if [ "$(du -sm "$KERNEL_DIR" | cut -f1)" -gt 8192 ]; then
    say "the kernels' build folder passed 8 GB; emptying it"
    rm -rf "$KERNEL_DIR/build" "$KERNEL_DIR/xdg" && mkdir -p "$KERNEL_DIR/build" "$KERNEL_DIR/xdg"
  fi
  kernel_env=(EVCXR_TMPDIR="$KERNEL_DIR/build" XDG_CACHE_HOME="$KERNEL_DIR/xdg")
fi

# 4. Execute (or restore from cache) and check every notebook, in order.
shopt -s nullglob
notebooks=(notebooks/[0-9]*.ipynb)
[ ${#notebooks[@]} -gt 0 ] || { say "no notebooks in notebooks/"; exit 1; }
crate_digest=$( { find src seeds dictionaries tests/data $(ls -d notebooks/data 2>/dev/null) -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum Cargo.toml Cargo.lock notebooks/evcxr.toml; rustc -V; echo "evcxr_jupyter $EVCXR_VERSION"; } | sha256sum | cut -c1-32)
mkdir -p "$CACHE/render"
for nb in "${notebooks[@]}"; do
  # A chapter that reads a corpus kept beside the project (chapter 8:
  # ../shared/corpora/basil, which is not ours to commit) keeps its committed
  # outputs where that corpus is absent; the guard still checks them.
  needs=$(grep -o '\.\./\.\./shared/corpora/[A-Za-z0-9_-]*' "$nb" | head -1 | sed 's#^\.\./##' || true)
  if [ -n "$needs" ] && [ ! -d "$needs" ]; then
    say "$nb: reads $needs, which is not here; keeping its committed outputs (the README says how to obtain it)"
    "$NF" notebooks check "$nb"
    continue
  fi
  key=$( { echo "$crate_digest"; "$NF" notebooks digest --code "$nb"; } | sha256sum | cut -c1-32)
  cached="$CACHE/render/$(basename "$nb" .ipynb)-$key.ipynb"
  if [ -z "${NEWSFRAME_NO_CACHE:-}" ] && [ -f "$cached" ]; then
    say "$nb: code unchanged since its last passing run on this machine; restoring its outputs"
    "$NF" notebooks restore --from "$cached" "$nb"
  else
    say "$nb: executing"
    start=$(date +%s)
    env "${kernel_env[@]}" \
      "$VENV/bin/jupyter" nbconvert --to notebook --execute --inplace \
      --ExecutePreprocessor.kernel_name=rust \
      --ExecutePreprocessor.timeout=3600 \
      --ExecutePreprocessor.record_timing=False \
      "$nb"
    say "$nb: executed in $(( $(date +%s) - start )) s"
  fi
  "$NF" notebooks check "$nb"
  cp "$nb" "$cached"
done

# 5. HTML: the chapters, the index (each chapter's summary and count of
# checked findings) and the glossary (from notebooks/glossary.md). The
# template (scripts/nbconvert/newsframe) collapses each exercise's solution
# cells (tagged `solution`) under a "Solution" disclosure.
rm -rf rendered && mkdir -p rendered
"$VENV/bin/jupyter" nbconvert --to html --TemplateExporter.extra_template_basedirs="$ROOT/scripts/nbconvert" --template newsframe \
  --output-dir rendered "${notebooks[@]}" 2>/dev/null
# nbconvert embeds charts as <img> with a placeholder alt: use the SVG's own.
"$NF" notebooks alt-text rendered/*.html
"$NF" notebooks index --out rendered/index.html --glossary notebooks/glossary.md "${notebooks[@]}"

# 6. The site check: broken local links, missing charts, charts wider than
# 1,000 px, DataFrames shown as text, and (in headless Chromium) pages wider
# than a 1,280 px window. Debian's chromium is installed when missing and
# apt-get can run as root; without it the check runs without a browser.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && [ -z "${NEWSFRAME_CHROMIUM:-}" ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    say "installing chromium for the site check"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } || say "chromium could not be installed; the site check runs without a browser"
  else
    say "no chromium, and apt-get is unavailable or not root: the site check runs without a browser"
  fi
fi
"$NF" notebooks site-check rendered
say "done in $(( $(date +%s) - T0 )) s: $(ls rendered | wc -l) files in rendered/ (open rendered/index.html)"
