# Prism — every entry point sets up what it needs first (scripts/setup.sh).
SWIFT ?= swift
PRISM := .build/release/prism

.PHONY: all run demo setup build test bench valgrind clean

all: run

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build -c release --product prism

# The main job: regenerate every certified table and compare it byte-for-byte with Tables/.
run: build
	@bash scripts/tables.sh $(PRISM)

# A tour of every command with the release binary.
demo: build
	@bash scripts/demo.sh $(PRISM)

# The test suite's one build: optimized (the GMP/MPFR-bound tests run about 3× faster than in debug) and
# testable (@testable imports), in its own scratch directory so that `make run`'s .build/release stays as it
# is. The scripts below build (or reuse) their products with the same flags.
TEST_FLAGS := -c release -Xswiftc -enable-testing --scratch-path .build/testing
test valgrind: export PRISM_SWIFT_BUILD_FLAGS = $(TEST_FLAGS)

# The whole test suite.
test: setup
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	$(SWIFT) test $(TEST_FLAGS) --skip-build
	bash scripts/leak_c_abi.sh
	bash scripts/python_test.sh
	bash scripts/check_guide.sh .build/testing/release/prism
	bash scripts/valgrind.sh --no-build --quick

# Our code and the anchors side by side in one run (see Docs/performance.md).
bench: setup
	$(SWIFT) build -c release --product prism-bench
	python3 Benchmarks/run_bench.py --swift-bench .build/release/prism-bench

# The leak check (also run by `make test`): every workload of scripts/leak-workloads.sh under valgrind.
valgrind: setup
	@bash scripts/valgrind.sh

clean:
	rm -rf .build
