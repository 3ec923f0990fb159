#!/usr/bin/env bash
# Peak memory of loading, against the bytes of text loaded, on generated
# inputs of four shapes (issue 13's goal: loading takes at most 3× the
# input's text bytes, whatever its metadata shape):
#
#   tiny    1,000,000 CSV rows of 20 bytes of text each
#   wide    10,000 CSV rows of 1 KB of text and 1,000 metadata columns
#   sparse  100,000 JSON Lines rows of 200 bytes of text, each with its
#           own metadata key (100,000 distinct keys)
#   long    100 CSV rows of 1 MB of text each
#
# For each it runs, under /usr/bin/time -v:
#   load    newsframe corpus FILE --table chrome (the load alone: a table
#           corpus has no chrome rows)
#   count   newsframe count --corpus FILE (load, then tokenize and count
#           per document)
#   corpus  newsframe corpus FILE --format csv (load, then the documents
#           table written out; for `sparse`, the provenance table, one row
#           a value)
# and prints a table row: file bytes, text bytes, peak RSS, and peak RSS
# over text bytes and over file bytes. The binary's own floor (the peak
# RSS of `--version`) is printed first.
#
#   bash bench/memory.sh                 # all shapes, in a temporary folder
#   bash bench/memory.sh tiny long       # some of them
#   KEEP=/tmp/mem bash bench/memory.sh   # keep the generated files there
#   BIN=target/release/newsframe bash bench/memory.sh   # skip the build
set -euo pipefail
cd "$(dirname "$0")/.."
SHAPES=("$@")
[ ${#SHAPES[@]} -gt 0 ] || SHAPES=(tiny wide sparse long)
if [ -z "${BIN:-}" ]; then
  cargo build --quiet --release --locked --bin newsframe
  BIN=target/release/newsframe
fi
DIR=${KEEP:-$(mktemp -d)}
mkdir -p "$DIR"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$DIR"' EXIT

generate() {
  python3 - "$1" "$2" <<'PY'
import json, random, sys
shape, out = sys.argv[1], sys.argv[2]
rnd = random.Random(13)
words = "the visit of the president to astana brought new agreements on trade energy and security".split()
def text(n):
    s = []
    size = 0
    while size < n:
        w = rnd.choice(words)
        s.append(w)
        size += len(w) + 1
    return " ".join(s)[:n].rstrip()
text_bytes = 0
with open(out, "w", encoding="utf-8") as f:
    if shape == "tiny":
        f.write("doc_id,text\n")
        for i in range(1_000_000):
            t = text(20); text_bytes += len(t)
            f.write(f"d{i},{t}\n")
    elif shape == "wide":
        f.write("doc_id,text," + ",".join(f"m{k}" for k in range(1000)) + "\n")
        for i in range(10_000):
            t = text(1000); text_bytes += len(t)
            f.write(f"d{i},{t}," + ",".join(f"v{(i * k) % 97}" for k in range(1000)) + "\n")
    elif shape == "sparse":
        for i in range(100_000):
            t = text(200); text_bytes += len(t)
            f.write(json.dumps({"doc_id": f"d{i}", "text": t, f"key{i}": "x"}) + "\n")
    elif shape == "long":
        f.write("doc_id,text\n")
        for i in range(100):
            t = text(1_000_000); text_bytes += len(t)
            f.write(f"d{i},{t}\n")
print(text_bytes)
PY
}

kb() { grep "Maximum resident set size" "$1" | awk '{print $NF}'; }
/usr/bin/time -v "$BIN" --version >/dev/null 2>"$DIR/floor.time"
echo "floor: peak RSS of \`newsframe --version\`: $(( $(kb "$DIR/floor.time") / 1024 )) MB"
echo "| shape | command | file | text | peak RSS | RSS / text | RSS / file |"
echo "|---|---|---|---|---|---|---|"
for shape in "${SHAPES[@]}"; do
  case $shape in sparse) file=$DIR/$shape.jsonl ;; *) file=$DIR/$shape.csv ;; esac
  if [ ! -f "$file" ] || [ ! -f "$file.text" ]; then
    generate "$shape" "$file" >"$file.text"
  fi
  text=$(cat "$file.text")
  size=$(stat -c %s "$file")
  for cmd in load count corpus; do
    if [ $cmd = load ]; then
      # The chrome table of a table corpus is empty: this is the load.
      args=(corpus "$file" --table chrome --format csv)
    elif [ $cmd = count ]; then
      args=(count --corpus "$file")
    elif [ $shape = sparse ]; then
      # One column a key would be 10^10 cells: the documents table refuses
      # it, and the metadata is read one row a value.
      args=(corpus "$file" --table provenance --format csv)
    else
      args=(corpus "$file" --format csv)
    fi
    if ! /usr/bin/time -v "$BIN" "${args[@]}" >/dev/null 2>"$DIR/$shape.$cmd.time"; then
      echo "bench/memory.sh: newsframe ${args[*]} failed:" >&2
      tail -5 "$DIR/$shape.$cmd.time" >&2
      exit 1
    fi
    rss=$(( $(kb "$DIR/$shape.$cmd.time") * 1024 ))
    python3 -c "
t, f, r = $text, $size, $rss
mb = lambda b: f'{b / 1e6:,.1f} MB'
print(f'| $shape | $cmd | {mb(f)} | {mb(t)} | {mb(r)} | {r / t:.1f}× | {r / f:.1f}× |')"
  done
done
