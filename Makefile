# Operator shortcuts. Each deployment area keeps its targets in its own fragment.
include deploy/kubernetes/kubernetes.mk
