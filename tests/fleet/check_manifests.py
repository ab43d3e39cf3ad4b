# SPDX-License-Identifier: GPL-2.0-only
"""Kubernetes objects (kubectl's JSON, one or more documents on stdin)
checked against the API's schema as the Kubernetes Python client models it
(python3-kubernetes, generated from the API's OpenAPI spec): every field a
field of its type, every value of its field's type, every required field
there. Then what a hookbench run needs: hostPID, the BTF and tracefs host
mounts, privileged or the three capabilities, a --results argument.
Prints one line per object; exits 1 with the first problem."""
import json
import re
import sys

import kubernetes.client as k8s

SCALARS = {"str": str, "int": int, "bool": bool, "float": (int, float), "datetime": str, "date": str}


def check(value, typ, path):
    if typ == "object":
        return
    if typ in SCALARS:
        ok = isinstance(value, SCALARS[typ]) and not (typ != "bool" and isinstance(value, bool))
        if not ok:
            raise ValueError(f"{path}: {value!r} is not a {typ}")
        return
    m = re.fullmatch(r"list\[(.+)\]", typ)
    if m:
        if not isinstance(value, list):
            raise ValueError(f"{path}: not a list")
        for i, v in enumerate(value):
            check(v, m.group(1), f"{path}[{i}]")
        return
    m = re.fullmatch(r"dict\((\w+), (.+)\)", typ)
    if m:
        if not isinstance(value, dict):
            raise ValueError(f"{path}: not a mapping")
        for key, v in value.items():
            check(v, m.group(2), f"{path}.{key}")
        return
    model = getattr(k8s.models, typ)
    if not isinstance(value, dict):
        raise ValueError(f"{path}: not a {typ} object")
    fields = {json_name: attr for attr, json_name in model.attribute_map.items()}
    for key, v in value.items():
        if key not in fields:
            raise ValueError(f"{path}.{key}: {typ} has no field {key!r}")
        check(v, model.openapi_types[fields[key]], f"{path}.{key}")


def model_name(obj):
    version = obj["apiVersion"].split("/")[-1]
    return version[0].upper() + version[1:] + obj["kind"]


def hookbench_ready(obj):
    """What the run needs in a Job's or DaemonSet's pod."""
    pod = obj["spec"]["template"]["spec"]
    assert pod.get("hostPID") is True, "hostPID: true (the counts are by the host's process id)"
    paths = {v["hostPath"]["path"] for v in pod["volumes"] if "hostPath" in v}
    assert {"/sys/kernel/btf", "/sys/kernel/tracing"} <= paths, f"host mounts: {paths}"
    runs = [c for c in pod.get("initContainers", []) + pod["containers"] if "--results" in c.get("args", [])]
    assert runs, "no container runs hookbench (--results)"
    for c in runs:
        sc = c.get("securityContext", {})
        caps = set(sc.get("capabilities", {}).get("add", []))
        assert sc.get("privileged") or {"BPF", "PERFMON", "SYS_ADMIN"} <= caps, f"{c['name']}: privileges"


def documents(text):
    decoder, pos = json.JSONDecoder(), 0
    while text[pos:].strip():
        while text[pos].isspace():
            pos += 1
        obj, pos = decoder.raw_decode(text, pos)
        yield from obj["items"] if obj.get("kind") == "List" else [obj]


def main():
    client = k8s.ApiClient()
    try:
        for obj in documents(sys.stdin.read()):
            name = model_name(obj)
            where = f"{obj['kind']}/{obj['metadata']['name']}"
            check(obj, name, where)
            # The models' constructors refuse a missing required field.
            client._ApiClient__deserialize(obj, name)
            if obj["kind"] in ("Job", "DaemonSet"):
                hookbench_ready(obj)
            print(f"{where}: {name} as the API defines it")
    except (AssertionError, ValueError, AttributeError, KeyError) as e:
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)


main()
