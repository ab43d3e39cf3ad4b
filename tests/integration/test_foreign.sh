#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Foreign programs: one that tp-loader attached through a BPF link on
# sys_enter_unlinkat before the run makes hookbench run refuse (nothing
# written) unless --allow-foreign, which records it; one attached mid-run
# makes the rows 'contaminated' (exit 3). test_foreign_perf.sh: the same
# without a link.
BUILD=${1:?build dir}
PYTHON=${2:-python3}
. "$(dirname "$0")/lib-foreign.sh"
trap 'stop_loader; rm -rf "$WORK"' EXIT

start_tp_loader() {
	start_loader
	owner=$loader comm=tp-loader type=tracepoint name=hb_tracepoint
	attach=tracepoint:syscalls:sys_enter_unlinkat
}

leak_check_begin
foreign_checks tp-loader start_tp_loader stop_loader
leak_check_end "runs and loaders, stopped"
done_testing
