# SPDX-License-Identifier: GPL-2.0-only
# Events lost or skipped, per row that lost any.
# data rows: "label" nmissed recursion_misses ringbuf_drops ("?" when not reported)
load dir."/common.gp"
set style data histogram
set style histogram cluster gap 2
set style fill solid 0.75 border -1
set boxwidth 0.9
set xtics rotate by 30 right scale 0
set ylabel "events over the whole run"
set yrange [0:*]
set key outside right top
plot data using 2:xtic(1) title "nmissed (link info)", '' using 3 title "recursion_misses", \
     '' using 4 title "ring buffer drops"
load dir."/render.gp"
