# Two commands: `make run` (the whole system on embedded defaults) and `make test` (every check).
SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/skillcert-target
E2E_PORT ?= 18080
E2E_SIM_PORT ?= 18081

.PHONY: run test deps h5-deps h5-build fmt clippy rust-test rust-test-services h5-test e2e openapi bench load clean-data

## make run: build the H5 and the API, start everything (SQLite, in-process cache, local files, WeChat simulator)
run: h5-build
	bash scripts/install-deps.sh --fonts-only
	cargo build -p skillcert-tests --bin devserver
	$(CARGO_TARGET_DIR)/debug/devserver --listen 127.0.0.1:8080 --sim-listen 127.0.0.1:8081 --data-dir data --h5-dir h5/dist

## make test: install what is missing, then fmt, clippy, Rust tests (SQLite, then PostgreSQL/Redis when their URLs
## are set), H5 type check and unit tests, browser tests against a running server
test: deps fmt clippy rust-test rust-test-services h5-test e2e

deps:
	bash scripts/install-deps.sh

h5-deps:
	cd h5 && if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

h5-build: h5-deps
	cd h5 && npm run build

fmt:
	cargo fmt --all --check

clippy:
	cargo clippy --workspace --all-targets -- -D warnings

## Every /api answer the suite sees is recorded; afterwards each status must be listed in the OpenAPI document.
STATUS_LOG ?= $(CARGO_TARGET_DIR)/observed-statuses.log
rust-test:
	rm -f $(STATUS_LOG)
	env -u DATABASE_URL -u REDIS_URL SKILLCERT_STATUS_LOG=$(STATUS_LOG) cargo test --workspace
	env -u DATABASE_URL -u REDIS_URL SKILLCERT_STATUS_LOG=$(STATUS_LOG) \
	  cargo test -p skillcert-tests --test openapi_statuses -- --ignored

rust-test-services:
	@if [ -n "$$DATABASE_URL$$REDIS_URL" ]; then \
	  echo "== Rust tests on DATABASE_URL=$${DATABASE_URL:-<sqlite>} REDIS_URL=$${REDIS_URL:-<in-process>}"; \
	  cargo test --workspace; \
	else echo "== DATABASE_URL/REDIS_URL not set: PostgreSQL/Redis pass skipped"; fi

h5-test: h5-deps
	cd h5 && npm run typecheck && npm run lint && npm run test:unit && npm run test:unit:tz

e2e: h5-build
	bash scripts/e2e.sh $(E2E_PORT) $(E2E_SIM_PORT)

## make openapi: after a change to the API's request or response types, refresh the H5's copy of the OpenAPI
## document (h5/openapi.json, from the server as the tests start it) and regenerate h5/src/api/schema.d.ts from it.
## `make test` fails until both are current (tests/tests/openapi_snapshot.rs and h5's schema.spec.ts).
openapi: h5-deps
	env -u DATABASE_URL -u REDIS_URL UPDATE_OPENAPI=1 cargo test -p skillcert-tests --test openapi_snapshot
	cd h5 && npm run gen:api

## make bench: criterion benchmarks against GET /healthz (authenticated GET /api/profile; GET /api/plans/open warm
## and cold, then a 32-client load run), and the 10 000-row registration import (first import and re-import, peak
## RSS) on SQLite + in-process cache; then again on PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set.
## Release builds go to their own target directory (BENCH_TARGET_DIR), apart from the debug builds of `make test`.
BENCH_TARGET_DIR ?= $(HOME)/.cache/skillcert-bench
BENCHES := --bench profile_get --bench open_plans --bench import_10k --bench notify
bench: export CARGO_TARGET_DIR := $(BENCH_TARGET_DIR)
bench:
	env -u DATABASE_URL -u REDIS_URL cargo bench -p skillcert-tests $(BENCHES)
	@if [ -n "$$DATABASE_URL$$REDIS_URL" ]; then \
	  echo "== benches on DATABASE_URL=$${DATABASE_URL:-<sqlite>} REDIS_URL=$${REDIS_URL:-<in-process>}"; \
	  cargo bench -p skillcert-tests --bench open_plans --bench import_10k --bench notify; \
	else echo "== DATABASE_URL/REDIS_URL not set: PostgreSQL/Redis benches skipped"; fi

## make load: the registration-opening peak with wrk against a release build (`loadserver`, in BENCH_TARGET_DIR):
## open-plan list, authenticated profile, new and replayed payment notifications, each as a ratio to GET /healthz
## measured around it in the same process; 500 concurrent logins with resident memory and p99. SQLite + in-process
## cache, then PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set. Fails when a ratio is under its floor.
load: export CARGO_TARGET_DIR := $(BENCH_TARGET_DIR)
load:
	cargo build --release -p skillcert-tests --bin loadserver
	bash scripts/load.sh $(BENCH_TARGET_DIR)/release/loadserver

clean-data:
	rm -rf data
