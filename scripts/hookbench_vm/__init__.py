# SPDX-License-Identifier: GPL-2.0-only
"""The VM runner; scripts/hookbench-vm is its entry. One module per job:
cli (the command line), plan (options and how guests boot), runner (a run),
arches (the guest architectures), kernels and apt (Debian's kernels and
packages), programs and cross (the static guest programs, cross-built for a
foreign architecture), initramfs, guest_modules and scratch (what goes into
the guest), qemu (booting it), transfer (results out), results (meta.json,
the combined summary), jobs (guests at once, and the one say()), errors
(VmError)."""
