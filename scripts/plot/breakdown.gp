# SPDX-License-Identifier: GPL-2.0-only
# Per hook, the added cost in paired parts: dispatch (what the hook's `empty`
# program adds) with body (payload minus empty, same rounds) stacked on it,
# the whole added cost with its 95% CI on the stack, and bpf_stats'
# in-program time beyond the hook's `empty` program's (whose reading is
# mostly bpf_stats' own clock reads) as a bar of its own beside it: a
# separate measurement, not a part. A negative body is drawn downwards.
# data rows: x "hook" whole low high dispatch body prog_beyond ("?" when absent)
# note2: a second line under the chart (why in-program time tops the whole)
load dir."/common.gp"
if (strlen(note2) > 0) set label 98 note2 at screen 0.01, screen 0.05 left noenhanced font ",9"
set style fill solid 0.8 border -1
set xtics rotate by 30 right scale 0
set ylabel unit." per unlinkat() call"
set xzeroaxis
set key inside top left reverse Left
stats data using 1 nooutput
set xrange [-0.6:STATS_max + 0.6]
plot data using ($1-0.2):(0):($1-0.35):($1-0.05):(0):6 with boxxyerror lc rgb "#4477aa" \
          title "dispatch: the empty program's added cost", \
     '' using ($1-0.2):(0):($1-0.35):($1-0.05):6:($6+$7) with boxxyerror lc rgb "#ddaa33" \
          title "body: payload minus empty (same rounds)", \
     '' using ($1-0.2):3:4:5 with yerrorbars pt 7 ps 1.2 lw 1.5 lc rgb "black" \
          title "whole added cost, 95% CI", \
     '' using ($1+0.2):(0):($1+0.05):($1+0.35):(0):8 with boxxyerror fs pattern 4 border lc rgb "#cc6677" \
          lc rgb "#cc6677" title "in-program beyond the empty program (bpf_stats; not a part)", \
     '' using 1:(NaN):xtic(2) notitle
load dir."/render.gp"
