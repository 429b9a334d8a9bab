#!/usr/bin/env bash
# The main job (for now): a few certified evaluations with the release binary.
set -euo pipefail
prism="${1:-.build/release/prism}"
for expression in "1/3+1/6" "erf(1/2)*pi" "sqrt(8)" "gamma(-5/2)" "exp(pi*sqrt(163))" "sin(1e22)"; do
    echo "\$ prism eval '$expression' --digits 40"
    "$prism" eval "$expression" --digits 40
    echo
done
echo "\$ prism eval 'lgamma(1/3)' --format json"
"$prism" eval "lgamma(1/3)" --format json
