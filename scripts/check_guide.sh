#!/usr/bin/env bash
# Runs every example of Docs/guide.md as written from the repository root: each ```console block's
# `$ ` lines run in bash, with `prism` the binary given, in one scratch directory per block that links
# every top-level entry of the repository (so `Tables/…` resolves as from the root, and files the
# examples write stay out of the work tree). The lines shown after a command must be exactly its
# standard output. Usage: scripts/check_guide.sh [path/to/prism]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
prism="$(cd "$(dirname "${1:-$root/.build/release/prism}")" && pwd)/$(basename "${1:-prism}")"
guide="$root/Docs/guide.md"
python3 - "$guide" "$prism" "$root" <<'PY'
import os, subprocess, sys, tempfile
guide, prism, root = sys.argv[1:4]
lines = open(guide, encoding="utf-8").read().split("\n")
blocks, current = [], None
for line in lines:
    if line.startswith("```console"):
        current = []
    elif line.startswith("```") and current is not None:
        blocks.append(current); current = None
    elif current is not None:
        current.append(line)
failures = commands = 0
bindir = tempfile.mkdtemp(prefix="prism-guide-bin-")
os.symlink(prism, os.path.join(bindir, "prism"))
# The Python examples use the venv scripts/python_test.sh sets up (prism installed), when present.
venv_bin = os.path.join(root, ".build", "python-venv", "bin")
path = bindir + os.pathsep + (venv_bin + os.pathsep if os.path.isdir(venv_bin) else "") + os.environ["PATH"]
env = dict(os.environ, PATH=path)
env.pop("PRISM_ROOT", None)
for block in blocks:
    scratch = tempfile.mkdtemp(prefix="prism-guide-")
    for entry in os.listdir(root):
        if not entry.startswith("."):
            os.symlink(os.path.join(root, entry), os.path.join(scratch, entry))
    steps = []
    for line in block:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    for command, expected in steps:
        commands += 1
        run = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=scratch, env=env,
                             capture_output=True, text=True)
        got = run.stdout.rstrip("\n").split("\n") if run.stdout.strip() else []
        want = expected[:]
        while want and want[-1] == "":
            want.pop()
        if run.returncode != 0 or (want and got != want):
            failures += 1
            print(f"FAIL: $ {command}\n  exit {run.returncode}; stderr: {run.stderr.strip()[:300]}")
            if want and got != want:
                for i, (g, w) in enumerate(zip(got + [''] * len(want), want + [''] * len(got))):
                    if g != w:
                        print(f"  first difference at output line {i + 1}:\n    want: {w}\n    got:  {g}")
                        break
print(f"Docs/guide.md: {commands} commands in {len(blocks)} examples, {failures} failed")
sys.exit(1 if failures else 0)
PY
