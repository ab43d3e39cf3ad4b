# SPDX-License-Identifier: GPL-2.0-only
# Shared by the hookbench charts. The caller (hookbench plot) sets:
#   data  - the data file the chart reads
#   out   - the output path without extension (.png and .svg are written)
#   title - the chart's title (kernel, CPU)
#   note  - a line under the chart (hooks left out and why), may be empty
#   subtitle - a line under the title (what the timings are when not wall time)
#   unit  - what the figures count: "ns", or "guest instructions" under QEMU -icount
set terminal pngcairo size 1280,720 font "DejaVu Sans,11" noenhanced
set output out.".png"
set datafile missing "?"
set encoding utf8
set title (strlen(subtitle) > 0 ? title."\n".subtitle : title) noenhanced font ",13"
set grid ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key noenhanced
if (strlen(note) > 0) set label 99 note at screen 0.01, screen 0.02 left noenhanced font ",9"
set bmargin 8
