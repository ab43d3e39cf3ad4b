#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""A stand-in for qemu-system-x86_64 in test_vm_jobs.py: no guest, but the
runner's side of one. It records when it runs and where (FAKE_DIR), then
prints the guest's console lines and writes a framed transfer of a small
results directory to the second -serial file, as vm-guest-init does.

What it does depends on the kernel file's name (vmlinuz-LABEL):
  fail*  prints the boot line and exits 1 before finishing;
  hang*  sleeps until it is killed;
  else   waits (up to 20 s) until FAKE_WANT guests run at once or all
         FAKE_TOTAL have started, then finishes with status 0.
"""
import base64
import hashlib
import json
import os
import sys
import time

argv = sys.argv[1:]
if argv == ["--version"]:
    print("QEMU emulator version 0.0 (fake-qemu.py)")
    sys.exit(0)
kernel = argv[argv.index("-kernel") + 1]
label = os.path.basename(kernel).replace("vmlinuz-", "", 1)
serials = [argv[i + 1] for i, a in enumerate(argv) if a == "-serial"]
data_path = serials[1].split(":", 1)[1]
fake = os.environ["FAKE_DIR"]
running = os.path.join(fake, "running")
started = os.path.join(fake, "started")
for d in (running, started):
    os.makedirs(d, exist_ok=True)

with open(os.path.join(running, label), "w"):
    pass
with open("/proc/self/status") as f:
    cpus = next(line.split()[1] for line in f if line.startswith("Cpus_allowed_list"))
at_once = len(os.listdir(running))
with open(os.path.join(fake, f"{label}.tmp"), "w") as f:
    f.write(f"{os.getpid()} {cpus} {at_once}\n")
os.rename(os.path.join(fake, f"{label}.tmp"), os.path.join(started, label))  # whole or absent

print("HB-GUEST-START 1.00", flush=True)
print(f"hookbench: {label} says hello", flush=True)
if label.startswith("fail"):
    os.unlink(os.path.join(running, label))
    sys.exit(1)
if label.startswith("hang"):
    time.sleep(600)
    sys.exit(1)

want, total = int(os.environ.get("FAKE_WANT", "1")), int(os.environ.get("FAKE_TOTAL", "1"))
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    if len(os.listdir(running)) >= want or len(os.listdir(started)) >= total:
        break
    time.sleep(0.05)

files = [
    ("run/summary.csv", f"hook,status,kernel\ntracepoint,ok,{label}\nkprobe,ok,{label}\n".encode()),
    ("run/summary.json", json.dumps({"schema_version": 6, "columns": ["hook", "status", "kernel"], "rows": [
        {"hook": h, "status": "ok", "kernel": label} for h in ("tracepoint", "kprobe")]}).encode()),
    ("run/meta.json", json.dumps({"kernel": {"release": label}, "status": "ok"}).encode()),
    ("run/runs.csv", b"hook,block,ns\n"),
]
with open(data_path, "wb") as out:
    for name, data in files:
        out.write(f"HB-FILE {name} {len(data)} {hashlib.sha256(data).hexdigest()}\r\n".encode())
        out.write(base64.b64encode(data) + b"\r\n")
        out.write(f"HB-END {name}\r\n".encode())
    out.write(f"HB-DONE {len(files)} 0\r\n".encode())
print(f"hookbench: {label} done", flush=True)
print("HB-GUEST-DONE 0", flush=True)
os.unlink(os.path.join(running, label))
