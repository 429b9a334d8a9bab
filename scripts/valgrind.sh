#!/usr/bin/env bash
# Runs the CLI and a test subset under valgrind --leak-check=full and prints each
# run's leak summary. Every run must report "definitely lost: 0 bytes in 0 blocks"
# (Swift's runtime keeps some metadata "possibly lost"/"still reachable"; that is not a leak
# of Prism's objects). Exits non-zero if any run loses memory definitely or indirectly.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)" >&2; exit 1; }
swift build --product prism
swift build --product prism-memcheck
log=$(mktemp -d)
status=0
run() {
    local name=$1; shift
    valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=97 \
        --log-file="$log/$name.log" "$@" >/dev/null 2>&1 || true
    local summary
    summary=$(grep -E "definitely lost|indirectly lost|ERROR SUMMARY" "$log/$name.log" | sed 's/^==[0-9]*== *//' | tr '\n' ';')
    echo "$name: ${summary:-no leaks possible (all heap blocks were freed)}"
    if grep -qE "definitely lost: [1-9]|indirectly lost: [1-9]" "$log/$name.log"; then status=1; fi
}
run eval-exact .build/debug/prism eval "sqrt(8)*gamma(-5/2)+exp(1/3)" --digits 60 --format json
run eval-numeric .build/debug/prism eval "erf(1/2)*pi+lgamma(-1/3)+sin(1e22)" --digits 200
run eval-error .build/debug/prism eval "1/(sin(1)-sin(1))" --digits 5
run eval-parse-error .build/debug/prism eval "2^^3"
# valgrind 3.19 crashes starting the Swift Testing runner, so the number-layer test
# workload runs as its own executable (Tests/MemoryCheck/main.swift).
run hermite-integrator .build/debug/prism hermite tanh --degree 4 --digits 15
run memcheck-workload .build/debug/prism-memcheck
echo "logs: $log"
exit $status
