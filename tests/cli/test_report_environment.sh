#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# report.md's Environment names what shapes the numbers: the hypervisor, the
# CPU mitigations that apply, the lockdown mode and the BPF JIT. A copy of
# fixtures/results/base with those meta.json keys as a run writes them.
BUILD=${1:?build dir}
. "$(dirname "$0")/../lib.sh"
HB=$(realpath "$BUILD/bench/hookbench")
FX=$(realpath "$(dirname "$0")/../fixtures")

cp -r "$FX/results/base" "$WORK/env"
python3 - "$WORK/env/meta.json" <<'PY'
import json, sys
path = sys.argv[1]
meta = json.load(open(path))
meta["cpu"].update(hypervisor=True, hypervisor_vendor="KVM", mitigations={
    "meltdown": "Mitigation: PTI", "mds": "Not affected",
    "spectre_v2": "Mitigation: Retpolines; STIBP: disabled; RSB filling"})
meta["kernel"].update(lockdown="confidentiality", bpf_jit_enable=1, bpf_jit_harden=0)
json.dump(meta, open(path, "w"), indent=2)
PY
"$HB" report "$WORK/env" >/dev/null 2>"$WORK/err"
check "report exits 0" [ $? -eq 0 ]
check "one line: hypervisor, the mitigations that apply (short), lockdown, JIT" \
	grep -qxF -- '- Hypervisor: KVM; mitigations: meltdown (PTI), spectre_v2 (Retpolines); lockdown: confidentiality; JIT: on, harden 0' "$WORK/env/report.md"
check "'Not affected' is left out" bash -c "! grep -q 'mds' '$WORK/env/report.md'"

# An older meta.json without these keys: no line rather than a line of unknowns.
cp -r "$FX/results/base" "$WORK/old"
"$HB" report "$WORK/old" >/dev/null 2>&1
check "without the keys, no Hypervisor line" bash -c "! grep -q -- '^- Hypervisor' '$WORK/old/report.md'"
done_testing
