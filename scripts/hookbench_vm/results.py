# SPDX-License-Identifier: GPL-2.0-only
"""A guest's results on the host: meta.json's vm block (how the guest ran),
the combined summary.csv and summary.json of a multi-kernel run, and a word
when the workload ran elsewhere than the ext4 scratch."""

import csv
import json
import os
import shlex

from . import jobs
from .errors import VmError
from .jobs import say


def annotate_meta(path, kernel, plan, marks, cpus):
    with open(path) as f:
        meta = json.load(f)
    meta["vm"] = {
        "kernel_spec": kernel.label,
        "kernel_package": kernel.package,
        "vmlinuz": kernel.vmlinuz,
        "kernel_config_from": kernel.config_from or "none on the host: the guest's own (kernel.config_source)",
        "arch": plan.arch.name,
        "cpu": plan.arch.cpus[plan.accel],
        "accelerator": plan.accel,
        "timing_mode": plan.timing,
        "timing_note": plan.timing_note,
        "qemu": plan.qemu_version,
        "smp": plan.vcpus,
        "memory_mib": plan.memory,
        "boot_to_userspace_s": round(marks.get("userspace_s", 0), 2),
        "wall_s": round(marks["wall_s"], 2),
        "host_kernel": os.uname().release,
        "jobs": plan.jobs,
        "host_cpus": cpus or jobs.usable_cpus(),
        "command_line": " ".join(shlex.quote(a) for a in ("hookbench", "vm") + plan.argv),
    }
    with open(path, "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def combine_summaries(out, labels):
    """DIR/summary.csv: every kernel's rows under the header they share (each
    row's kernel column, written in the guest, says which kernel it is); and
    DIR/summary.json, the same rows typed, from the guests' summary.json."""
    header, rows, found = None, [], []
    for label in labels:
        path = os.path.join(out, label, "summary.csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="") as f:
            reader = csv.reader(f)
            h = next(reader, [])
            if header is not None and h != header:
                raise VmError(f"{label}/summary.csv has other columns than the first kernel's")
            header = h
            rows += list(reader)
        found.append(label)
    if header is None:
        return
    with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    combine_summary_json(out, found)


def combine_summary_json(out, labels):
    """DIR/summary.json from the guests' (labels: those with a summary.csv),
    its columns the ones they share; none when a guest wrote no summary.json."""
    combined = None
    for label in labels:
        path = os.path.join(out, label, "summary.json")
        if not os.path.exists(path):
            say(f"{label}: no summary.json from the guest, so none combined (summary.csv has the rows)")
            return
        with open(path) as f:
            doc = json.load(f)
        if combined is None:
            combined = doc
        elif doc.get("columns") != combined.get("columns"):
            raise VmError(f"{label}/summary.json has other columns than the first kernel's")
        else:
            combined["rows"] += doc.get("rows", [])
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(combined, f, indent=2)
        f.write("\n")


def warn_scratch(path, kernel, image):
    """Say so when the guest's workload ran elsewhere than the ext4 scratch."""
    try:
        with open(path) as f:
            fs = json.load(f).get("settings", {}).get("scratch_fs")
    except (OSError, ValueError):
        return
    if image and fs and fs != "ext4":
        say(f"{kernel.label}: the workload ran on {fs}, not on the ext4 scratch (see the guest's "
            "console lines above); its baseline includes tmpfs's dentry churn")
