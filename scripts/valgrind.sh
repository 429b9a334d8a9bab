#!/usr/bin/env bash
# The leak check: runs every workload of scripts/leak-workloads.sh under
# valgrind --leak-check=full. Each run must end with its expected exit status and report
# "definitely lost: 0" and "indirectly lost: 0" (Swift's runtime keeps some metadata "possibly lost"
# or "still reachable"; that is not a leak of Prism's objects). A sentinel run that leaks on purpose
# must be reported as a leak, so a check that cannot see leaks fails too.
#
# valgrind 3.19 cannot read the DWARF 5 debug information of Swift 6 binaries ("Possibly corrupted
# debuginfo file … Giving up"): the binaries are copied into .build-leak/ with their debug
# sections removed (objcopy --strip-debug; symbols stay, so stacks still name functions).
# They are built with the flags in PRISM_SWIFT_BUILD_FLAGS (`make test` and `make valgrind` set them;
# default: debug).
#
# Usage: scripts/valgrind.sh [--no-build] [--quick]
#   --no-build: reuse that build (as `make test` does); --quick: leave out the `extended` workloads.
# Exits 0 when every run is clean, 1 otherwise or when the check cannot run — never silently.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() { echo "leak check: CANNOT RUN: $*" >&2; exit 1; }
command -v valgrind >/dev/null || fail "valgrind is not installed (apt-get install valgrind; make setup does it)"
command -v objcopy >/dev/null || fail "objcopy is not installed (apt-get install binutils)"
build=yes; quick=no
for argument in "$@"; do
    case "$argument" in
        --no-build) build=no ;;
        --quick) quick=yes ;;
        *) echo "usage: scripts/valgrind.sh [--no-build] [--quick]" >&2; exit 2 ;;
    esac
done
read -ra flags <<< "${PRISM_SWIFT_BUILD_FLAGS:-}"
if [ "$build" = yes ]; then
    swift build "${flags[@]}" --product prism >/dev/null || fail "swift build --product prism failed"
    swift build "${flags[@]}" --product prism-memcheck >/dev/null || fail "swift build --product prism-memcheck failed"
fi
built=$(swift build "${flags[@]}" --show-bin-path) || fail "swift build --show-bin-path failed"
bin=.build-leak/bin
logs=.build-leak/logs
rm -rf "$logs"; mkdir -p "$bin" "$logs"

# Resolves a workload's PROGRAM to a stripped copy (SwiftPM products) or to itself (paths).
resolve() {
    case "$1" in
        */*) [ -x "$1" ] || fail "workload program $1 is not an executable"; echo "$1" ;;
        *) [ -x "$built/$1" ] || fail "$built/$1 is missing (build it, or drop --no-build)"
           objcopy --strip-debug "$built/$1" "$bin/$1" || fail "objcopy --strip-debug $1 failed"
           echo "$bin/$1" ;;
    esac
}

runs=0; failures=0; start=$(date +%s)
# run NAME EXPECTED-EXIT MUST-LEAK PROGRAM ARGS…
run() {
    local name=$1 expected=$2 mustLeak=$3 program; shift 3
    program=$(resolve "$1") || exit 1; shift
    local log="$logs/$name.log" status t0=$(date +%s)
    valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=97 --suppressions=scripts/swift-runtime.supp \
        --log-file="$log" "$program" "$@" >/dev/null 2>"$logs/$name.stderr"
    status=$?
    runs=$((runs + 1))
    local definite indirect verdict=ok
    definite=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d , | tail -1)
    indirect=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$log" | tr -d , | tail -1)
    if grep -q "All heap blocks were freed" "$log"; then definite=${definite:-0}; indirect=${indirect:-0}; fi
    if grep -q "Giving up" "$log" || [ -z "$definite" ] || [ -z "$indirect" ]; then
        verdict="FAILED: valgrind produced no leak summary (see $log)"
    elif [ "$mustLeak" = yes ]; then
        [ "$definite" -gt 0 ] || verdict="FAILED: a deliberate leak went unreported: the check cannot see leaks"
    elif [ "$definite" != 0 ] || [ "$indirect" != 0 ]; then
        verdict="FAILED: leaks (see $log)"
    elif [ "$status" != "$expected" ]; then
        verdict="FAILED: exit $status, expected $expected (see $logs/$name.stderr)"
    fi
    [ "$verdict" = ok ] || failures=$((failures + 1))
    printf '%-22s definitely lost %s B, indirectly lost %s B, exit %s, %ss: %s\n' \
        "$name" "${definite:-?}" "${indirect:-?}" "$status" "$(( $(date +%s) - t0 ))" "$verdict"
}
workload() { local name=$1 expected=$2; shift 2; run "$name" "$expected" no "$@"; }
extended() { [ "$quick" = yes ] || workload "$@"; }

# The sentinel: prism-memcheck --deliberate-leak loses one mpz on purpose.
run deliberate-leak 0 yes prism-memcheck --deliberate-leak
source scripts/leak-workloads.sh
echo "leak check: $runs runs (1 deliberate leak$([ "$quick" = yes ] && echo ", extended workloads left out")), $failures failed, $(( $(date +%s) - start )) s; logs in $logs"
[ "$failures" = 0 ]
