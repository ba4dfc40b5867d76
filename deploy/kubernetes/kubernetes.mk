# Kubernetes targets, included by the repository's Makefile (`include deploy/kubernetes/kubernetes.mk`); also usable
# alone: make -f deploy/kubernetes/kubernetes.mk k8s-render
#
# The collector's configuration is the repository's own otel-collector-config.yaml, outside every kustomization root,
# so rendering needs --load-restrictor LoadRestrictionsNone; `kubectl apply -k` has no such flag, hence render | apply.

K8S_DIR := deploy/kubernetes
K8S_OVERLAY ?= dev
K8S_KUSTOMIZE := kubectl kustomize --load-restrictor LoadRestrictionsNone
# Values the production overlay ships with and an operator must replace (see deploy/kubernetes/README.md).
K8S_PLACEHOLDERS := sha256:0{64}|replace-with-your-[a-z-]+|00000000-0000-0000-0000-000000000000

.PHONY: k8s-render k8s-deploy

k8s-render: ## Print the dev and production overlays as Kubernetes YAML
	@for overlay in dev production; do \
	  printf -- '---\n# deploy/kubernetes/overlays/%s\n' "$$overlay"; \
	  $(K8S_KUSTOMIZE) $(K8S_DIR)/overlays/$$overlay || { \
	    echo "Rendering overlays/$$overlay failed (see above): are its certificate files in place? See the Kubernetes section of README.md." >&2; \
	    exit 1; }; \
	done

k8s-deploy: ## Apply one overlay to the current kubectl context: make k8s-deploy K8S_OVERLAY=dev|production
	@manifests="$$($(K8S_KUSTOMIZE) $(K8S_DIR)/overlays/$(K8S_OVERLAY))" || exit 1; \
	if printf '%s\n' "$$manifests" | grep -Ec '$(K8S_PLACEHOLDERS)' >/dev/null; then \
	  echo "overlays/$(K8S_OVERLAY) still holds a placeholder (image digest, vault URI or client id); nothing was applied." >&2; \
	  exit 1; \
	fi; \
	if ! kubectl version --request-timeout=10s >/dev/null 2>&1; then \
	  echo "No Kubernetes cluster is reachable from kubectl (context: $$(kubectl config current-context 2>/dev/null || echo none)); nothing was applied." >&2; \
	  exit 1; \
	fi; \
	printf '%s\n' "$$manifests" | kubectl apply -f -
