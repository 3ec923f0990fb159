"""Krippendorff's alpha reference data for tests/alpha.rs.

Generates random reliability data sets (2-6 coders, 3-40 units, missing
values, nominal, ordinal, interval and ratio levels; binary labels like
newsframe's coding sheets among them) and computes alpha with the Python
`krippendorff` package (pinned in environment.yml), into
tests/data/alpha/cases.json. The generator is seeded, so a run rewrites the
file byte for byte:

    .venv/bin/python scripts/alpha_reference.py            # write
    .venv/bin/python scripts/alpha_reference.py --check    # compare, exit 1 if it differs
"""

import importlib.metadata
import json
import pathlib
import sys

import krippendorff
import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "alpha" / "cases.json"
LEVELS = ["nominal", "ordinal", "interval", "ratio"]


def generate():
    rng = np.random.default_rng(20261129)
    cases = []
    while len(cases) < 60:
        level = LEVELS[len(cases) % len(LEVELS)]
        coders = int(rng.integers(2, 7))
        units = int(rng.integers(3, 41))
        binary = level == "nominal" and len(cases) % 8 == 0
        if binary:
            domain = [0.0, 1.0]
        elif level in ("interval", "ratio") and rng.random() < 0.5:
            domain = sorted({float(x) for x in np.round(rng.uniform(0, 10, size=int(rng.integers(2, 6))), 2)})
        else:
            domain = [float(x) for x in range(1, int(rng.integers(2, 6)) + 1)]
        # Coders agree with a hidden true value with some probability.
        agree = float(rng.uniform(0.2, 0.95))
        missing = float(rng.uniform(0.0, 0.4))
        truth = rng.choice(domain, size=units)
        data = []
        for _ in range(coders):
            row = []
            for u in range(units):
                if rng.random() < missing:
                    row.append(None)
                elif rng.random() < agree:
                    row.append(float(truth[u]))
                else:
                    row.append(float(rng.choice(domain)))
            data.append(row)
        matrix = np.array([[np.nan if v is None else v for v in row] for row in data], dtype=float)
        values = matrix[~np.isnan(matrix)]
        pairable = (np.sum(~np.isnan(matrix), axis=0) >= 2).any()
        if len(np.unique(values)) < 2 or not pairable:
            continue
        a = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))
        if not np.isfinite(a):
            continue
        cases.append({"level": level, "data": data, "alpha": a})
    return {
        "generator": "scripts/alpha_reference.py",
        "krippendorff": importlib.metadata.version("krippendorff"),
        "cases": cases,
    }


def main():
    text = json.dumps(generate(), separators=(",", ":")) + "\n"
    if "--check" in sys.argv:
        same = OUT.read_text() == text
        print(("same as " if same else "differs from ") + str(OUT))
        sys.exit(0 if same else 1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
