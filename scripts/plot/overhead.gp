# SPDX-License-Identifier: GPL-2.0-only
# Added cost (unit) per unlinkat() per hook, one bar per payload, with 95% CI error bars.
# data rows: "hook" then, per payload, estimate low high ("?" when absent).
# payloads: the payload names, space-separated, in column order.
# sorted_by: what the hooks are sorted by (added cost, or cost relative to a reference hook).
load dir."/common.gp"
set style data histogram
set style histogram errorbars gap 2 lw 1.5
set style fill solid 0.75 border -1
set boxwidth 0.9
set xtics rotate by 30 right scale 0
set ylabel "added ".unit." per unlinkat() call (median, 95% CI)"
set xlabel "hook (sorted by ".sorted_by.")"
set yrange [0:*]
set key outside right top
np = words(payloads)
plot for [i=1:np] data using (column(3*i-1)):(column(3*i)):(column(3*i+1)):xtic(1) title word(payloads, i)
load dir."/render.gp"
