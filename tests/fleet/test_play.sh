#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/fleet/hookbench-play.yml run for real, as a user would from their
# own directory: an inventory of two hosts on this machine (local
# connection, each its own remote_dir), a short run on each, one after the
# other (--forks 1: one measurement at a time), the results fetched into
# fleet/HOST/results/, merged, and the merged report naming both hosts.
# Root (BPF); hold /tmp/hookbench-dev.lock around it.
BUILD=${1:?build dir}
SRC=${2:?source dir}
. "$(dirname "$0")/../lib.sh"
require_root
[ -x "$BUILD/bench/hookbench-static" ] ||
	skip_all "no static programs in $BUILD (libbpf.a, libelf.a or libz.a missing)"
command -v ansible-playbook >/dev/null 2>&1 || skip_all "ansible-playbook is not installed (ansible-core)"
case $(uname -m) in
x86_64) arch=x86_64 ;;
aarch64) arch=arm64 ;;
*) skip_all "bundles are built for x86_64 and arm64, this is $(uname -m)" ;;
esac
"$HB" list --csv 2>/dev/null | grep -q '^tracepoint,supported' ||
	skip_all "this kernel does not run the tracepoint hook"

# The user's directory: the bundle and the inventory; the play is elsewhere.
U=$WORK/user
mkdir -p "$U"
"$HB" bundle --out "$U/hookbench-$arch.tar.gz" >/dev/null 2>"$WORK/bundle.err"
check "hookbench bundle exits 0 (got $?)" [ -s "$U/hookbench-$arch.tar.gz" ]
# Root already, and no sudo needed: ansible_become=false.
for h in hostA hostB; do
	echo "$h ansible_connection=local remote_dir=$WORK/remote-$h ansible_become=false ansible_python_interpreter=auto_silent"
done >"$U/inventory"
ls -A "$SRC/scripts/fleet" >"$WORK/fleet-before"

(
	cd "$U" &&
	ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP=$WORK/ansible-local ANSIBLE_REMOTE_TEMP=$WORK/ansible-remote \
	ANSIBLE_RETRY_FILES_ENABLED=0 timeout 600 ansible-playbook -i inventory --forks 1 \
		"$SRC/scripts/fleet/hookbench-play.yml" \
		-e '{"run_options": ["--hooks", "tracepoint", "--payload", "count", "--blocks", "12",
		     "--ops-per-block", "500", "--warmup", "0", "--stats-blocks", "0"]}'
) >"$WORK/play.out" 2>&1
rc=$?
# What the play printed, for the log.
grep -E '^(TASK|ok:|changed:|fatal:|failed:|host[AB] +:)' "$WORK/play.out" | diag
check "ansible-playbook exits 0 (got $rc)" [ $rc -eq 0 ]
[ $rc -eq 0 ] || { tail -n 40 "$WORK/play.out" | diag; done_testing; }
check "the recap: both hosts, nothing failed or unreachable" \
	bash -c "[ \$(grep -cE '^host[AB] +: ok=[0-9]+ +changed=[0-9]+ +unreachable=0 +failed=0' '$WORK/play.out') -eq 2 ]"

kernel=$(printf '%s' "$(uname -r)" | tr -c 'A-Za-z0-9._+-' '_')
for h in hostA hostB; do
	check "$h's results are in the start directory, fleet/$h/results/$h-$kernel" \
		[ -s "$U/fleet/$h/results/$h-$kernel/summary.csv" ]
	check "$h ran in its own remote_dir" [ -d "$WORK/remote-$h/results/$h-$kernel" ]
done
ls -A "$SRC/scripts/fleet" >"$WORK/fleet-after"
check "nothing was written beside the playbook" cmp -s "$WORK/fleet-before" "$WORK/fleet-after"

(cd "$U" && "$HB" merge fleet/*/results/* --out merged) >"$WORK/merge.out" 2>&1
check "hookbench merge fleet/*/results/* exits 0: $(cat "$WORK/merge.out")" [ $? -eq 0 ]
"$HB" report "$U/merged" >"$WORK/report.out" 2>&1
check "hookbench report on the merge exits 0" [ $? -eq 0 ]
check "the merge has two sources" python3 - "$U/merged/meta.json" <<'EOF'
import json, sys
sources = json.load(open(sys.argv[1]))["fleet"]["sources"]
assert [s["host"] for s in sources] == ["hostA", "hostB"], sources
EOF
# The Kernels table: a row per source, its host in the fourth column.
sed -n '/^## Kernels/,/^## /p' "$U/merged/report.md" >"$WORK/kernels"
diag "$WORK/kernels"
check "the report's Kernels table has a row for hostA and one for hostB" \
	bash -c "[ \$(grep -cE '^\\| K[0-9]+ \\|[^|]*\\|[^|]*\\| host[AB] \\|' '$WORK/kernels') -eq 2 ] &&
		grep -q '| hostA |' '$WORK/kernels' && grep -q '| hostB |' '$WORK/kernels'"
done_testing
