"""The reference for the adjusted p-values of keyness tables
(src/statistics/keyness.rs, `p_holm` and `p_bh`): statsmodels'
`multipletests` with `holm` and `fdr_bh` on a fixed set of p-values, written
to tests/data/p_adjust_statsmodels.csv (columns p, holm, bh; one row a
p-value, in the input order, printed with 17 significant digits).

The p-values mix what a keyness table has: many near 1, a tail of tiny ones,
exact ties, exact 0 and 1. Regenerate with (statsmodels from
environment.yml):

    .venv/bin/python scripts/p_adjust_reference.py > tests/data/p_adjust_statsmodels.csv
"""
import sys

import numpy as np
import statsmodels
from statsmodels.stats.multitest import multipletests

rng = np.random.default_rng(20261129)
p = np.concatenate([
    rng.uniform(size=120),
    rng.beta(0.05, 1.0, size=60),
    10.0 ** -rng.uniform(4, 40, size=20),
    [0.0, 0.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1e-300, 0.01, 0.01],
])
rng.shuffle(p)
_, holm, _, _ = multipletests(p, method="holm")
_, bh, _, _ = multipletests(p, method="fdr_bh")
out = sys.stdout
out.write(f"# statsmodels {statsmodels.__version__} multipletests(p, method='holm' | 'fdr_bh'); scripts/p_adjust_reference.py\n")
out.write("p,holm,bh\n")
for row in zip(p, holm, bh):
    out.write(",".join(f"{x:.17g}" for x in row) + "\n")
