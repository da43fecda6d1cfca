# EcsOnK8s developer entry points. `make test` is what CI runs (through .ci/run).
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: build test test-unit test-integration crds crds-check bench clean

build:
	$(DOTNET) build EcsOnK8s.sln -c $(CONFIGURATION)

## Regenerate crds/ from the API types (review the diff).
crds: build
	$(DOTNET) run --project operator/EcsOnK8s.Cli -c $(CONFIGURATION) --no-build -- crds --out crds

crds-check: build
	$(DOTNET) run --project operator/EcsOnK8s.Cli -c $(CONFIGURATION) --no-build -- crds --check crds

## Unit tests: pure code, no cluster.
test-unit: build
	$(DOTNET) test tests/EcsOnK8s.Api.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.Translation.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.Runtime.Tests -c $(CONFIGURATION) --no-build

## Integration and end-to-end tests: a real kube-apiserver (see docs/control-plane.md).
test-integration: build
	$(DOTNET) test tests/EcsOnK8s.IntegrationTests -c $(CONFIGURATION) --no-build

## Everything: unit, integration and end-to-end.
test: test-unit test-integration

clean:
	$(DOTNET) clean EcsOnK8s.sln
