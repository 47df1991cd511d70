# The two commands of the README: `make demo` and `make test`.
# Both check (and on Debian/Ubuntu as root, install) the one system package needed: libxml2-dev.
SWIFT ?= swift

.PHONY: demo test deps bench lint

deps:
	@Scripts/check-deps

demo: deps
	$(SWIFT) build --product medconform
	$$($(SWIFT) build --show-bin-path)/medconform run Profiles/demo-pcd01-monitor.yaml

test: deps
	$(SWIFT) test

lint: deps
	$(SWIFT) build --product medconform
	$$($(SWIFT) build --show-bin-path)/medconform lint Profiles/*.yaml

bench: deps
	Scripts/bench
