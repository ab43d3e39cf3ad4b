# SPDX-License-Identifier: GPL-2.0-only
# Every block of one hook in run order: baseline and hooked ns per call.
# data: index 0 baseline "block ns", index 1 hooked "block ns".
load dir."/common.gp"
set xlabel "block, in the order they ran"
set ylabel "ns per unlinkat() call (".clock." clock)"
set key top right
plot data index 0 using 1:2 with points pt 7 ps 0.5 lc rgb "#4477aa" title "baseline (nothing attached)", \
     data index 1 using 1:2 with points pt 7 ps 0.5 lc rgb "#cc6677" title "hooked"
load dir."/render.gp"
