#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""check_summary_json.py DIR...: each DIR's summary.json holds summary.csv's
rows field by field, typed: a number where summary.csv has one (the same
value; a whole number as an integer), a list of words for flags, null for an
empty field, the text itself otherwise; its columns are summary.csv's
header in order and its schema_version is meta.json's. Silent and exit 0
when every directory agrees, else one line per difference on stderr and
exit 1."""

import csv
import json
import os
import sys

# Text columns whose values may look like numbers all the same.
TEXT_MAY_LOOK_NUMERIC = {"sample_filename", "reason", "kernel", "host"}


def is_number_text(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def field_problem(col, text, value):
    """Why value does not stand for summary.csv's text, or None."""
    if col == "flags":
        if not isinstance(value, list) or ";".join(value) != text:
            return f"flags {value!r} is not the list of {text!r}"
        return None
    if text == "":
        return None if value is None else f"{value!r} for an empty field, not null"
    if isinstance(value, bool):
        return f"{value!r} is a boolean"
    if isinstance(value, (int, float)):
        if not is_number_text(text) or float(text) != value:
            return f"{value!r} is not {text!r}"
        if "." not in text and "e" not in text.lower() and not isinstance(value, int):
            return f"{value!r} is not a whole number like {text!r}"
        return None
    if isinstance(value, str):
        if value != text:
            return f"{value!r} is not {text!r}"
        if is_number_text(text) and col not in TEXT_MAY_LOOK_NUMERIC:
            return f"the number {text!r} is written as a string"
        return None
    return f"{value!r} has the type {type(value).__name__}"


def problems(d):
    with open(os.path.join(d, "summary.csv"), newline="") as f:
        table = list(csv.reader(f))
    header, rows = table[0], table[1:]
    with open(os.path.join(d, "summary.json")) as f:
        doc = json.load(f)
    with open(os.path.join(d, "meta.json")) as f:
        version = json.load(f).get("schema_version")
    if doc.get("schema_version") != version:
        yield f"schema_version {doc.get('schema_version')!r}, meta.json's is {version!r}"
    if doc.get("columns") != header:
        yield "columns differ from summary.csv's header"
    if len(doc.get("rows", [])) != len(rows):
        yield f"{len(doc.get('rows', []))} rows, summary.csv has {len(rows)}"
        return
    for n, (row, obj) in enumerate(zip(rows, doc["rows"]), start=2):
        if list(obj) != header:
            yield f"row of line {n}: keys differ from summary.csv's header"
            continue
        for col, text in zip(header, row):
            why = field_problem(col, text, obj[col])
            if why:
                yield f"line {n}, {col}: {why}"


def main():
    failed = 0
    for d in sys.argv[1:]:
        for why in problems(d):
            print(f"{d}/summary.json: {why}", file=sys.stderr)
            failed += 1
    return 1 if failed or len(sys.argv) < 2 else 0


if __name__ == "__main__":
    sys.exit(main())
