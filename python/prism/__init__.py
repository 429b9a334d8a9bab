"""Prism from Python: exact and certified spectral coefficients of activations and kernels.

Every function named after a ``prism`` command runs that command in-process through Prism's C
library (``libprism-c``, see Docs/c-library.md) and returns its rows: a :class:`Results` list of
:class:`Value` (or :class:`Row` for rows with more fields). Options are keyword arguments named
like the command-line options (``weight_variance=2`` is ``--weight-variance 2``; ``True`` is a
flag). Bad input raises ``ValueError`` with the CLI's one-line message; a computation Prism cannot
certify raises :class:`NotCertified`.

Example:
    >>> import prism
    >>> prism.hermite("tanh", degree=5, digits=40)[5].value
    '0.06254752375270360628769794158522094774962'
"""
from __future__ import annotations

import ctypes
import json
import os
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from .exact import to_sympy

__all__ = [
    "Value", "Row", "Results", "Gram", "NotCertified", "run", "to_sympy",
    "taylor", "hermite", "kernel", "spectrum", "layers", "verify", "eval", "dual", "cntk", "hea", "learn",
    "gram", "kernel_values",
]


class NotCertified(Exception):
    """Prism could not certify the result within its limits (exit status 1)."""


# --- the library -------------------------------------------------------------------------------

_LIBRARY_NAME = "libprism-c.dylib" if sys.platform == "darwin" else "libprism-c.so"


def _library_path() -> Path:
    """PRISM_LIBRARY, else the copy installed in the package, else the repository's build."""
    explicit = os.environ.get("PRISM_LIBRARY")
    if explicit:
        return Path(explicit)
    here = Path(__file__).resolve().parent
    candidates = [here / _LIBRARY_NAME]
    root = here.parent.parent
    candidates += [root / ".build" / c / _LIBRARY_NAME for c in ("release", "debug")]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise ImportError(f"prism: {_LIBRARY_NAME} not found (install with `pip install ./python` "
                      "from the repository, or set PRISM_LIBRARY)")


_lib = ctypes.CDLL(str(_library_path()))
_char_pp = ctypes.POINTER(ctypes.c_char_p)
_double_p = ctypes.POINTER(ctypes.c_double)
_lib.prism_run.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p),
                           ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p)]
_lib.prism_run.restype = ctypes.c_int
_lib.prism_gram.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, _double_p,
                            ctypes.c_size_t, ctypes.c_size_t, _double_p, _double_p, ctypes.POINTER(ctypes.c_void_p)]
_lib.prism_gram.restype = ctypes.c_int
_lib.prism_kernel_values.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, _double_p,
                                     ctypes.c_size_t, _double_p, _double_p, ctypes.POINTER(ctypes.c_void_p)]
_lib.prism_kernel_values.restype = ctypes.c_int
_lib.prism_free.argtypes = [ctypes.c_void_p]
_lib.prism_free.restype = None


def _take_string(pointer: ctypes.c_void_p) -> Optional[str]:
    """The library's malloc'd string as str, released."""
    if not pointer.value:
        return None
    try:
        return ctypes.string_at(pointer.value).decode("utf-8")
    finally:
        _lib.prism_free(pointer)


def _raise(status: int, message: Optional[str]) -> None:
    text = (message or "prism: error").strip()
    if status == 1:
        raise NotCertified(text)
    raise ValueError(text)


def run(*arguments: str) -> str:
    """Runs one ``prism`` command in-process and returns its standard output.

    Example:
        >>> print(prism.run("taylor", "tanh", "--order", "3", "--format", "csv"))  # doctest: +SKIP
    """
    words = [str(a).encode("utf-8") for a in arguments]
    argv = (ctypes.c_char_p * max(len(words), 1))(*words)
    out, err = ctypes.c_void_p(), ctypes.c_void_p()
    status = _lib.prism_run(len(words), argv, ctypes.byref(out), ctypes.byref(err))
    output, message = _take_string(out), _take_string(err)
    if status != 0:
        _raise(status, message)
    return output or ""


# --- values ------------------------------------------------------------------------------------

class Value:
    """One certified value: ``exact`` (Prism's exact text or None), ``value`` (correctly rounded
    decimal string), ``lower`` ≤ true ≤ ``upper`` (decimal strings), ``double`` (the correctly
    rounded binary64), and ``index`` when the row has one.

    Example:
        >>> v = prism.eval("e^(1/2)*log2+euler", digits=20)[0]
        >>> v.sympy()
        EulerGamma + exp(1/2)*log(2)
    """

    __slots__ = ("index", "exact", "value", "lower", "upper", "double")

    def __init__(self, fields: Dict[str, Any]):
        self.index = fields.get("index")
        self.exact: Optional[str] = fields.get("exact")
        self.value: str = fields["value"]
        self.lower: str = fields.get("lower", fields["value"])
        self.upper: str = fields.get("upper", fields["value"])
        d = fields.get("double")
        self.double: float = float.fromhex(d) if isinstance(d, str) and ("0x" in d or d in ("inf", "-inf", "nan")) \
            else float(d if d is not None else fields["value"])

    def mpf(self) -> Any:
        """The value as an mpmath number at mpmath's current precision: the exact value when
        known, else the decimal ``value``.

        Example:
            >>> prism.eval("pi", digits=5)[0].mpf()  # doctest: +SKIP
            mpf('3.1415926535897931')
        """
        import mpmath
        if self.exact is not None:
            return mpmath.mpmathify(to_sympy(self.exact).evalf(mpmath.mp.dps + 5))
        return mpmath.mpf(self.value)

    def sympy(self) -> Any:
        """The exact value as a SymPy expression; ValueError when the value is not exact.

        Example:
            >>> prism.taylor("tanh", order=3)[3].sympy()
            -2
        """
        if self.exact is None:
            raise ValueError(f"value {self.value} is not exact (certified to its digits only)")
        return to_sympy(self.exact)

    def __float__(self) -> float:
        return self.double

    def __repr__(self) -> str:
        return f"Value(index={self.index!r}, value={self.value!r}, exact={self.exact!r})"


class Row(Value):
    """A row with more fields than a value (``layer``, ``ratio``, ``multiplicity``, a claim's
    ``verdict``…): every field is an attribute; certified value objects nested in the row become
    :class:`Value`. Rows without a value of their own (verify's claims) have ``value`` None.

    Example:
        >>> prism.layers("relu", dim=3, degree=2, depth=1)[0].layer
        0
    """

    __slots__ = ("fields",)

    def __init__(self, fields: Dict[str, Any]):
        if "value" in fields:
            super().__init__(fields)
        else:
            self.index, self.exact, self.value, self.lower, self.upper = fields.get("index"), None, None, None, None
            self.double = float("nan")
        self.fields = {k: (Value(v) if isinstance(v, dict) and "value" in v else v) for k, v in fields.items()}

    def __getattr__(self, name: str) -> Any:
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __repr__(self) -> str:
        return f"Row({self.fields!r})"


_VALUE_KEYS = {"index", "exact", "value", "lower", "upper", "double"}


class Results(list):
    """The rows of one command, with ``command``, ``parameters`` and ``conventions`` of its JSON.

    Example:
        >>> prism.hermite("tanh", degree=3).to_numpy().shape
        (4,)
    """

    def __init__(self, rows: Iterable[Value], document: Dict[str, Any]):
        super().__init__(rows)
        self.command = document.get("command")
        self.parameters = document.get("parameters", {})
        self.conventions = document.get("conventions")

    def to_numpy(self) -> Any:
        """The doubles of the rows as a numpy array."""
        import numpy
        return numpy.array([row.double for row in self], dtype=float)


def _option(name: str, value: Any) -> List[str]:
    flag = "--" + name.rstrip("_").replace("_", "-")
    if value is None or value is False:
        return []
    if value is True:
        return [flag]
    if isinstance(value, (list, tuple)):
        return [flag, ",".join(str(v) for v in value)]
    if isinstance(value, dict):
        return [flag, ",".join(f"{k}:{v}" for k, v in value.items())]
    if isinstance(value, Fraction):
        return [flag, f"{value.numerator}/{value.denominator}"]
    return [flag, str(value)]


def _command(name: str, positionals: Sequence[Any], options: Dict[str, Any]) -> Results:
    words = [name] + [str(p) for p in positionals if p is not None]
    for key, value in options.items():
        words += _option(key, value)
    if "format" not in options:
        words += ["--format", "json"]
    document = json.loads(run(*words))
    rows = document.get("rows", document.get("claims", []))
    return Results([Value(r) if set(r) <= _VALUE_KEYS and "value" in r else Row(r) for r in rows], document)


# --- the commands ------------------------------------------------------------------------------

def taylor(activation: str, **options: Any) -> Results:
    """σ^(k)(0), k = 0…order (``prism taylor``).

    Example:
        >>> [v.exact for v in prism.taylor("tanh", order=3)]
        ['0', '1', '0', '-2']
    """
    return _command("taylor", [activation], options)


def hermite(activation: str, **options: Any) -> Results:
    """Hermite coefficients b_0…b_degree (``prism hermite``; ``degree=``, ``digits=``, ``scale=``, ``basis=``).

    Example:
        >>> prism.hermite("tanh", degree=5, digits=40)[5].value
        '0.06254752375270360628769794158522094774962'
    """
    return _command("hermite", [activation], options)


def kernel(activation: str, **options: Any) -> Results:
    """NNGP level coefficients or the dual-activation series (``prism kernel``).

    Example:
        >>> prism.kernel("relu", degree=2)[0].exact  # doctest: +SKIP
    """
    return _command("kernel", [activation], options)


def spectrum(activation: Optional[str] = None, **options: Any) -> Results:
    """Sphere eigenvalues μ_k of the NNGP/NTK (``prism spectrum``; ``dim=``, ``degree=``, ``kernel=``, ``depth=``…).

    Example:
        >>> prism.spectrum("relu", dim=3, degree=2)[0].exact
        '3/8'
    """
    return _command("spectrum", [activation], options)


def layers(activation: str, **options: Any) -> Results:
    """Layer-wise NTK eigenvalues (``prism layers``); rows are :class:`Row` with ``layer`` and ``ratio``.

    Example:
        >>> prism.layers("relu", dim=3, degree=2, depth=1)[0].layer
        0
    """
    return _command("layers", [activation], options)


def verify(*claims: str, **options: Any) -> Results:
    """Checks the sources' claims (``prism verify``): one :class:`Row` per claim (``id``, ``verdict``, ``evidence``).

    Example:
        >>> prism.verify("simon-blog/tanh-even-zero")[0].verdict
        'holds'
    """
    return _command("verify", list(claims), options)


def eval(expression: str, **options: Any) -> Results:  # noqa: A001 - the command's name
    """A real expression, exactly or certified (``prism eval``).

    Example:
        >>> prism.eval("sqrt(8)", digits=10)[0].exact
        '2*2^(1/2)'
    """
    return _command("eval", [expression], options)


def dual(activation: str, **options: Any) -> Results:
    """E[σ(u)σ(v)] for (u, v) ~ N(0, [[q1, q12], [q12, q2]]) (``prism dual``; ``q1=``, ``q2=``, ``q12=``).

    Example:
        >>> prism.dual("relu", q1=1, q2=1, q12=0)  # doctest: +SKIP
    """
    return _command("dual", [activation], options)


def cntk(activation: str, **options: Any) -> Results:
    """Convolutional-kernel eigenvalues on products of spheres (``prism cntk``).

    Example:
        >>> prism.cntk("relu", channels=3, pixels=2, filters=[1, 1], max_degree=2)  # doctest: +SKIP
    """
    return _command("cntk", [activation], options)


def hea(kernel: str, **options: Any) -> Results:
    """The Hermite-eigenstructure-ansatz eigenvalues (``prism hea``).

    Example:
        >>> prism.hea("rbf:1", gamma=[0.5, 0.5], modes=4)  # doctest: +SKIP
    """
    return _command("hea", [kernel], options)


def learn(activation: Optional[str] = None, **options: Any) -> Results:
    """Eigenlearning predictions (``prism learn``).

    Example:
        >>> prism.learn("relu", dim=3, n=[10, 100], target={1: 1})  # doctest: +SKIP
    """
    return _command("learn", [activation], options)


# --- double evaluation -------------------------------------------------------------------------

class Gram:
    """A Gram matrix in double precision: ``values`` (numpy array) and ``error_bound``, a rigorous
    bound of every entry's error. ``numpy.asarray(gram)`` gives ``values``.

    Example:
        >>> import numpy as np
        >>> g = prism.gram("relu", np.eye(3), kernel="ntk", depth=3)
        >>> float(g.values[0, 0]), g.error_bound < 1e-13
        (4.0, True)
    """

    def __init__(self, values: Any, error_bound: float):
        self.values = values
        self.error_bound = error_bound

    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        return self.values if dtype is None else self.values.astype(dtype)

    @property
    def shape(self) -> tuple:
        return self.values.shape

    def __repr__(self) -> str:
        return f"Gram(shape={self.values.shape}, error_bound={self.error_bound:.3g})"


def _as_points(X: Any) -> Any:
    import numpy
    a = numpy.ascontiguousarray(numpy.asarray(X, dtype=numpy.float64))
    if a.ndim != 2 or a.shape[0] < 1 or a.shape[1] < 1:
        raise ValueError(f"prism: points must be a non-empty 2-d array (n, d), got shape {a.shape}")
    return a


def gram(activation: str, X: Any, Y: Any = None, *, kernel: str = "nngp", depth: int = 1, order: int = 40) -> Gram:
    """The normalized NNGP/NTK Gram matrix K(cos ∠(x_i, y_j)) (CONVENTIONS §5) in double precision
    with a rigorous error bound. relu, leaky_relu(a), abs (and step, sign: NNGP) use the closed-form
    angle recursion on the directions of any non-zero rows; other activations the certified power
    series truncated at ``order`` and need unit rows. With Y, the (n, m) cross matrix.

    Example:
        >>> import numpy as np
        >>> X = np.random.default_rng(0).standard_normal((5, 10))
        >>> prism.gram("relu", X, kernel="ntk", depth=3).shape
        (5, 5)
    """
    import numpy
    a = _as_points(X)
    n = a.shape[0]
    if Y is not None:
        b = _as_points(Y)
        if b.shape[1] != a.shape[1]:
            raise ValueError(f"prism: X and Y have different dimensions ({a.shape[1]} and {b.shape[1]})")
        a = numpy.ascontiguousarray(numpy.vstack([a, b]))
    m = a.shape[0]
    out = numpy.empty((m, m), dtype=numpy.float64)
    bound = ctypes.c_double(0)
    err = ctypes.c_void_p()
    status = _lib.prism_gram(activation.encode(), kernel.encode(), int(depth), int(order),
                             a.ctypes.data_as(_double_p), m, a.shape[1], out.ctypes.data_as(_double_p),
                             ctypes.byref(bound), ctypes.byref(err))
    message = _take_string(err)
    if status != 0:
        _raise(status, message)
    values = out if Y is None else numpy.ascontiguousarray(out[:n, n:])
    return Gram(values, bound.value)


def kernel_values(activation: str, rho: Any, *, kernel: str = "nngp", depth: int = 1, order: int = 40) -> tuple:
    """K(ρ) at the cosines ρ (any shape) and a rigorous bound of each error, as two numpy arrays.

    Example:
        >>> values, bounds = prism.kernel_values("relu", [1.0, 0.0], kernel="ntk", depth=2)
        >>> float(values[0])
        3.0
    """
    import numpy
    r = numpy.ascontiguousarray(numpy.asarray(rho, dtype=numpy.float64))
    flat = r.reshape(-1)
    values = numpy.empty_like(flat)
    bounds = numpy.empty_like(flat)
    err = ctypes.c_void_p()
    status = _lib.prism_kernel_values(activation.encode(), kernel.encode(), int(depth), int(order),
                                      flat.ctypes.data_as(_double_p), flat.size, values.ctypes.data_as(_double_p),
                                      bounds.ctypes.data_as(_double_p), ctypes.byref(err))
    message = _take_string(err)
    if status != 0:
        _raise(status, message)
    return values.reshape(r.shape), bounds.reshape(r.shape)
