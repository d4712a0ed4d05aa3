# Switchboard: `make run` starts the app with demo data; `make test` runs every check.
# Both install what is missing first and skip what is already there at the right version.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.129
CARGO_MACHETE_VERSION := 0.9.2
LEPTOSFMT_VERSION := 0.1.33
# wasm-opt for release builds, from npm: Debian's binaryen 108 builds a wasm that fails to hydrate.
BINARYEN_VERSION := 132.0.0
# Lighthouse for `make bench`'s page measures, from npm, driving Debian's Chromium.
LIGHTHOUSE_VERSION := 12.2.3
export PATH := $(CURDIR)/tools/binaryen/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# A faster, still optimised build of the tools themselves (they are not shipped).
TOOL_BUILD_ENV := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1

# Each step of `make test` says when it starts, so a log cut short still shows where the time went.
STARTED := $(shell date +%s)
STAMP = @echo "== $(1) at $$(date -u +%T) ($$(( $$(date +%s) - $(STARTED) )) s into make)"

ADDR ?= 127.0.0.1:3000
DATABASE_URL ?= sqlite://data/switchboard.db

.PHONY: help tools binaryen lighthouse browser services run build release serve test lint unit e2e e2e-ci fuzz bench clean

help:
	@echo "make run   - install what is missing, build, and serve Switchboard at http://$(ADDR) with demo data"
	@echo "make test  - install what is missing and run fmt, clippy (ssr + hydrate), unit, integration and browser tests"
	@echo "make release - build the optimised server and client (target/release, target/site)"
	@echo "make serve - build the release and serve it at http://$(ADDR) with demo data"
	@echo "make fuzz  - fuzz the REST API with Schemathesis against its own OpenAPI description"
	@echo "make bench - run the load generator (results: docs/benchmarks.md)"

tools:
	$(call STAMP,tools)
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
		echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (takes a while once)"; \
		$(TOOL_BUILD_ENV) cargo install cargo-leptos@$(CARGO_LEPTOS_VERSION) --locked --features no_downloads; \
	fi
	@if ! cargo machete --version 2>/dev/null | grep -q "$(CARGO_MACHETE_VERSION)"; then \
		echo "installing cargo-machete $(CARGO_MACHETE_VERSION) (about a minute)"; \
		$(TOOL_BUILD_ENV) cargo install cargo-machete --version $(CARGO_MACHETE_VERSION) --locked; \
	fi
	@if ! leptosfmt --version 2>/dev/null | grep -q "$(LEPTOSFMT_VERSION)"; then \
		echo "installing leptosfmt $(LEPTOSFMT_VERSION) (a few minutes)"; \
		$(TOOL_BUILD_ENV) cargo install leptosfmt --version $(LEPTOSFMT_VERSION) --locked; \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
		$(TOOL_BUILD_ENV) cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --locked; \
	fi

binaryen:
	@if ! wasm-opt --version 2>/dev/null | grep -q "version $(firstword $(subst ., ,$(BINARYEN_VERSION)))"; then \
		echo "installing wasm-opt (npm binaryen@$(BINARYEN_VERSION))"; \
		mkdir -p tools/binaryen && cd tools/binaryen && echo '{"private":true}' > package.json \
			&& npm install --no-fund --no-audit binaryen@$(BINARYEN_VERSION); \
	fi

lighthouse:
	@if [ "$$(node -p "require('./tools/lighthouse/node_modules/lighthouse/package.json').version" 2>/dev/null)" != "$(LIGHTHOUSE_VERSION)" ]; then \
		echo "installing lighthouse $(LIGHTHOUSE_VERSION) (npm)"; \
		mkdir -p tools/lighthouse && cd tools/lighthouse && echo '{"private":true}' > package.json \
			&& npm install --no-fund --no-audit lighthouse@$(LIGHTHOUSE_VERSION); \
	fi

browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@if [ ! -d end2end/node_modules/@playwright/test ] || [ ! -d end2end/node_modules/oidc-provider ]; then \
		cd end2end && npm ci --no-fund --no-audit; \
	fi

# PostgreSQL (a throw-away server per test run, see .ci/with-postgres), nginx (two processes
# behind one address) for the second run of the integration suite, Dovecot (an IMAP mailbox the
# mail tests start in a temporary folder) and openssl (its test certificates).
services:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing Debian's postgresql for the PostgreSQL test run"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi
	@if [ ! -x /usr/sbin/nginx ]; then \
		echo "installing Debian's nginx for the multi-process test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	fi
	@if [ ! -x /usr/sbin/dovecot ] || ! command -v openssl >/dev/null; then \
		echo "installing Debian's dovecot-imapd and openssl for the mail tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd openssl >/dev/null; \
	fi
	@if [ ! -x /usr/sbin/slapd ] || ! command -v ldapadd >/dev/null; then \
		echo "installing Debian's slapd and ldap-utils for the directory sign-in tests"; \
		mkdir -p /etc/ldap && touch /etc/ldap/noslapd; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils >/dev/null; \
	fi

build: tools
	$(call STAMP,debug build)
	cargo leptos build --split

# The client is built by .ci/release-client (a pinned nightly, README "Release build"), the server
# by stable; the server finds the client's files at run time, so the two builds are independent.
release: tools binaryen
	.ci/release-client target/site
	cargo leptos build --release --server-only

serve: release
	@mkdir -p data
	SWITCHBOARD_DEMO=true SWITCHBOARD_ADDR=$(ADDR) SWITCHBOARD_DATABASE_URL=$(DATABASE_URL) \
		LEPTOS_SITE_ROOT=target/site ./target/release/switchboard serve

run: build
	@mkdir -p data
	SWITCHBOARD_DEMO=true SWITCHBOARD_ADDR=$(ADDR) SWITCHBOARD_DATABASE_URL=$(DATABASE_URL) \
		LEPTOS_SITE_ROOT=target/site ./target/debug/switchboard serve

lint: tools
	$(call STAMP,lint)
	cargo fmt --all --check
	leptosfmt --check --quiet app/src
	cargo machete
	cargo clippy -p app -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

# The sign-in tests start the OpenID provider of the browser suite's packages (end2end/oidc).
unit: tools services browser
	$(call STAMP,unit and integration tests on SQLite)
	cargo test -p app -p server
	$(call STAMP,integration tests on PostgreSQL)
	.ci/with-postgres cargo test -p server --test api

e2e: build browser
	cd end2end && npx playwright test

# What `make test` runs: the whole browser suite against the release client (built by
# .ci/release-site, hydrating against the debug server), then its smoke tests against the debug
# client that `make run` serves. The server's own release build (~13 min on 2 cores) is left to
# `make release`: its code is the debug build's, optimised.
e2e-ci: build browser binaryen
	$(call STAMP,release client)
	.ci/release-site
	$(call STAMP,browser suite with the release client)
	cd end2end && E2E_SITE_ROOT=../target/site-release npx playwright test
	$(call STAMP,smoke tests with the debug client)
	cd end2end && npx playwright test --grep @smoke

# Schemathesis against the running debug server, a token per role (.ci/schemathesis).
fuzz: build
	$(call STAMP,Schemathesis)
	.ci/schemathesis
	$(call STAMP,done)

test: lint unit e2e-ci fuzz

# The release build serves the Lighthouse page measures (.ci/lighthouse, mobile profile), before
# cargo builds the load generators: built without cargo-leptos, the server it rebuilds names the
# client's files differently.
bench: release services browser lighthouse
	.ci/lighthouse target/release/switchboard target/site
	cargo build --release -p server --bins
	./target/release/switchboard-bench
	./target/release/switchboard-bench-reports
	./target/release/switchboard-bench-mail
	.ci/with-postgres bash -c 'BENCH_DATABASE_URL=$$SWITCHBOARD_TEST_POSTGRES ./target/release/switchboard-bench'
	.ci/with-postgres bash -c 'BENCH_DATABASE_URL=$$SWITCHBOARD_TEST_POSTGRES ./target/release/switchboard-bench-reports'
	.ci/with-postgres bash -c 'BENCH_DATABASE_URL=$$SWITCHBOARD_TEST_POSTGRES ./target/release/switchboard-bench-mail'

clean:
	cargo clean
	rm -rf data end2end/node_modules end2end/test-results
