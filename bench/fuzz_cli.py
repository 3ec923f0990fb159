"""Stable-toolchain fuzzing of the loaders and dictionary parsers, through
the command line (the cargo-fuzz targets in fuzz/ need cargo-fuzz and a
sanitizer build of polars; this needs only a newsframe binary and Python).

For SECONDS seconds, mutates seed inputs (a CSV, a JSON Lines file, a plain
text file, LIWC, TOML and YAML dictionaries: byte flips, inserted quotes,
NULs, byte-order marks, CRs, commas, tabs, `%`, invalid UTF-8, YAML aliases,
cut, repeated and spliced pieces), writes each into a fresh folder and runs

    newsframe corpus FILE --format csv          (tables; folders for .txt)
    newsframe frames --corpus C --dictionary FILE --format csv   (dictionaries)

A run fails when newsframe panics ("panicked" on stderr, exit 101), is
killed by a signal (abort, stack overflow), exits with a code other than 0
or 1, or takes more than TIMEOUT seconds; an error (exit 1) must name the
file. The failing input is kept in fuzz/artifacts-cli/ and the script
exits 1. Run by bench/fuzz.sh (`MODE=cli`), a scheduled job, not CI:

    python3 bench/fuzz_cli.py BIN [SECONDS] [TIMEOUT] [SEED]
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

BIN = os.path.abspath(sys.argv[1])
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 180
TIMEOUT = float(sys.argv[3]) if len(sys.argv) > 3 else 20
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else int(time.time())
rnd = random.Random(SEED)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTIFACTS = os.path.join(ROOT, "fuzz", "artifacts-cli")

SEEDS = {
    "csv": b'doc_id,outlet,date,text\n'
           b'a,Moscow Post,2024-11-27,"Putin arrived in Astana. ""We agree,"" Tokayev said."\n'
           b'b,RT,,"Line one\r\nline two, with a comma; and <b>markup</b> &amp; more"\n'
           b'c,Daryo,2024-11-28,\xd0\xa2\xd0\xbe\xd0\xba\xd0\xb0\xd0\xb5\xd0\xb2 \xf0\x9f\x98\x80 visited\n',
    "jsonl": b'{"doc_id": "a", "text": "Putin arrived. Tokayev met him.", "outlet": "RT", "n": 3}\n'
             b'{"doc_id": "b", "text": "Second \\u00e9 text\\nwith a newline", "title": "T", "tags": ["x", 1]}\n'
             b'{"doc_id": 7, "text": null, "k7": true}\n',
    "txt": b'A title\nThe first paragraph. It has two sentences.\n\nThe second \xe2\x80\x9cparagraph\xe2\x80\x9d.\n',
    "dic": b'%\n1\tposemo\n2\tnegemo\n12\tyears\n%\ngood\t1\nbad*\t2\nkind of\t1\t2\n1990\t12\nvisit*\t1\n',
    "toml": b'name = "x"\nnegation = true\n[[category]]\nname = "econ"\ngroup = "g"\npatterns = ["econom*", "trade turnover", "re:^anti-\\\\w+$"]\n'
            b'[[category]]\nname = "threat"\npatterns = ["threat*"]\nrequires = ["Russia*"]\n',
    "yml": b'economy:\n  - econom*\n  - trade\npolitics:\n  foreign: [sanction*, nato, "strategic partnership"]\n  x: &a [a, b]\n  y: *a\n',
}
PIECES = [b'"', b'""', b',', b'\n', b'\r', b'\r\n', b'\t', b'\0', b'\xef\xbb\xbf', b'\xff\xfe', b'\xe2', b'\x80', b'\xc2\x85',
          b'%', b'{', b'}', b'[', b']', b':', b'&a', b'*a', b'- ', b'  ', b'\\', b'\\u0000', b'\\ud800', b're:(', b'*', b'?',
          b'<p>', b'&#0;', b'\x01', b'\x1b', b'9' * 30, b'-1', b'1e999', 'Токаев’s'.encode(), b'\xf0\x9f\x98\x80']


def mutate(data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        op = rnd.randrange(7)
        at = rnd.randint(0, len(b))
        if op == 0 and b:
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        elif op == 1:
            b[at:at] = rnd.choice(PIECES)
        elif op == 2 and b:
            del b[at:at + rnd.randint(1, 16)]
        elif op == 3 and b:
            piece = b[at:at + rnd.randint(1, 64)]
            b[at:at] = piece * rnd.randint(1, 50)
        elif op == 4:
            b = b[:at]
        elif op == 5:
            other = rnd.choice(list(SEEDS.values()))
            j = rnd.randint(0, len(other))
            b[at:at] = other[j:j + rnd.randint(1, 80)]
        else:
            line = bytes(b).split(b'\n')
            if line:
                k = rnd.randrange(len(line))
                line.insert(k, line[k])
                b = bytearray(b'\n'.join(line))
    return bytes(b)


def run(args, cwd):
    start = time.monotonic()
    try:
        p = subprocess.run([BIN] + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "a timeout (over %g s)" % TIMEOUT, b""
    err = p.stderr
    if p.returncode < 0:
        return "killed by signal %d" % -p.returncode, err
    if b"panicked" in err or p.returncode == 101:
        return "a panic", err
    if p.returncode not in (0, 1):
        return "exit code %d" % p.returncode, err
    if time.monotonic() - start > TIMEOUT:
        return "a timeout", err
    return None, err


def main():
    corpus = tempfile.mkdtemp(prefix="newsframe-fuzz-corpus-")
    with open(os.path.join(corpus, "c.csv"), "wb") as f:
        f.write(SEEDS["csv"])
    work = tempfile.mkdtemp(prefix="newsframe-fuzz-")
    deadline = time.monotonic() + SECONDS
    n = {k: 0 for k in SEEDS}
    errors = 0
    try:
        while time.monotonic() < deadline:
            kind = rnd.choice(list(SEEDS))
            data = mutate(SEEDS[kind])
            case = os.path.join(work, "case")
            shutil.rmtree(case, ignore_errors=True)
            os.makedirs(case)
            name = {"txt": "doc.txt", "csv": "corpus.csv", "jsonl": "corpus.jsonl", "dic": "d.dic", "toml": "d.toml", "yml": "d.yml"}[kind]
            path = os.path.join(case, name)
            with open(path, "wb") as f:
                f.write(data)
            if kind in ("dic", "toml", "yml"):
                args = ["frames", "--corpus", os.path.join(corpus, "c.csv"), "--dictionary", path, "--format", "csv"]
            else:
                args = ["corpus", case if kind == "txt" else path, "--format", "csv"]
            why, err = run(args, case)
            n[kind] += 1
            if why is None and b"error" in err.lower() and name.encode() not in err and os.path.basename(case).encode() not in err:
                why = "an error that does not name the file"

            if why is None and err and b"error" in err.lower():
                errors += 1
            if why is not None:
                os.makedirs(ARTIFACTS, exist_ok=True)
                keep = os.path.join(ARTIFACTS, "crash-%d-%s" % (SEED, name))
                shutil.copyfile(path, keep)
                print("fuzz (cli): %s on `newsframe %s`; the input is in %s" % (why, " ".join(args[:1]), keep), file=sys.stderr)
                print(err.decode("utf-8", "replace")[-2000:], file=sys.stderr)
                return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(corpus, ignore_errors=True)
    total = sum(n.values())
    print("fuzz (cli): %d inputs in %g s (seed %d; %s), %d refused with an error, no panic, abort or timeout"
          % (total, SECONDS, SEED, ", ".join("%s %d" % kv for kv in n.items()), errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
