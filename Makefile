# Vitrina — live-stream shopping studio. `make help` lists the targets.
GO      ?= go
BIN     := bin/vitrina
PKGS    := ./...
RELAY_ADDR ?= 127.0.0.1:8080
CONTROL_ADDR ?= 127.0.0.1:8788
BENCH_SECONDS ?= 60

.PHONY: help deps build run test bench vet clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

deps: ## install missing Debian/Ubuntu packages (idempotent; sudo when not root)
	@scripts/deps.sh

build: deps ## build bin/vitrina
	$(GO) build -o $(BIN) ./cmd/vitrina

run: build ## open the studio window on the default show: test-pattern cameras (or a real camera), a tone, a local recording, live to a local rehearsal relay
	@export VITRINA_RELAY_TOKEN="$${VITRINA_RELAY_TOKEN:-$$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"; \
	$(BIN) relay --addr $(RELAY_ADDR) & relay=$$!; \
	trap 'kill $$relay 2>/dev/null' EXIT INT TERM; \
	VITRINA_DEMO_RELAY=http://$(RELAY_ADDR)/show/whip $(BIN) run --control $(CONTROL_ADDR)

test: deps ## run every test (starts its own servers)
	@unformatted=$$(gofmt -l cmd encoder overlays studio); if [ -n "$$unformatted" ]; then echo "gofmt wants to rewrite:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 40m $(PKGS)

bench: build ## measure against the ffmpeg CLI and write docs/PERFORMANCE.md
	$(GO) run ./cmd/vitrina-bench -vitrina $(BIN) -seconds $(BENCH_SECONDS) -out docs/PERFORMANCE.md

clean: ## remove build outputs
	rm -rf bin
