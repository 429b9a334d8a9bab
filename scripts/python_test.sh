#!/usr/bin/env bash
# The Python package's test suite: a venv in .build/python-venv (system site packages visible),
# numpy/sympy/mpmath/pytest installed there only if missing, `pip install ./python` with the library
# built with PRISM_SWIFT_BUILD_FLAGS (`make test` sets them to its own build's; default: debug), then
# pytest against the CLI of that build. Idempotent and quick when everything is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/python-venv
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
py="$venv/bin/python"
"$py" -c "import numpy, sympy, mpmath, pytest, setuptools, wheel" 2>/dev/null \
    || "$py" -m pip install -q numpy sympy mpmath pytest setuptools wheel
export PRISM_SWIFT_BUILD_FLAGS="${PRISM_SWIFT_BUILD_FLAGS:-}"
read -ra flags <<< "$PRISM_SWIFT_BUILD_FLAGS"
swift build "${flags[@]}" --product prism >/dev/null
"$py" -m pip install -q --no-build-isolation --no-deps --force-reinstall ./python
PRISM_CLI="$(swift build "${flags[@]}" --show-bin-path)/prism" "$py" -m pytest -q python/tests
