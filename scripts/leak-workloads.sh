# The programs scripts/valgrind.sh runs under valgrind --leak-check=full, one `workload` line each:
#   workload NAME EXPECTED-EXIT PROGRAM [ARGUMENT …]
# PROGRAM is a SwiftPM product of this package (built with PRISM_SWIFT_BUILD_FLAGS, then copied without its debug
# information into .build-leak/, which valgrind 3.19 cannot read) or a path to an executable.
# EXPECTED-EXIT is the program's own exit status (1 for a value that cannot be certified, 2 for bad
# input); a run that ends otherwise, or that valgrind cannot follow, fails the check.
# `extended` lines (same syntax) are left out by `scripts/valgrind.sh --quick` (the run inside
# `make test`), because valgrind makes them take minutes; `make valgrind` runs them too.
# To add a workload (e.g. a C ABI smoke test), append a line; nothing else needs to change.

workload eval-exact         0 prism eval "sqrt(8)*gamma(-5/2)+exp(1/3)" --digits 60 --format json
workload eval-numeric       0 prism eval "erf(1/2)*pi+lgamma(-1/3)+sin(1e22)" --digits 200
workload eval-not-certified 1 prism eval "1/(sin(1)-sin(1))" --digits 5
workload eval-bad-input     2 prism eval "2^^3"
workload taylor             0 prism taylor gelu --order 12 --format csv
workload hermite-integrator 0 prism hermite tanh --degree 1 --digits 3
extended spectrum-series    0 prism spectrum erf --dim 3 --degree 2 --digits 6
extended spectrum-theta     0 prism layers relu --dim 2 --degree 1 --depth 2 --digits 3
workload spectrum-exact     0 prism spectrum relu --dim 3 --degree 3 --kernel ntk --digits 10
workload connection         0 prism connection --dim 7 --max-degree 8 --format json
extended layers-series      0 prism layers erf --dim 3 --degree 1 --depth 1 --digits 5
workload dual-series        0 prism kernel erf --series dual --degree 6 --digits 10
workload kernel-exact       0 prism kernel relu --degree 20 --format json
# The library workload: every number object and ownership path (Sources/prism-memcheck/main.swift).
workload memcheck-workload  0 prism-memcheck
workload cntk-mean-series   0 prism cntk relu --channels 6 --pixels 4 --filters 4 --max-degree 1 --digits 10
extended cntk-field-quadrature 0 prism cntk sign --channels 3 --pixels 2 --filters 1,1,1,2 --max-degree 1 --digits 6
extended cntk-top-series     0 prism cntk relu --channels 3 --pixels 8 --filters 2,4 --max-degree 1 --digits 6
