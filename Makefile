# ecsim build targets. `make test` is what CI runs (.ci/run).
GO      ?= go
PKGS    := ./...
BIN     := bin/ecsim

.PHONY: build run test fmtcheck vet race fuzz bench bench-large lint clean

build:
	$(GO) build -o $(BIN) ./cmd/ecsim

## run: build and run the default example (a web API on EC2 vs Fargate vs
## Fargate Spot); prints the summary and writes ./ecsim-report/<scenario>.
run: build
	./$(BIN) run

## test: format check, vet, the race-enabled test suite, then every fuzz
## target for a short bounded time from its seed corpus.
test: fmtcheck vet race fuzz

race:
	$(GO) test -race -count=1 $(PKGS)

## fuzz: each Fuzz* target for FUZZTIME (see .ci/fuzz.sh). A failure
## leaves the input in the package's testdata/fuzz: a regression test.
FUZZTIME ?= 8s
fuzz:
	FUZZTIME=$(FUZZTIME) GO=$(GO) ./.ci/fuzz.sh

## bench: every benchmark once, with allocations.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## bench-large: the 30-day, 1,000-service example; prints wall time,
## events/s and peak RSS (kept out of CI).
bench-large: build
	./$(BIN) run large-cluster --no-report --stats --workers 1 > /dev/null

## lint: vet plus staticcheck at a pinned version (fetched through the module proxy).
STATICCHECK_VERSION := v0.8.2
lint: vet
	$(GO) run honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) $(PKGS)

clean:
	rm -rf bin
