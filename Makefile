# StationFinder: the two commands a newcomer needs are `make run` and `make test`.
# Both install the system libraries they need (Debian/Ubuntu) when missing.

DB ?= stationfinder.db
HOST ?= 127.0.0.1
PORT ?= 8080
SWIFT ?= swift
APT_PACKAGES := libgeos-dev libsqlite3-dev pkg-config zlib1g-dev libglpk-dev libgdal-dev gdal-bin libjs-leaflet sqlite3
# Python tools the tests call: the independent OpenAPI validator; schemathesis for the contract test.
PIP_PACKAGES := openapi-spec-validator schemathesis
# The PostgreSQL tests' throwaway server (scripts/pg_test_server.sh) and the local cluster.
PG_PACKAGES := postgresql
# The map's browser test: Debian's Chromium and a font with Chinese characters.
BROWSER_PACKAGES := chromium fonts-wqy-microhei
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test test-reliability test-browser test-asan test-tsan soak deps pydeps build release setup bench load clean cluster cluster-stop

## Install libgeos-dev, libsqlite3-dev, pkg-config and libjs-leaflet (the map) when any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## Install the Python tools the tests use when missing.
pydeps:
	@python3 -c 'import openapi_spec_validator, schemathesis' 2>/dev/null || \
		python3 -m pip install -q $(PIP_PACKAGES) || python3 -m pip install -q --break-system-packages $(PIP_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product stationfinder

## Load geodata/ (districts, census population, the synthetic sample ledger) into $(DB).
setup: release
	$$($(SWIFT) build -c release --show-bin-path)/stationfinder setup --geodata geodata --sample --db $(DB)

## Build, load the bundled Beijing data and serve the HTTP API on $(HOST):$(PORT).
run: setup
	$$($(SWIFT) build -c release --show-bin-path)/stationfinder serve --host $(HOST) --port $(PORT) --db $(DB)

## Run the whole test suite (unit, conformance, property and live-server tests).
## The PostgreSQL tests use a throwaway server (scripts/pg_test_server.sh), stopped again afterwards.
test: deps pydeps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(PG_PACKAGES)"
	@url="$$(bash scripts/pg_test_server.sh start)" || exit 1; \
	STATIONFINDER_TEST_PG_URL="$$url" $(SWIFT) test; status=$$?; \
	bash scripts/pg_test_server.sh stop; exit $$status
	@$(MAKE) --no-print-directory test-reliability

## Contract test (schemathesis against /openapi.yaml), 20 kill -9s during imports into SQLite and 6 into
## PostgreSQL (a throwaway server), 20 s of fuzzing per target; see README "Reliability". Longer
## budgets: the scripts' arguments.
test-reliability: deps pydeps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(PG_PACKAGES)"
	$(SWIFT) build --product stationfinder
	python3 scripts/contract_test.py --bin "$$($(SWIFT) build --show-bin-path)/stationfinder" --max-time 30
	BIN="$$($(SWIFT) build --show-bin-path)/stationfinder" bash scripts/crash_inject.sh 20
	@url="$$(bash scripts/pg_test_server.sh start)" || exit 1; \
	LEDGER_URL="$$url" BIN="$$($(SWIFT) build --show-bin-path)/stationfinder" bash scripts/crash_inject.sh 6; status=$$?; \
	bash scripts/pg_test_server.sh stop; exit $$status
	bash scripts/fuzz.sh all 20

## The unit tests under AddressSanitizer / ThreadSanitizer, each in its own build directory. Not in
## `make test` or CI: each builds everything again (about 10 min on two cores), then runs the suite (about 2 min).
test-asan: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt:print_suppressions=1 \
		$(SWIFT) test --skip-build --scratch-path .build-asan

test-tsan: deps
	$(SWIFT) build --build-tests --scratch-path .build-tsan -Xswiftc -sanitize=thread
	$(SWIFT) test --skip-build --scratch-path .build-tsan

## Soak: wrk at 256 connections on nearest, alone then beside the heavy routes, RSS sampled, then
## SIGTERM under load (release build; SOAK_SECONDS per phase). Not in `make test`: about 3 minutes.
SOAK_SECONDS ?= 60
soak: release
	@$(MAKE) --no-print-directory deps APT_PACKAGES="wrk curl"
	BIN="$$($(SWIFT) build -c release --show-bin-path)/stationfinder" bash scripts/soak.sh $(SOAK_SECONDS)

## The map (/map) in headless Chromium against a live server on a scratch database; see scripts/map_browser_test.py.
test-browser: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(BROWSER_PACKAGES)"
	$(SWIFT) build --product stationfinder
	python3 scripts/map_browser_test.py --bin "$$($(SWIFT) build --show-bin-path)/stationfinder"

## Two replicas behind nginx on one PostgreSQL, loaded with the bundled data; see README "Scaling out".
cluster: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(PG_PACKAGES) nginx"
	bash scripts/cluster.sh start

cluster-stop:
	bash scripts/cluster.sh stop

## Release-build benchmarks (outside the test suite); see Benchmarks/README.md.
bench: deps
	bash scripts/bench_all.sh

clean:
	rm -rf .build .build-asan .build-tsan Benchmarks/.build
