#!/usr/bin/env bash
# Installs what Prism needs and is missing: GMP and MPFR headers (Debian packages), and the C
# compiler and Python 3 the test suite uses to compile and import emitted code (Docs/guide.md).
# Idempotent: does nothing when everything is present.
set -euo pipefail

missing=()
for package in libgmp-dev libmpfr-dev pkg-config; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
command -v gcc >/dev/null || missing+=(gcc)
command -v python3 >/dev/null || missing+=(python3)
command -v valgrind >/dev/null || missing+=(valgrind)   # the leak check (scripts/valgrind.sh)
command -v objcopy >/dev/null || missing+=(binutils)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6 toolchain required)" >&2; exit 1; }
