# SPDX-License-Identifier: GPL-2.0-only
# bash completion for hookbench, tp-loader, kprobe-loader and unlink-storm
# (installed as "hookbench", the other three names linked to it). Option
# names and the hook, payload and mode lists are read from the programs' own
# --help, so they follow the installed version.

# _hookbench_reply WORDS CUR: COMPREPLY = the words that start with CUR.
_hookbench_reply() {
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# _hookbench_files dirs|files CUR
_hookbench_files() {
	local how=-f
	[ "$1" = dirs ] && how=-d
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen "$how" -- "$2")
}

# _hookbench_prog WORD: the program as typed, with a leading ~ expanded.
_hookbench_prog() {
	case $1 in
	"~"/*) printf '%s\n' "$HOME/${1#\~/}" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

# _hookbench_options PROGRAM [WORD]: every --option in its --help, less the
# flags only hookbench vm passes to the guest's run (--icount, --timing-note).
_hookbench_options() {
	"$@" --help 2>/dev/null | grep -oE -- '(^|[ ,[])--[a-z][a-z0-9-]*' | sed 's/^[ ,[]*//' |
		grep -vxE -- '--(icount|timing-note)' | sort -u
}

# _hookbench_values HOOKBENCH OPTION: the names listed after "): " on
# OPTION's line of `hookbench run --help` (--hooks, --payload, --mode).
_hookbench_values() {
	"$1" run --help 2>/dev/null | sed -n "s/^ *$2 [A-Z]*  .*): //p" | tr -s ', ' '  '
}

# _hookbench_list NAMES CUR: complete the last element of a comma list.
_hookbench_list() {
	local head='' last=$2 name
	case $2 in *,*) head=${2%,*},; last=${2##*,} ;; esac
	COMPREPLY=()
	for name in $1; do
		[[ $name == "$last"* ]] && COMPREPLY+=("$head$name")
	done
}

# _hookbench_sibling PROGRAM: the hookbench beside PROGRAM, else the one in PATH.
_hookbench_sibling() {
	case $1 in
	*/*) [ -x "${1%/*}/hookbench" ] && { printf '%s\n' "${1%/*}/hookbench"; return; } ;;
	esac
	printf '%s\n' hookbench
}

_hookbench() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog cmd='' i
	prog=$(_hookbench_prog "${COMP_WORDS[0]}")
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
	done
	if [ -z "$cmd" ]; then
		_hookbench_reply "list run tax mix vm bundle plot hyperfine report compare merge census recover --help --version" "$cur"
		return
	fi
	case $prev in
	--hooks | --payload | --mode) _hookbench_list "$(_hookbench_values "$prog" "$prev")" "$cur"; return ;;
	--reference) _hookbench_reply "$(_hookbench_values "$prog" --hooks)" "$cur"; return ;;
	--clock) _hookbench_reply "cpu wall" "$cur"; return ;;
	--kprobe-optimization) _hookbench_reply "on off" "$cur"; return ;;
	--experiment) _hookbench_reply "reentry coverage" "$cur"; return ;;
	--timing) _hookbench_reply "wall icount" "$cur"; return ;;
	--arch) _hookbench_reply "x86_64 arm64" "$cur"; return ;;
	--accel) _hookbench_reply "auto kvm tcg" "$cur"; return ;;
	--jobs) _hookbench_reply "$(seq 1 "$(nproc 2>/dev/null || echo 1)")" "$cur"; return ;;
	--kernel)
		_hookbench_list "$("$prog" vm --help 2>/dev/null | grep -oE 'debian-[0-9a-z.-]+-(cloud|rt)' | sort -u)" "$cur"
		return ;;
	--out)
		# bundle and mix write a file (FILE.tar.gz, mix.csv), the others a directory.
		if [ "$cmd" = bundle ] || [ "$cmd" = mix ]; then _hookbench_files files "$cur"; else _hookbench_files dirs "$cur"; fi
		return ;;
	--dir | --build-dir | --build-programs | --cache | --programs | --history) _hookbench_files dirs "$cur"; return ;;
	--btf | --guest-script | --guest-file | --mix) _hookbench_files files "$cur"; return ;;
	--threads | --ops-per-block | --blocks | --warmup | --stats-blocks | --replicates | --cpu | \
	--host | --memory | --smp | --timeout | --iterations | --rounds | --runs | --threshold | \
	--seconds | --share)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		local opts
		opts=$(_hookbench_options "$prog" "$cmd")
		# vm passes the options it does not know to `hookbench run` in the guest.
		[ "$cmd" = vm ] && opts+=" $(_hookbench_options "$prog" run)"
		_hookbench_reply "$opts" "$cur"
		return
	fi
	case $cmd in
	plot | report | hyperfine | compare | merge) _hookbench_files dirs "$cur" ;;
	esac
}

# tp-loader and kprobe-loader: options, then after "--" a command and its arguments.
_hookbench_loader() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog i
	prog=$(_hookbench_prog "${COMP_WORDS[0]}")
	for ((i = 1; i < COMP_CWORD; i++)); do
		[ "${COMP_WORDS[i]}" = -- ] || continue
		if [ $((i + 1)) -eq "$COMP_CWORD" ]; then
			mapfile -t COMPREPLY < <(compgen -c -- "$cur")
		else
			_hookbench_files files "$cur"
		fi
		return
	done
	case $prev in
	-p | --payload)
		_hookbench_reply "$(_hookbench_values "$(_hookbench_sibling "$prog")" --payload)" "$cur"
		return ;;
	-o | --output | --btf) _hookbench_files files "$cur"; return ;;
	--pid)
		local pids=(/proc/[0-9]*)
		_hookbench_reply "${pids[*]#/proc/}" "$cur"
		return ;;
	esac
	[[ $cur == -* ]] && _hookbench_reply "$(_hookbench_options "$prog") --" "$cur"
}

_hookbench_storm() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local prog
	prog=$(_hookbench_prog "${COMP_WORDS[0]}")
	case $prev in
	--mode) _hookbench_reply "$(_hookbench_values "$(_hookbench_sibling "$prog")" --mode)" "$cur"; return ;;
	--dir) _hookbench_files dirs "$cur"; return ;;
	--iterations | --duration | --threads | --cpu) return ;;
	esac
	[[ $cur == -* ]] && _hookbench_reply "$(_hookbench_options "$prog")" "$cur"
}

complete -F _hookbench hookbench
complete -F _hookbench_loader tp-loader kprobe-loader
complete -F _hookbench_storm unlink-storm
