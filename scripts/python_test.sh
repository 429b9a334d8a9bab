#!/usr/bin/env bash
# The Python package's test suite: a venv in .build/python-venv (system site packages visible),
# numpy/sympy/mpmath/pytest installed there only if missing, `pip install ./python` with the debug
# library (PRISM_BUILD_CONFIGURATION=debug: the build `make test` already made), then pytest
# against the debug CLI. Idempotent and quick when everything is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/python-venv
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
py="$venv/bin/python"
"$py" -c "import numpy, sympy, mpmath, pytest, setuptools, wheel" 2>/dev/null \
    || "$py" -m pip install -q numpy sympy mpmath pytest setuptools wheel
swift build --product prism >/dev/null
PRISM_BUILD_CONFIGURATION=debug "$py" -m pip install -q --no-build-isolation --no-deps --force-reinstall ./python
PRISM_CLI="$(swift build --show-bin-path)/prism" "$py" -m pytest -q python/tests
