# Kubernetes targets, included by the repository's Makefile (`include deploy/kubernetes/kubernetes.mk`); also usable
# alone: make -f deploy/kubernetes/kubernetes.mk k8s-render
#
# Every overlay renders with kustomize's default load restrictor, so `kubectl apply -k`, Argo CD and Flux take the
# same directories unchanged. k8s-deploy renders first, to refuse placeholders before anything reaches the cluster.

K8S_DIR := deploy/kubernetes
K8S_OVERLAY ?= dev
K8S_NAMESPACE := supacrypt
K8S_ROLLOUT_TIMEOUT ?= 5m
# Values the overlays and components ship with and an operator must replace (see deploy/kubernetes/README.md): the
# image digest, replace-with-your-* names, the workload identity's client id, documentation domains (RFC 2606) for
# host names and documentation address ranges (RFC 5737) for trusted networks.
K8S_PLACEHOLDERS := sha256:0{64}|replace-with-your-[a-z0-9.-]*|00000000-0000-0000-0000-000000000000|[a-z0-9.-]*example\.(com|net|org)|(192\.0\.2|198\.51\.100|203\.0\.113)\.[0-9]+(/[0-9]+)?
K8S_DEV_CERTS := $(K8S_DIR)/overlays/dev/certs
K8S_DEV_NAMES := supacrypt-backend supacrypt-backend.supacrypt.svc supacrypt-backend.supacrypt.svc.cluster.local supacrypt-keyvault-emulator

.PHONY: k8s-certs k8s-render k8s-deploy

k8s-certs: ## Create the dev overlay's own development PKI in deploy/kubernetes/overlays/dev/certs
	dotnet run --project Supacrypt.DevPki -- --output $(K8S_DEV_CERTS) $(addprefix --san ,$(K8S_DEV_NAMES))

k8s-render: ## Print the dev and production overlays as Kubernetes YAML
	@for overlay in dev production; do \
	  printf -- '---\n# deploy/kubernetes/overlays/%s\n' "$$overlay"; \
	  kubectl kustomize $(K8S_DIR)/overlays/$$overlay || { \
	    echo "Rendering overlays/$$overlay failed (see above): are its certificate files in place (make k8s-certs for dev)? See deploy/kubernetes/README.md." >&2; \
	    exit 1; }; \
	done

k8s-deploy: ## Apply one overlay to the current kubectl context and wait for its rollout: make k8s-deploy K8S_OVERLAY=dev|production
	@manifests="$$(kubectl kustomize $(K8S_DIR)/overlays/$(K8S_OVERLAY))" || exit 1; \
	found="$$(printf '%s\n' "$$manifests" | grep -Eo '$(K8S_PLACEHOLDERS)' | sort -u | paste -sd ' ' -)" || true; \
	if [ -n "$$found" ]; then \
	  echo "overlays/$(K8S_OVERLAY) still holds a placeholder: $$found; nothing was applied." >&2; \
	  exit 1; \
	fi; \
	if ! kubectl version --request-timeout=10s >/dev/null 2>&1; then \
	  echo "No Kubernetes cluster is reachable from kubectl (context: $$(kubectl config current-context 2>/dev/null || echo none)); nothing was applied." >&2; \
	  exit 1; \
	fi; \
	printf '%s\n' "$$manifests" | kubectl apply -f -; \
	kubectl rollout status deployment --namespace $(K8S_NAMESPACE) --selector app.kubernetes.io/part-of=supacrypt --timeout $(K8S_ROLLOUT_TIMEOUT) || { \
	  echo "overlays/$(K8S_OVERLAY) was applied but did not roll out within $(K8S_ROLLOUT_TIMEOUT): kubectl -n $(K8S_NAMESPACE) get pods; kubectl -n $(K8S_NAMESPACE) describe deployment" >&2; \
	  exit 1; }; \
	echo "overlays/$(K8S_OVERLAY) is applied and rolled out."
