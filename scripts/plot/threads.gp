# SPDX-License-Identifier: GPL-2.0-only
# Added cost (unit) per call against the number of workload threads, one line per hook.
# data: one index per hook, rows "threads estimate low high"; hooks: the names.
load dir."/common.gp"
set xlabel "workload threads (each on its own CPU)"
set ylabel "added ".unit." per unlinkat() call (median, 95% CI)"
set xtics 1
set offsets 0.3, 0.3, 0, 0
set yrange [0:*]
set key outside right top
nh = words(hooks)
plot for [i=0:nh-1] data index i using 1:2:3:4 with yerrorlines lw 2 title word(hooks, i + 1)
load dir."/render.gp"
