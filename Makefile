# The two commands of the README: `make demo` and `make test`.
# Both check (and on Debian/Ubuntu as root, install) the one system package needed: libxml2-dev.
SWIFT ?= swift

.PHONY: demo test deps bench bench-fuzz lint

deps:
	@Scripts/check-deps

demo: deps
	$(SWIFT) build --product medconform
	$$($(SWIFT) build --show-bin-path)/medconform run Profiles/demo-pcd01-monitor.yaml

# Serial on purpose: the end-to-end tests talk over loopback with real timeouts, and on a
# 2-core machine the exhaustive CPU-bound tests (every Unicode scalar, 20,000 mutated
# messages) running beside them would starve them past those timeouts. About 5 minutes.
test: deps
	$(SWIFT) test --no-parallel

lint: deps
	$(SWIFT) build --product medconform
	$$($(SWIFT) build --show-bin-path)/medconform lint Profiles/*.yaml

# Parse and validation beside python-hl7 and hl7apy, then the fuzzing campaign beside its
# raw-client ceiling and boofuzz (BENCH_MILLION=1 adds a 1,000,000-case campaign).
bench: deps
	Scripts/bench
	Scripts/bench-fuzz

bench-fuzz: deps
	Scripts/bench-fuzz
