"""pytest suite of the Python package: every function against the CLI's JSON, exact → SymPy on
every exact string in Tables/, error mapping, numpy shapes, Gram matrices against mpmath.

The CLI binary compared with is PRISM_CLI (default: the repository's .build/debug/prism).
"""
import json
import os
import subprocess
from pathlib import Path

import mpmath
import numpy as np
import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

import prism

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("PRISM_CLI", str(ROOT / ".build" / "debug" / "prism"))


def cli(*args):
    """The CLI's JSON document for the same arguments."""
    out = subprocess.run([CLI, *args, "--format", "json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def same_rows(results, document):
    rows = document.get("rows", document.get("claims"))
    assert len(results) == len(rows)
    for got, row in zip(results, rows):
        if "value" in row:
            assert (got.index, got.exact, got.value, got.lower, got.upper) == \
                (row.get("index"), row.get("exact"), row["value"], row["lower"], row["upper"])
            assert got.double == float.fromhex(row["double"])
        for key, value in row.items():
            if key not in ("index", "exact", "value", "lower", "upper", "double") and not isinstance(value, dict):
                assert getattr(got, key) == value


@pytest.mark.parametrize("function, positionals, options, args", [
    (prism.taylor, ["tanh"], {"order": 6}, ["taylor", "tanh", "--order", "6"]),
    (prism.hermite, ["tanh"], {"degree": 5, "digits": 40}, ["hermite", "tanh", "--degree", "5", "--digits", "40"]),
    (prism.hermite, ["relu"], {"degree": 4, "basis": "probabilists"}, ["hermite", "relu", "--degree", "4", "--basis", "probabilists"]),
    (prism.kernel, ["erf"], {"degree": 4}, ["kernel", "erf", "--degree", "4"]),
    (prism.spectrum, ["relu"], {"dim": 3, "degree": 4, "kernel": "ntk"}, ["spectrum", "relu", "--dim", "3", "--degree", "4", "--kernel", "ntk"]),
    (prism.layers, ["relu"], {"dim": 3, "degree": 3, "depth": 1}, ["layers", "relu", "--dim", "3", "--degree", "3", "--depth", "1"]),
    (prism.eval, ["e^(1/2)*log2+euler"], {"digits": 30}, ["eval", "e^(1/2)*log2+euler", "--digits", "30"]),
    (prism.verify, ["simon-blog/tanh-even-zero"], {}, ["verify", "simon-blog/tanh-even-zero"]),
])
def test_functions_agree_with_the_cli(function, positionals, options, args):
    same_rows(function(*positionals, **options), cli(*args))


def test_readme_example():
    assert prism.hermite("tanh", degree=5, digits=40)[5].value == cli("hermite", "tanh", "--degree", "5", "--digits", "40")["rows"][5]["value"]


def test_value_accessors():
    v = prism.eval("e^(1/2)*log2+euler", digits=30)[0]
    assert v.sympy() == sympy.exp(sympy.Rational(1, 2)) * sympy.log(2) + sympy.EulerGamma
    with mpmath.workdps(40):
        exact = mpmath.exp(mpmath.mpf(1) / 2) * mpmath.log(2) + mpmath.euler
        assert abs(v.mpf() - exact) < mpmath.mpf(10) ** -38
        assert mpmath.mpf(v.lower) <= exact <= mpmath.mpf(v.upper)
        assert v.double == float(exact)
    inexact = prism.hermite("tanh", degree=1)[1]
    assert inexact.exact is None
    with pytest.raises(ValueError):
        inexact.sympy()
    assert isinstance(inexact.mpf(), mpmath.mpf)


def test_rows_and_numpy():
    rows = prism.layers("relu", dim=3, degree=2, depth=1)
    assert isinstance(rows[0], prism.Row) and rows[0].layer == 0 and rows[1].layer == 1
    assert rows.to_numpy().shape == (len(rows),)
    t = prism.taylor("tanh", order=9)
    assert t.to_numpy().shape == (10,) and t.to_numpy().dtype == np.float64
    assert t.command == "taylor" and t.parameters["order"] == 9
    claim = prism.verify("simon-blog/tanh-even-zero")[0]
    assert claim.verdict == "holds" and claim.value is None


def test_error_mapping():
    with pytest.raises(ValueError, match="^prism: "):
        prism.hermite("not_an_activation", degree=3)
    with pytest.raises(ValueError):
        prism.spectrum("relu", dim=1, degree=2)
    with pytest.raises(prism.NotCertified, match="could not certify"):
        prism.eval("sin(1)-sin(1)", digits=5)
    with pytest.raises(ValueError):
        prism.gram("relu", np.zeros((2, 3)))
    with pytest.raises(ValueError):
        prism.gram("relu", np.eye(3), kernel="nngp", depth=0)
    with pytest.raises(ValueError):
        prism.gram("step", np.eye(3), kernel="ntk")
    with pytest.raises(ValueError):
        prism.gram("relu", np.ones(3))
    with pytest.raises(ValueError):
        prism.kernel_values("relu", [1.5])
    # The process survives all of that.
    assert prism.taylor("tanh", order=1)[1].exact == "1"


@pytest.mark.parametrize("name", ["dual", "cntk", "hea", "learn"])
def test_pass_throughs_report_the_cli_message(name):
    """Thin pass-throughs to the CLI commands: rows for valid input, a ValueError with the CLI's message otherwise."""
    function = getattr(prism, name)
    arguments = {"dual": (["relu"], {"q1": 1, "q2": 1, "q12": 0}),
                 "cntk": (["relu"], {"channels": 3, "pixels": 2, "filters": [2], "max_degree": 1}),
                 "hea": (["rbf:1"], {"gamma": [0.5, 0.5], "modes": 2}),
                 "learn": (["erf"], {"dim": 3, "n": [10], "target": {1: 1}, "digits": 10})}[name]
    try:
        rows = function(*arguments[0], **arguments[1])
    except ValueError as e:
        assert str(e).startswith("prism: ")
        probe = subprocess.run([CLI, name, *map(str, arguments[0])], capture_output=True, text=True)
        assert probe.returncode == 2
    else:
        assert len(rows) >= 1


# --- exact → SymPy on every exact string in Tables/ ---------------------------------------------

def table_rows():
    seen = {}
    for path in sorted((ROOT / "Tables").rglob("*.json")):
        document = json.loads(path.read_text())
        for row in document.get("rows", []):
            exact = row.get("exact")
            if isinstance(exact, str) and exact not in seen:
                seen[exact] = (row, path.name)
    return list(seen.values())


TABLE_ROWS = table_rows()


def independent(text):
    """SymPy's own parser on the same text (an independent reading of the syntax)."""
    names = {"pi": sympy.pi, "e": sympy.E, "log2": sympy.log(2), "euler": sympy.EulerGamma, "sqrt2": sympy.sqrt(2)}
    return parse_expr(text.replace("^", "**"), local_dict=names, evaluate=True)


def test_tables_have_exact_strings():
    assert len(TABLE_ROWS) > 500


def test_every_exact_string_in_tables_converts_to_an_equal_sympy_expression():
    with mpmath.workdps(60):
        for row, name in TABLE_ROWS:
            ours = prism.to_sympy(row["exact"])
            theirs = independent(row["exact"])
            a, b = sympy.N(ours, 60), sympy.N(theirs, 60)
            assert abs(a - b) <= sympy.Float(10) ** -55 * max(1, abs(b)), (name, row["exact"])
            # and inside the row's certified enclosure
            assert mpmath.mpf(row["lower"]) <= mpmath.mpf(str(a)) + mpmath.mpf(10) ** -50 * max(1, abs(mpmath.mpf(str(a)))), (name, row["exact"])
            assert mpmath.mpf(str(a)) - mpmath.mpf(10) ** -50 * max(1, abs(mpmath.mpf(str(a)))) <= mpmath.mpf(row["upper"]), (name, row["exact"])


@pytest.mark.parametrize("text, expected", [
    ("e^(1/2)*log2+euler", sympy.exp(sympy.Rational(1, 2)) * sympy.log(2) + sympy.EulerGamma),
    ("-1/12*pi^(-1/2)*3^(1/2)", -sympy.sqrt(3) / (12 * sympy.sqrt(sympy.pi))),
    ("2*2^(1/2)", sympy.sqrt(8)),
    ("sqrt2*pi^(-1)-3/4", sympy.sqrt(2) / sympy.pi - sympy.Rational(3, 4)),
    ("5^(2/3)*7^(1/3)*e^(-1/2)", sympy.Integer(5) ** sympy.Rational(2, 3) * sympy.Integer(7) ** sympy.Rational(1, 3) * sympy.exp(-sympy.Rational(1, 2))),
])
def test_exact_syntax(text, expected):
    assert sympy.simplify(prism.to_sympy(text) - expected) == 0


def test_exact_syntax_errors():
    for bad in ["2^^3", "pi*", "foo", "(1+2"]:
        with pytest.raises(ValueError):
            prism.to_sympy(bad)


# --- Gram matrices and kernel values ----------------------------------------------------------

def relu_ntk(rho, depth):
    """The normalized deep ReLU NTK by its closed form, in mpmath (CONVENTIONS §5)."""
    sigma = theta = mpmath.mpf(rho)
    for _ in range(depth):
        phi = mpmath.acos(max(-1, min(1, sigma)))
        dot = (mpmath.pi - phi) / mpmath.pi
        sigma = (mpmath.sin(phi) + (mpmath.pi - phi) * mpmath.cos(phi)) / mpmath.pi
        theta = sigma + dot * theta
    return theta


def test_gram_shapes_and_values():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((12, 10))
    Y = rng.standard_normal((5, 10))
    g = prism.gram("relu", X, kernel="ntk", depth=3)
    assert g.shape == (12, 12) and np.asarray(g).dtype == np.float64
    assert np.array_equal(g.values, g.values.T)
    assert g.error_bound <= 1e-13
    cross = prism.gram("relu", X, Y, kernel="ntk", depth=3)
    assert cross.shape == (12, 5)
    with mpmath.workdps(50):
        for i in range(12):
            for j in range(5):
                x, y = [mpmath.mpf(float(v)) for v in X[i]], [mpmath.mpf(float(v)) for v in Y[j]]
                rho = mpmath.fdot(x, y) / mpmath.sqrt(mpmath.fdot(x, x) * mpmath.fdot(y, y))
                assert abs(cross.values[i, j] - relu_ntk(rho, 3)) <= cross.error_bound
    smooth = prism.gram("erf", X / np.linalg.norm(X, axis=1, keepdims=True), kernel="nngp", depth=1, order=30)
    assert smooth.shape == (12, 12) and smooth.error_bound < 1e-3


def test_kernel_values_shapes():
    rho = np.linspace(-1, 1, 12).reshape(3, 4)
    values, bounds = prism.kernel_values("abs", rho, kernel="ntk", depth=2)
    assert values.shape == (3, 4) and bounds.shape == (3, 4)
    assert values[-1, -1] == 3.0 and np.all(bounds < 1e-13)


def test_docstring_examples():
    """Every example in the docstrings runs and prints what it shows."""
    import doctest
    import prism.exact
    for module in (prism, prism.exact):
        result = doctest.testmod(module, extraglobs={"prism": prism}, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 0
