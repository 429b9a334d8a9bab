#!/usr/bin/env bash
# Builds the C library (libprism-c) and Examples/prism_example.c, runs the example, then runs it
# under valgrind --leak-check=full: it must report 0 bytes definitely and indirectly lost.
# Fails loudly (exit 1) if the example fails, valgrind is missing, or valgrind cannot run it.
# valgrind 3.19 gives up on the DWARF 5 debug info Swift 6 writes into the library ("unhandled
# dwarf2 abbrev form code 0x25"), so the example links a copy stripped of its debug sections.
# The library is built with the flags in PRISM_SWIFT_BUILD_FLAGS (`make test` sets them; default: debug).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "leak_c_abi: valgrind not installed (apt-get install valgrind)" >&2; exit 1; }
read -ra flags <<< "${PRISM_SWIFT_BUILD_FLAGS:-}"
swift build "${flags[@]}" --product prism-c >/dev/null
bin=$(swift build "${flags[@]}" --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objcopy --strip-debug "$bin/libprism-c.so" "$work/libprism-c.so"
cc -std=c11 -Wall -Werror -I include Examples/prism_example.c -L "$work" -lprism-c -lm \
   -Wl,-rpath,"$work" -o "$work/prism_example"
"$work/prism_example" >"$work/run.out" || { cat "$work/run.out"; echo "leak_c_abi: the example failed" >&2; exit 1; }
valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=97 --suppressions=scripts/swift-runtime.supp \
    --log-file="$work/valgrind.log" "$work/prism_example" >/dev/null 2>&1 || true
if ! grep -qE "ERROR SUMMARY" "$work/valgrind.log"; then
    cat "$work/valgrind.log" >&2; echo "leak_c_abi: valgrind did not run the example" >&2; exit 1
fi
summary=$(grep -E "definitely lost|indirectly lost|All heap blocks were freed|ERROR SUMMARY" "$work/valgrind.log" | sed 's/^==[0-9]*== *//' | tr '\n' ';')
echo "leak_c_abi: $summary"
if grep -qE "definitely lost: [1-9]|indirectly lost: [1-9]" "$work/valgrind.log"; then
    grep -B2 -A20 "definitely lost in" "$work/valgrind.log" | head -80 >&2
    echo "leak_c_abi: memory definitely or indirectly lost" >&2; exit 1
fi
