#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/fleet's Kubernetes manifests without a cluster: kubectl reads each
# (label --local: the client's own parsing, no server), and every object it
# prints is checked against the API's schema (check_manifests.py, with the
# packaged Kubernetes Python client's models) and for what a hookbench run
# needs. A manifest with a misspelt field must be refused. What only a
# cluster checks (admission, the image, the nodes' paths) is left out.
SRC=${2:?source dir}
. "$(dirname "$0")/../lib.sh"
command -v kubectl >/dev/null 2>&1 || skip_all "kubectl is not installed (kubernetes-client)"
# Debian's python3, where python3-kubernetes is installed.
PY=/usr/bin/python3
"$PY" -c 'import kubernetes' 2>/dev/null || skip_all "python3-kubernetes is not installed"
CHECK=$(dirname "$0")/check_manifests.py
D=$SRC/scripts/fleet

# manifest FILE: kubectl's JSON of FILE's objects, through the schema check.
manifest() {
	kubectl label --local -f "$1" hookbench.checked=yes -o json >"$WORK/objects.json" 2>"$WORK/kubectl.err" &&
		"$PY" "$CHECK" <"$WORK/objects.json" >"$WORK/check.out" 2>"$WORK/check.err"
}
for name in hookbench-job.yaml hookbench-daemonset.yaml; do
	manifest "$D/$name"
	rc=$?
	check "$name: kubectl reads it offline and every object matches the API's schema and has what the run needs" [ $rc -eq 0 ]
	diag "$WORK/check.out" "$WORK/kubectl.err" "$WORK/check.err"
done

sed 's/hostPID:/hostPid:/' "$D/hookbench-job.yaml" >"$WORK/typo.yaml"
manifest "$WORK/typo.yaml"
check "a misspelt field (hostPid) is refused: $(cat "$WORK/check.err")" \
	grep -q "V1PodSpec has no field 'hostPid'" "$WORK/check.err"
sed 's/^\( *\)privileged: true/\1privileged: false/' "$D/hookbench-daemonset.yaml" >"$WORK/unprivileged.yaml"
manifest "$WORK/unprivileged.yaml"
check "a run container neither privileged nor with the capabilities is refused" \
	grep -q "privileges" "$WORK/check.err"
done_testing
