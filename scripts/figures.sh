#!/usr/bin/env bash
# Regenerates the figures recorded in Docs/figures/ (byte-identical for the same Prism).
# Usage: scripts/figures.sh [path/to/prism]
set -euo pipefail
cd "$(dirname "$0")/.."
prism="${1:-.build/release/prism}"
out=Docs/figures
mkdir -p "$out"
"$prism" plot spectrum relu --dim 10 --degree 100 --kernel ntk --depth 5 --weight multiplicity --output "$out/relu-ntk-depth5-s9-decay.svg"
"$prism" plot spectrum erf --dim 10 --degree 40 --kernel ntk --depth 3 --output "$out/erf-ntk-depth3-s9-decay.svg"
"$prism" plot layers relu --dim 10 --degree 20 --depth 3 --output "$out/relu-layers-depth3-s9.svg"
"$prism" plot layers erf --dim 3 --degree 15 --depth 2 --output "$out/erf-layers-depth2-s2.svg"
"$prism" plot hermite tanh --degree 60 --output "$out/tanh-hermite.svg"
"$prism" plot hermite gelu --degree 60 --output "$out/gelu-hermite.svg"
# Overlays: several activations in one figure, and several depths of one kernel.
"$prism" plot hermite tanh gelu erf sigmoid --degree 60 --output "$out/hermite-overlay.svg"
"$prism" plot spectrum relu --dim 10 --degree 60 --kernel ntk --depths 1,2,3 --output "$out/relu-ntk-depths-s9-decay.svg"
