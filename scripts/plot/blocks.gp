# SPDX-License-Identifier: GPL-2.0-only
# Every block of one hook in run order: baseline and hooked cost (unit) per call,
# with each speed state's baseline level (its interval) shaded.
# data: index 0 baseline "block ns", index 1 hooked "block ns".
# nstates: how many states; state_low, state_high, state_share (% of the
# run), state_added (the hook's added cost, in unit, in that state): a word per state.
load dir."/common.gp"
set xlabel "block, in the order they ran"
set ylabel unit." per unlinkat() call (".clock." clock)"
set key top right
state_colours = "#88ccee #ddcc77 #117733 #aa4499 #44aa99 #999933"
do for [i=1:nstates] {
	set object i rect from graph 0, first real(word(state_low, i)) to graph 1, first real(word(state_high, i)) \
		behind fc rgb word(state_colours, (i - 1) % 6 + 1) fs solid 0.5 noborder
	set label 100 + i sprintf("speed state %d: baseline %s-%s %s, %s%% of the run; hooked adds %s %s", \
		i, word(state_low, i), word(state_high, i), unit, word(state_share, i), word(state_added, i), unit) \
		at graph 0.01, first real(word(state_high, i)) left offset 0, 0.7 font ",9" noenhanced
}
plot data index 0 using 1:2 with points pt 7 ps 0.5 lc rgb "#4477aa" title "baseline (nothing attached)", \
     data index 1 using 1:2 with points pt 7 ps 0.5 lc rgb "#cc6677" title "hooked"
load dir."/render.gp"
