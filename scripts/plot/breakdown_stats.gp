# SPDX-License-Identifier: GPL-2.0-only
# The breakdown chart of a run without paired parts (no `empty` payload): per hook, time in the BPF program (bpf_stats) stacked under
# the rest of the added cost (dispatch: getting to the program and back).
# data rows: "hook" in_program_ns dispatch_ns
load dir."/common.gp"
set style data histogram
set style histogram rowstacked
set style fill solid 0.75 border -1
set boxwidth 0.7
set xtics rotate by 30 right scale 0
set ylabel unit." per unlinkat() call"
set yrange [0:*]
set key outside right top
plot data using 2:xtic(1) title "in the program (bpf_stats run time / runs)", \
     '' using 3 title "dispatch (added cost minus in-program)"
load dir."/render.gp"
