# SPDX-License-Identifier: GPL-2.0-only
"""What a run of hookbench vm was asked (Options, from the command line) and
how its guests boot (Plan, fixed before the first guest starts). Both are
immutable: what changes for one boot (the BTF boot of a cross build) is a
copy made with dataclasses.replace."""

from dataclasses import dataclass

from .arches import Arch

TIMING_NOTES = {
    ("kvm", "wall"): "wall (KVM guest)",
    ("tcg", "wall"): "emulated: not comparable to hardware",
    ("tcg", "icount"): "icount: guest instructions (QEMU -icount shift=0), not time",
    ("kvm", "icount"): "icount: guest instructions (QEMU -icount shift=0), not time",
}


@dataclass(frozen=True)
class Options:
    """The command line of hookbench vm, checked (cli.py)."""
    arch: Arch
    kernels: tuple        # --kernel, split at commas
    list_kernels: bool
    timing: str           # wall, icount
    accel: str            # auto, kvm, tcg
    memory: int
    smp: int
    timeout: int
    cache: str
    build_dir: str
    guest_script: str
    guest_files: tuple
    out: str
    jobs: int
    fetch_only: bool
    build_programs: str
    run_args: tuple       # the options for `hookbench run` in the guest
    argv: tuple           # the whole command line, for meta.json


@dataclass(frozen=True)
class Plan:
    """How each guest of a run boots."""
    arch: Arch
    accel: str            # kvm, tcg
    timing: str
    memory: int
    smp: int
    timeout: int
    busybox: str          # None: the host's busybox-static
    guest_script: str
    guest_files: tuple
    run_args: tuple       # the guest's hookbench run arguments, with the timing ones
    jobs: int             # guests at once
    qemu_version: str
    argv: tuple

    @classmethod
    def of(cls, opts, accel, busybox, jobs, qemu_version):
        icount = ("--icount",) if opts.timing == "icount" else ()
        return cls(arch=opts.arch, accel=accel, timing=opts.timing, memory=opts.memory,
                   smp=opts.smp, timeout=opts.timeout, busybox=busybox,
                   guest_script=opts.guest_script, guest_files=opts.guest_files,
                   run_args=opts.run_args + ("--timing-note", TIMING_NOTES[(accel, opts.timing)]) + icount,
                   jobs=jobs, qemu_version=qemu_version, argv=opts.argv)

    @property
    def vcpus(self):
        """Guest CPUs: --smp, or one under --timing icount."""
        return 1 if self.timing == "icount" else self.smp

    @property
    def timing_note(self):
        return TIMING_NOTES[(self.accel, self.timing)]
