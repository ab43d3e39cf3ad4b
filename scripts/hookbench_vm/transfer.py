# SPDX-License-Identifier: GPL-2.0-only
"""Results out of the guest: vm-guest-init sends each file over the transfer
channel (a second serial port, or a virtio console; arches.py) as
"HB-FILE NAME SIZE SHA256", base64 lines and "HB-END NAME", then
"HB-DONE COUNT STATUS". QEMU writes the channel to a file; here it is
checked and unpacked, and a transfer that does not check out is refused.
(Into the guest, programs and files travel in the initramfs: initramfs.py.)"""

import base64
import hashlib
import os

from .errors import VmError


def receive_files(data_path, dest):
    """Check and write the framed files; return the guest's status."""
    with open(data_path, "rb") as f:
        lines = f.read().replace(b"\r", b"").split(b"\n")
    i, received = 0, 0
    while i < len(lines):
        line = lines[i].decode(errors="replace")
        i += 1
        if line.startswith("HB-FILE "):
            parts = line.split(" ")
            if len(parts) != 4 or not parts[2].isdigit():
                raise VmError(f"transfer corrupted: bad header {line!r}")
            name, size, digest = parts[1], int(parts[2]), parts[3]
            chunks = []
            while i < len(lines) and lines[i].decode(errors="replace") != f"HB-END {name}":
                chunks.append(lines[i])
                i += 1
            if i == len(lines):
                raise VmError(f"transfer corrupted: {name} has no end marker")
            i += 1
            try:
                data = base64.b64decode(b"".join(chunks), validate=True)
            except ValueError as e:
                raise VmError(f"transfer corrupted: {name} is not valid base64 ({e})")
            if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                raise VmError(f"transfer corrupted: {name} arrived with {len(data)} bytes and "
                              f"another checksum than the {size} bytes the guest sent")
            if name.startswith("/") or ".." in name.split("/"):
                raise VmError(f"transfer corrupted: unsafe file name {name!r}")
            path = os.path.join(dest, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(data)
            received += 1
        elif line.startswith("HB-DONE "):
            parts = line.split(" ")
            if len(parts) != 3 or int(parts[1]) != received:
                raise VmError(f"transfer corrupted: the guest sent {parts[1] if len(parts) > 1 else '?'} "
                              f"files, {received} arrived intact")
            return int(parts[2])
    raise VmError("transfer corrupted: the guest's final HB-DONE line never arrived")
