#!/usr/bin/env bash
# The main job: regenerate every certified table with the release binary into a scratch tree,
# then compare it byte-for-byte with the committed Tables/ (and check Tables/MANIFEST).
set -euo pipefail
cd "$(dirname "$0")/.."
prism="${1:-.build/release/prism}"
scratch=".build/tables"
rm -rf "$scratch"
start=$(date +%s)
"$prism" table --all --output "$scratch"
echo "generated in $(( $(date +%s) - start )) s"
(cd Tables && sha256sum --quiet --strict -c MANIFEST) && echo "Tables/: every file matches its SHA-256 in Tables/MANIFEST"
if diff -r "$scratch" Tables > /dev/null; then
    # MANIFEST lists every file but itself: the tree holds one file more than it has entries.
    echo "Tables/ reproduced byte-for-byte ($(find Tables -type f | wc -l) files: $(grep -vc '^#' Tables/MANIFEST) listed in MANIFEST, and MANIFEST)"
else
    echo "Tables/ differs from the regenerated tree:" >&2
    diff -rq "$scratch" Tables >&2 || true
    echo "(to accept the new tables: cp -r $scratch/. Tables/)" >&2
    exit 1
fi
