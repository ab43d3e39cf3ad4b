# SPDX-License-Identifier: GPL-2.0-only
"""A run of hookbench vm from its options: list or fetch kernels, build the
cross programs, or boot one guest per kernel (up to --jobs at once) and
gather their results into --out."""

import dataclasses
import gzip
import os
import shutil
import tempfile
import time

from . import cli, cross, initramfs, jobs, qemu, results, scratch, transfer
from .arches import image_arch
from .errors import VmError
from .jobs import say
from .kernels import cache_dir, list_kernels, resolve_kernel
from .plan import Plan
from .programs import GUEST_PROGRAMS, RUNNER_DIR, find_cross_programs, find_guest_programs


def resolve(spec, cache, arch):
    """A kernel through kernels.py; a file must be an image of ARCH."""
    if os.path.isfile(spec):
        found = image_arch(spec)
        if found and found != arch.name:
            raise VmError(f"{spec} is an {found} kernel; --arch is {arch.name}")
    return resolve_kernel(spec, cache, arch.debian)


def main(argv):
    opts = cli.parse_args(argv)
    cache = cache_dir(opts.cache)
    if opts.list_kernels:
        return list_kernels(cache, opts.arch.debian)
    if (not opts.kernels and not opts.build_programs) or len(set(opts.kernels)) != len(opts.kernels):
        raise VmError("--kernel needs one or more distinct kernels")
    if opts.build_programs:
        return build_programs(opts, cache)
    kernels = [resolve(s, cache, opts.arch) for s in opts.kernels]
    for k in kernels:  # before any guest starts: a split image's modules are a download
        k.moddir = scratch.module_dir(k, cache, opts.arch.debian)
    if opts.fetch_only:
        for k in kernels:
            print(f"{k.label}: {k.vmlinuz} ({k.release})")
        return 0
    accel = qemu.accelerator(opts.arch, opts.accel)
    qemu_version = qemu.version(qemu.binary(opts.arch))
    busybox = cross.busybox(cache, opts.arch) if opts.arch.cross else None
    plan = Plan.of(opts, accel, busybox, min(opts.jobs, len(kernels)), qemu_version)
    programs = guest_programs(plan, opts.build_dir, cache, kernels[0])
    out = opts.out or time.strftime("results/vm-%Y%m%dT%H%M%SZ", time.gmtime())
    if os.path.lexists(out) or os.path.lexists(out + ".partial"):
        raise VmError(f"refusing to overwrite existing {out if os.path.lexists(out) else out + '.partial'}")
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(parent):
        raise VmError(f"cannot create {out}: {parent} does not exist")
    partial = out + ".partial"
    if len(kernels) == 1:
        worst, _ = run_one(plan, programs, kernels[0], partial)
    else:
        worst = run_many(plan, programs, kernels, partial)
    os.rename(partial, out)
    print(f"results: {out}")
    return worst


def run_many(plan, programs, kernels, partial):
    """Several kernels, up to plan.jobs at once, into PARTIAL/<label>: one
    failing does not cost the others their results; statuses and failures
    are taken in kernel order. Returns the first non-zero guest status."""
    worst, failed = 0, []
    os.mkdir(partial)

    def guest(k, cpus):
        try:
            return run_one(plan, programs, k, os.path.join(partial, k.label), cpus)
        except VmError as e:
            say(str(e) if str(e).startswith(k.label) else f"{k.label}: {e}")
            raise

    outcomes = jobs.run(kernels, guest, plan.jobs, jobs.usable_cpus(), expected=(VmError,),
                        vcpus=plan.vcpus, note=say)
    for k, (result, error) in zip(kernels, outcomes):
        if error:
            with open(os.path.join(partial, f"{k.label}.error"), "w") as f:
                f.write(str(error) + "\n" + "".join(f"  | {line}\n" for line in error.console))
            failed.append(k.label)
        else:
            worst = worst or result[0]
    results.combine_summaries(partial, [k.label for k in kernels])
    if failed:
        raise VmError(f"{', '.join(failed)} failed (see {partial}/*.error); "
                      f"the other kernels' results are in {partial}")
    return worst


def run_one(plan, programs, kernel, dest, cpus=None):
    """Boot KERNEL with PROGRAMS (on host CPUS when given) and put what the
    guest wrote into DEST; return (guest status, console tail)."""
    work = tempfile.mkdtemp(prefix="hookbench-vm.")
    try:
        image = os.path.join(work, "initramfs.cpio.gz")
        data_path = os.path.join(work, "transfer.txt")
        say(f"{kernel.label}: initramfs for {kernel.release}")
        modules, scratch_image = initramfs.modules_for(kernel, plan.arch, work)
        initramfs.build_initramfs(image, programs, kernel, plan.run_args, plan.guest_script,
                                  plan.guest_files, plan.busybox, modules, scratch_image)
        cmd = qemu.command(plan, kernel, image, data_path)
        pinned = f", host CPU {','.join(map(str, cpus))}" if cpus else ""
        say(f"{kernel.label}: booting {os.path.basename(kernel.vmlinuz)} ({plan.accel}, timing {plan.timing}"
            f"{pinned})")
        marks, tail = qemu.run_guest(cmd, plan.timeout, kernel.label, cpus)
        staging = os.path.join(work, "out")
        os.makedirs(staging)
        status = transfer.receive_files(data_path, staging)
        src = os.path.join(staging, "run") if not plan.guest_script else staging
        if not os.path.isdir(src):
            raise VmError(f"{kernel.label}: the guest wrote no results (status {status})", tail)
        shutil.copytree(src, dest)
        meta = os.path.join(dest, "meta.json")
        if os.path.exists(meta):
            results.annotate_meta(meta, kernel, plan, marks, cpus)
            results.warn_scratch(meta, kernel, scratch_image)
        say(f"{kernel.label}: done in {marks['wall_s']:.1f} s (userspace after "
            f"{marks.get('userspace_s', 0):.1f} s), guest status {status}")
        return status, tail
    finally:
        shutil.rmtree(work, ignore_errors=True)


def guest_programs(plan, build_dir, cache, kernel):
    """{name: path} of the static programs for plan.arch's guests."""
    if plan.arch.cross is None:
        return find_guest_programs(RUNNER_DIR, build_dir)
    return find_cross_programs(plan.arch, build_dir, cache=cache,
                               btf=lambda: fetch_btf(plan, btf_kernel(plan.arch, cache, kernel), cache))


def btf_kernel(arch, cache, kernel):
    """The kernel whose BTF makes the cross build's vmlinux.h (arches.py's
    btf_kernel), else KERNEL."""
    try:
        return resolve(arch.cross.btf_kernel, cache, arch)
    except VmError as e:
        if kernel is None:
            raise VmError(f"no {arch.name} kernel to read the BTF of the cross build from: {e}")
        return kernel


def fetch_btf(plan, kernel, cache):
    """The kernel's BTF (/sys/kernel/btf/vmlinux), from a first boot of
    KERNEL with busybox alone, cached beside the kernels."""
    cached = cross.btf_path(cache, plan.arch, kernel.release)
    if os.path.isfile(cached):
        return cached
    work = tempfile.mkdtemp(prefix="hookbench-vm-btf.")
    try:
        script = os.path.join(work, "btf.sh")
        with open(script, "w") as f:
            f.write("gzip -c /sys/kernel/btf/vmlinux >\"$1/vmlinux.gz\"\n")
        first = dataclasses.replace(plan, guest_script=script, guest_files=(), timing="wall", run_args=())
        say(f"{kernel.label}: first boot, for the kernel's BTF ({plan.arch.name} vmlinux.h)")
        run_one(first, {}, kernel, os.path.join(work, "out"))
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        with gzip.open(os.path.join(work, "out", "vmlinux.gz")) as src, open(cached + ".tmp", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.rename(cached + ".tmp", cached)
        return cached
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_programs(opts, cache):
    """--build-programs DIR: the cross-built guest programs of this build
    tree into DIR, rewritten only when they changed (meson installs them
    from there)."""
    busybox = cross.busybox(cache, opts.arch)
    if not os.path.isfile(os.path.join(os.path.dirname(RUNNER_DIR), "build.ninja")):
        raise VmError("--build-programs runs from the build tree (build/scripts/hookbench-vm)")
    kernel = resolve(opts.kernels[0], cache, opts.arch) if opts.kernels else None
    plan = Plan.of(opts, "tcg", busybox, opts.jobs, None)
    programs = guest_programs(plan, opts.build_dir, cache, kernel)
    os.makedirs(opts.build_programs, exist_ok=True)
    for name, rel in GUEST_PROGRAMS.items():
        src, dst = programs[name], os.path.join(opts.build_programs, os.path.basename(rel))
        with open(src, "rb") as f:
            data = f.read()
        if os.path.isfile(dst):
            with open(dst, "rb") as f:
                if f.read() == data:
                    continue
        shutil.copy2(src, dst + ".tmp")
        os.replace(dst + ".tmp", dst)
        print(dst)
    return 0
