#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Guest side of test_vm_coverage.sh (busybox sh), results into $1: the
# coverage experiment over every hook this kernel runs; check_coverage.py
# judges the counts.
OUT=$1
uname -r >"$OUT/uname"
uname -m >"$OUT/arch"
hookbench run --experiment coverage --coverage-calls 3 --out "$OUT/cov" >"$OUT/cov.out" 2>"$OUT/cov.err"
echo $? >"$OUT/cov.status"
