# SPDX-License-Identifier: GPL-2.0-only
"""hookbench vm's command line: the options it knows, checked, as an
Options (plan.py); every other option goes to `hookbench run` in the guest."""

import argparse
import os
import sys

from . import jobs
from .arches import ARCHES
from .plan import Options


class OneLineParser(argparse.ArgumentParser):
    """Bad usage is one line on stderr and exit 2, like the rest of hookbench."""

    def error(self, message):
        print(f"hookbench vm: {message} (see --help)", file=sys.stderr)
        sys.exit(2)


def parser():
    p = OneLineParser(
        prog="hookbench vm",
        description="Run hookbench inside stock Debian kernels under QEMU. Any option not listed "
                    "here is passed to `hookbench run` in the guest.",
        epilog="examples:\n"
               "  hookbench vm --kernel debian-6.1-cloud --hooks kprobe,fentry --blocks 20\n"
               "  hookbench vm --kernel debian-6.1-cloud,debian-6.12-cloud,debian-6.12-rt "
               "--timing icount --out results/vm-matrix\n"
               "  hookbench vm --kernel debian-6.1-cloud,debian-6.12-cloud --timing icount --jobs 2\n"
               "  hookbench vm --kernel /boot/vmlinuz-6.1.0-56-cloud-amd64 --hooks kprobe\n"
               "  hookbench vm --fetch-only --kernel debian-6.1-cloud\n"
               "  hookbench vm --kernel debian-7.2-cloud --hooks tracepoint,kprobe,fentry --payload count\n"
               "  hookbench vm --kernel debian-6.12-cloud --object build/bpf/examples/unlink_kprobe.bpf.o\n"
               "  hookbench vm --arch arm64 --kernel debian-6.12-cloud --timing icount --payload count\n"
               "  hookbench vm --list-kernels",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kernel",
                   help="alias (debian-6.1-cloud, debian-6.12-cloud, debian-6.12-rt, debian-6.16-cloud, "
                        "debian-6.17-cloud, debian-6.18-cloud, debian-7.2-cloud, debian-7.2-rt, "
                        "debian-sid-cloud, ...: the newest such package; see --list-kernels), "
                        "Debian package name, "
                        "path to a vmlinuz, or a comma-separated list of these")
    p.add_argument("--arch", choices=tuple(ARCHES), default="x86_64",
                   help="guest architecture (default x86_64); arm64 boots Debian's arm64 "
                        "kernels under qemu-system-aarch64 -M virt (TCG) with cross-built "
                        "guest programs")
    p.add_argument("--list-kernels", action="store_true",
                   help="print each alias with the package, version and suite the archive offers "
                        "now, then stop")
    p.add_argument("--timing", choices=("wall", "icount"), default="wall",
                   help="wall (default; labelled as emulated under TCG) or icount "
                        "(-icount shift=0,sleep=off -smp 1: figures in guest instructions, one virtual ns "
                        "per instruction; the guest runs hookbench run --icount)")
    p.add_argument("--accel", choices=("auto", "kvm", "tcg"), default="auto",
                   help="KVM when /dev/kvm is usable (auto), else TCG")
    p.add_argument("--memory", type=int, default=1024, help="guest memory in MiB (default 1024)")
    p.add_argument("--smp", type=int, default=2, help="guest CPUs with --timing wall (default 2)")
    p.add_argument("--timeout", type=int, default=3600,
                   help="seconds a guest may run before it is killed (default 3600)")
    p.add_argument("--cache", help="kernel cache (default $XDG_CACHE_HOME/hookbench/kernels)")
    p.add_argument("--build-dir",
                   help="a meson build directory whose *-static programs go into the guest "
                        "(default: the ones installed beside this runner, or those of the "
                        "build tree it runs from)")
    p.add_argument("--guest-script", help="run this sh script in the guest instead of hookbench "
                                          "run; it gets the output directory as $1")
    p.add_argument("--guest-file", action="append", default=[], metavar="PATH",
                   help="also put this (static) program into the guest's /bin (repeatable)")
    p.add_argument("--object", metavar="FILE",
                   help="put this BPF object into the guest and measure it there with "
                        "`hookbench run --object` (its other options, --program, --set, "
                        "--set-pid, --attach-symbol, pass through)")
    p.add_argument("--out", help="results directory, must not exist (default results/vm-<UTC time>)")
    p.add_argument("--jobs", type=int, default=jobs.default_jobs(), metavar="N",
                   help="run up to N guests at once, each pinned to its own host CPUs (default: "
                        f"the CPUs this process may use, {jobs.default_jobs()} here); results and "
                        "their order are those of a run with --jobs 1")
    p.add_argument("--fetch-only", action="store_true",
                   help="download and unpack the kernels (and a split image's modules), then stop")
    p.add_argument("--build-programs", metavar="DIR",
                   help="with --arch arm64, from the build tree: cross-build the static arm64 guest "
                        "programs (as a run would), copy them into DIR as NAME-static, then stop "
                        "(what meson -Darm64_guest=enabled runs)")
    return p


def parse_args(argv):
    """Options from ARGV; bad usage exits 2 with one line."""
    p = parser()
    args, rest = p.parse_known_args(argv)
    if "--out" in rest or any(a.startswith("--out=") for a in rest):
        p.error("--out given twice")
    for bad in ("--timing-note", "--icount"):
        if bad in rest:
            p.error(f"{bad} is set by hookbench vm")
    arch = ARCHES[args.arch]
    if args.build_programs and arch.cross is None:
        cross = " or ".join(a.name for a in ARCHES.values() if a.cross)
        p.error(f"--build-programs is for --arch {cross} (meson builds the {arch.name} ones)")
    if not args.kernel and not args.list_kernels and not args.build_programs:
        p.error("--kernel is required (or --list-kernels)")
    if args.memory < 256 or args.smp < 1 or args.timeout < 10 or args.jobs < 1:
        p.error("--memory must be >= 256, --smp >= 1, --timeout >= 10, --jobs >= 1")
    for path in filter(None, [args.guest_script, args.object] + args.guest_file):
        if not os.path.isfile(path):
            p.error(f"{path}: no such file")
    guest_files = tuple(args.guest_file)
    if args.object:
        # The guest's /bin holds it under its own name: its rows keep their names.
        guest_files += (args.object,)
        rest = ["--object", "/bin/" + os.path.basename(args.object)] + rest
    return Options(
        arch=arch, kernels=tuple(s for s in (args.kernel or "").split(",") if s),
        list_kernels=args.list_kernels, timing=args.timing, accel=args.accel,
        memory=args.memory, smp=args.smp, timeout=args.timeout, cache=args.cache,
        build_dir=args.build_dir, guest_script=args.guest_script,
        guest_files=guest_files, out=args.out, jobs=args.jobs,
        fetch_only=args.fetch_only, build_programs=args.build_programs,
        run_args=tuple(rest), argv=tuple(argv))
