#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""meta.json's facts about the machine, and the programs found on the syscall path.

Usage: check_meta.py WITH WITHOUT PROG_ID HOOKBENCH
WITH is a run made while tp-loader (program PROG_ID) was attached to
syscalls:sys_enter_unlinkat, WITHOUT one made after it had gone.
Prints TAP-style lines; exits 0 when every check passed, 1 otherwise.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import check, finish  # noqa: E402

VULNERABILITIES = "/sys/devices/system/cpu/vulnerabilities"


def first_line(path):
    try:
        with open(path) as f:
            return f.readline().rstrip("\n")
    except OSError:
        return None


def sysctl(path):
    text = first_line(path)
    return int(text) if text is not None else None


def lockdown_mode():
    """The bracketed word of securityfs' lockdown file, mounted privately when needed."""
    text = first_line("/sys/kernel/security/lockdown")
    if text is None and not os.path.exists("/sys/kernel/security/lsm"):
        d = tempfile.mkdtemp()
        if subprocess.run(["mount", "-t", "securityfs", "securityfs", d]).returncode == 0:
            text = first_line(os.path.join(d, "lockdown"))
            subprocess.run(["umount", d])
        os.rmdir(d)
    if text is None:
        return "none"
    return text.split("[", 1)[1].split("]", 1)[0] if "[" in text else None


def check_machine(meta, hookbench):
    check(meta.get("schema_version") == 6 and type(meta["schema_version"]) is int,
          f"schema_version is the integer 6 ({meta.get('schema_version')!r})")
    version = subprocess.run([hookbench, "--version"], capture_output=True, text=True).stdout
    revision = version.split("(git ", 1)[1].split(")", 1)[0]
    check(meta.get("git_revision") == (None if revision == "unknown" else revision),
          f"git_revision is the one --version prints ({meta.get('git_revision')!r})")
    kernel, cpu = meta.get("kernel", {}), meta.get("cpu", {})
    check(kernel.get("cmdline") == first_line("/proc/cmdline"), "kernel.cmdline is /proc/cmdline")
    for key in ("bpf_jit_enable", "bpf_jit_harden", "bpf_jit_kallsyms"):
        want = sysctl(f"/proc/sys/net/core/{key}")
        check(key in kernel and kernel[key] == want, f"kernel.{key} is {want!r} ({kernel.get(key)!r})")
    want = sysctl("/proc/sys/kernel/unprivileged_bpf_disabled")
    check(kernel.get("unprivileged_bpf_disabled", "absent") == want,
          f"kernel.unprivileged_bpf_disabled is {want!r} ({kernel.get('unprivileged_bpf_disabled')!r})")
    check(kernel.get("lockdown") == lockdown_mode(),
          f"kernel.lockdown is the lockdown file's bracketed word ({kernel.get('lockdown')!r})")
    names = sorted(n for n in os.listdir(VULNERABILITIES) if not n.startswith(".")) \
        if os.path.isdir(VULNERABILITIES) else []
    want = {n: first_line(os.path.join(VULNERABILITIES, n)) for n in names}
    check(cpu.get("mitigations") == want, f"cpu.mitigations holds each of the {len(want)} files")
    with open("/proc/cpuinfo") as f:
        flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    check(cpu.get("hypervisor") is ("hypervisor" in flags),
          f"cpu.hypervisor is {'hypervisor' in flags} like /proc/cpuinfo's flags")
    check("hypervisor_type" in cpu and cpu["hypervisor_type"] == first_line("/sys/hypervisor/type"),
          f"cpu.hypervisor_type is /sys/hypervisor/type or null ({cpu.get('hypervisor_type')!r})")


def check_programs(with_meta, without_meta, prog_id):
    progs, before = with_meta.get("syscall_path_programs"), without_meta.get("syscall_path_programs")
    check(isinstance(progs, list) and isinstance(before, list), "syscall_path_programs is a list")
    if not isinstance(progs, list) or not isinstance(before, list):
        return
    check(all(isinstance(p, dict) and sorted(p) == ["attach", "id", "name", "type"]
              for p in progs + before), "each entry has exactly id, type, name, attach")
    ours = [p for p in progs if p.get("id") == prog_id]
    check(ours == [{"id": prog_id, "type": "tracepoint", "name": "hb_tracepoint",
                    "attach": "tracepoint:syscalls:sys_enter_unlinkat"}],
          f"tp-loader's program {prog_id} is listed on tracepoint:syscalls:sys_enter_unlinkat ({ours})")
    check(not any(p.get("id") == prog_id for p in before), "once it is gone, it is not listed")
    check([p for p in progs if p not in before] == ours,
          "the loader's program is all that the two runs' lists differ by")
    check(before == [] or os.environ.get("FOREIGN_LINKS") == "1",
          f"with nothing else attached, the list is empty ({before})")
    foreign = [p for p in with_meta.get("foreign_programs") or [] if p.get("id") == prog_id]
    check(len(foreign) == 1 and foreign[0].get("comm") == "tp-loader"
          and isinstance(foreign[0].get("pid"), int)
          and sorted(foreign[0]) == ["attach", "comm", "id", "name", "pid", "type"],
          f"foreign_programs names it with its owner, tp-loader ({foreign})")
    check(with_meta.get("allow_foreign") is True and without_meta.get("allow_foreign") is False,
          "allow_foreign says whether the run was given --allow-foreign")
    check(without_meta.get("foreign_programs") == [] or os.environ.get("FOREIGN_LINKS") == "1",
          f"once it is gone, foreign_programs is empty ({without_meta.get('foreign_programs')})")
    check(without_meta.get("foreign_programs_mid_run") == []
          and without_meta.get("concurrent_allowed") is False
          and without_meta.get("concurrent_holder") is None,
          "no program came mid-run, no concurrent measurement")


def check_kernel_column(out, meta):
    with open(os.path.join(out, "summary.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    release = os.uname().release
    check(meta.get("kernel", {}).get("release") == release, "meta.json's kernel.release is uname -r")
    check(rows and all(r.get("kernel") == release for r in rows),
          f"every summary.csv row's kernel column is {release}")


def check_block_size(run_dir, meta):
    """The runs give --ops-per-block 200: it applies to every mode, and each row says so."""
    settings = meta.get("settings", {})
    check(settings.get("ops_per_block") == 200 and settings.get("ops_per_block_given") is True,
          "settings: ops_per_block 200, given")
    check(settings.get("ops_per_block_by_mode") == {m: 200 for m in settings.get("modes", [])},
          f"ops_per_block_by_mode gives 200 to each mode ({settings.get('ops_per_block_by_mode')})")
    with open(os.path.join(run_dir, "summary.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    check(rows and all(r.get("ops_per_block") == "200" for r in rows), "every row's ops_per_block is 200")


def main():
    with_dir, without_dir, prog_id, hookbench = sys.argv[1:5]
    with open(os.path.join(with_dir, "meta.json")) as f:
        with_meta = json.load(f)
    with open(os.path.join(without_dir, "meta.json")) as f:
        without_meta = json.load(f)
    check_machine(without_meta, hookbench)
    check_programs(with_meta, without_meta, int(prog_id))
    check_kernel_column(without_dir, without_meta)
    check_block_size(without_dir, without_meta)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
