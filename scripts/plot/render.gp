# SPDX-License-Identifier: GPL-2.0-only
# The chart was drawn as PNG (common.gp); draw it again as SVG. Load after plot.
set terminal svg size 1280,720 font "DejaVu Sans,11" noenhanced
set output out.".svg"
replot
unset output
