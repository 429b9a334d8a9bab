"""Prism's exact-value text → SymPy.

Prism prints exact values as sums of terms ``q*c^(a/b)*…`` (Docs/numbers.md): rational
coefficients, the constants ``pi``, ``e``, ``log2`` (log 2), ``euler`` (Euler's γ), ``sqrt2``, and
integers (primes) raised to rational powers, e.g. ``-1/12*pi^(-1/2)*3^(1/2)`` or
``e^(1/2)*log2+euler``. :func:`to_sympy` parses that text (and the same expressions with
parentheses, ``sqrt``, ``exp`` and ``log``) into an equal SymPy expression.

Example:
    >>> from prism.exact import to_sympy
    >>> to_sympy("e^(1/2)*log2+euler")
    EulerGamma + exp(1/2)*log(2)
"""
from __future__ import annotations

import re
from typing import Any, List, Tuple

__all__ = ["to_sympy"]

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z_0-9]*)|(\S))")


def _tokens(text: str) -> List[Tuple[str, str]]:
    out: List[Tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            break
        number, name, symbol = match.groups()
        if number is not None:
            out.append(("number", number))
        elif name is not None:
            out.append(("name", name))
        else:
            out.append(("symbol", symbol))
        position = match.end()
    return out


class _Parser:
    """Recursive descent over Prism's exact syntax (SymPy imported on first use)."""

    def __init__(self, text: str):
        import sympy
        self.sympy = sympy
        self.constants = {"pi": sympy.pi, "e": sympy.E, "log2": sympy.log(2), "euler": sympy.EulerGamma,
                          "sqrt2": sympy.sqrt(2)}
        self.functions = {"sqrt": sympy.sqrt, "exp": sympy.exp, "log": sympy.log}
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0

    def error(self, why: str) -> ValueError:
        return ValueError(f"cannot parse exact value {self.text!r}: {why}")

    def peek(self) -> Tuple[str, str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "")

    def take(self, symbol: str) -> bool:
        if self.peek() == ("symbol", symbol):
            self.i += 1
            return True
        return False

    def expression(self) -> Any:
        sign = -1 if self.take("-") else 1
        if sign == 1:
            self.take("+")
        value = sign * self.term()
        while True:
            if self.take("+"):
                value = value + self.term()
            elif self.take("-"):
                value = value - self.term()
            else:
                return value

    def term(self) -> Any:
        value = self.power()
        while True:
            if self.take("*"):
                value = value * self.power()
            elif self.take("/"):
                value = value / self.power()
            else:
                return value

    def power(self) -> Any:
        base = self.atom()
        if self.take("^"):
            negative = self.take("-")
            exponent = self.power()  # right-associative
            return self.sympy.Pow(base, -exponent if negative else exponent)
        return base

    def atom(self) -> Any:
        kind, text = self.peek()
        if kind == "number":
            self.i += 1
            return self.sympy.Rational(text)
        if kind == "name":
            self.i += 1
            if text in self.functions:
                if not self.take("("):
                    raise self.error(f"{text} needs an argument in parentheses")
                argument = self.expression()
                if not self.take(")"):
                    raise self.error("missing ')'")
                return self.functions[text](argument)
            if text in self.constants:
                return self.constants[text]
            raise self.error(f"unknown name {text!r}")
        if self.take("("):
            value = self.expression()
            if not self.take(")"):
                raise self.error("missing ')'")
            return value
        if self.take("-"):
            return -self.power()
        raise self.error(f"unexpected {text or 'end of text'!r}")


def to_sympy(text: str) -> Any:
    """The SymPy expression equal to one of Prism's exact strings.

    Raises ValueError for text that is not in Prism's exact syntax.

    Example:
        >>> to_sympy("-1/12*pi^(-1/2)*3^(1/2)")
        -sqrt(3)/(12*sqrt(pi))
    """
    parser = _Parser(text)
    value = parser.expression()
    if parser.i != len(parser.tokens):
        raise parser.error(f"unexpected {parser.peek()[1]!r}")
    return value
