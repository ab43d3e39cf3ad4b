# SPDX-License-Identifier: GPL-2.0-only
# The fleet heat map: hooks down, kernels across, each cell coloured by the
# hook's cost relative to its kernel's reference hook, on a log scale.
# data rows: column hook ratio measured "text" (measured 0: the hook did not run there).
# kernels: the column labels, each double-quoted, in column order.
# hooks: the hook names, space-separated, in row order.
load dir."/common.gp"
nx = words(kernels)
ny = words(hooks)
unset grid
set border 0
set tics scale 0
set xrange [-0.5:nx - 0.5]
set yrange [ny - 0.5:-0.5]
set xtics () rotate by 30 right font ",9"
do for [i=1:nx] { set xtics add (word(kernels, i) i - 1) }
set ytics ()
do for [i=1:ny] { set ytics add (word(hooks, i) i - 1) }
set palette defined (-2 "#2166ac", -1 "#92c5de", 0 "#f7f7f7", 1 "#f4a582", 2 "#b2182b")
set cbrange [-2:2]
set cbtics ("≤0.25×" -2, "0.5×" -1, "1×" 0, "2×" 1, "≥4×" 2)
set cblabel "cost relative to the reference hook (log scale)"
set style fill solid 1.0 border rgb "white"
set key off
set bmargin 10
set lmargin 16
clamp(v) = v < -2 ? -2 : (v > 2 ? 2 : v)
plot data using 1:2:(0.5):(0.5):(column(4) > 0 ? clamp(log(column(3)) / log(2)) : 1/0) with boxxyerror fc palette, \
     data using 1:(column(4) > 0 ? 1/0 : column(2)):(0.5):(0.5) with boxxyerror fc rgb "#d9d9d9", \
     data using 1:2:5 with labels font ",9"
load dir."/render.gp"
