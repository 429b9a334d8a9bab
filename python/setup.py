"""Builds Prism's C library (SwiftPM product `prism-c`) and ships it inside the package.

`pip install ./python` runs `swift build -c release --product prism-c` in the repository root
(the directory above this file) and copies libprism-c into the installed `prism` package.
PRISM_SWIFT_BUILD_FLAGS, when set, replaces `-c release` (the test suite passes its own build's flags;
empty means SwiftPM's default, a debug build).
"""
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = "libprism-c.dylib" if sys.platform == "darwin" else "libprism-c.so"


class BuildWithSwift(build_py):
    def run(self):
        flags = shlex.split(os.environ.get("PRISM_SWIFT_BUILD_FLAGS", "-c release"))
        if not (ROOT / "Package.swift").exists():
            raise SystemExit(f"prism: {ROOT} is not the Prism repository (no Package.swift)")
        swift = shutil.which("swift")
        if swift is None:
            raise SystemExit("prism: `swift` is not on PATH (Swift 6 toolchain required to build libprism-c)")
        subprocess.run([swift, "build", *flags, "--product", "prism-c"], cwd=ROOT, check=True)
        binary = subprocess.run([swift, "build", *flags, "--show-bin-path"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
        super().run()
        target = Path(self.build_lib) / "prism"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(binary) / LIBRARY, target / LIBRARY)


setup(cmdclass={"build_py": BuildWithSwift})
