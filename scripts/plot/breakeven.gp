# SPDX-License-Identifier: GPL-2.0-only
# Added cost per 1000 syscalls against the share of them that are unlinkat(),
# one line per hook with its interval shaded.
# data: one index per hook, rows "share total low high" (µs per 1000 syscalls).
# hooks: the names, space-separated, in index order.
# share, share_label: the unlinkat share report.md decides at.
# flip, flip_low, flip_high, flip_label: where that decision flips (flip < 0: none).
load dir."/common.gp"
set logscale x 10
set xrange [0.001:1]
set xtics ("0.1%%" 0.001, "1%%" 0.01, "10%%" 0.1, "100%%" 1)
set mxtics 10
set xlabel "share of all syscalls that are unlinkat() (log scale)"
set ylabel (unit eq "ns" ? "added µs per 1000 syscalls (= mean ns per syscall)" : "added thousand ".unit." per 1000 syscalls (= mean per syscall)").", 95% interval shaded"
set yrange [0:*]
set key outside right top
set style fill transparent solid 0.2 noborder
if (flip > 0) {
	set object 1 rect from flip_low, graph 0 to flip_high, graph 1 behind fc rgb "#bbbbbb" fs transparent solid 0.3 noborder
	set arrow 1 from flip, graph 0 to flip, graph 1 nohead dt 2 lc rgb "#555555"
	set label 1 flip_label at flip, graph 0.97 right offset -0.5, 0 font ",9" noenhanced
}
set arrow 2 from share, graph 0 to share, graph 1 nohead lw 2 lc rgb "#1a7f37"
set label 2 share_label at share, graph 0.90 left offset 0.5, 0 font ",9" tc rgb "#1a7f37" noenhanced
nh = words(hooks)
plot for [i=0:nh-1] data index i using 1:3:4 with filledcurves lc i + 1 notitle, \
     for [i=0:nh-1] data index i using 1:2 with lines lw 2 lc i + 1 title word(hooks, i + 1)
load dir."/render.gp"
