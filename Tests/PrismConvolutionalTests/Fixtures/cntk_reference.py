"""What the mpmath fixture generators of the field quadrature share (generate_cntk_groups.py,
generate_cntk_fields.py): the ReLU duals, the two working precisions and the JSON rows they write.
Nothing here shares code with Prism.

k(u) = (√(1−u²) + u(π − arccos u))/π, k̇(u) = (π − arccos u)/π. Each value is computed at two working
precisions; a row keeps the high-precision value and `agree` = |high − low|, the reference's error scale
(a quadrature estimate, not a bound).
"""
import json
import os
from mpmath import mp, sqrt, acos, pi

DPS = (15, 22)
DIGITS = 22


def k(u):
    return (sqrt(max(1 - u * u, 0)) + u * (pi - acos(u))) / pi


def kdot(u):
    return (pi - acos(u)) / pi


def s(x, digits=DIGITS):
    return mp.nstr(x, digits, min_fixed=-1, max_fixed=-1)


def row(name, kind, index, evaluate):
    """The fixture row of evaluate() (at mp.dps = each of DPS), printed as it is made."""
    values = []
    for dps in DPS:
        mp.dps = dps
        values.append(evaluate())
    mp.dps = DPS[1]
    out = {"kind": kind, "index": index, "value": s(values[1]), "agree": s(abs(values[1] - values[0]), 3)}
    print(name, kind, index, out["value"], out["agree"], flush=True)
    return out


def write(out, filename):
    """out as JSON next to these scripts."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), filename), "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
