#!/usr/bin/env bash
# `make demo`: a tour of certified results with the release binary.
set -euo pipefail
prism="${1:-.build/release/prism}"
show() { echo "\$ prism $*"; "$prism" "$@"; echo; }
show eval "erf(1/2)*pi" --digits 40
show eval "(2*pi)^(-1/2)"
show taylor gelu --order 6
show connection --dim 3 --max-degree 3
show hermite tanh --degree 7 --digits 25
show kernel relu --degree 6
show spectrum relu --dim 3 --degree 6
show spectrum erf --dim 10 --degree 5 --kernel ntk --depth 2 --digits 20
show layers erf --dim 3 --degree 3 --depth 2 --digits 12
show verify --all
