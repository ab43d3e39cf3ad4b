/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a merge refuses, and what it only notes, beyond what reading each
 * source refuses (results.h: another schema version, a missing column, a
 * value no run can produce). Refused: no sources; one directory given twice
 * (the same path, or two copies of one run: equal summary.csv and
 * meta.json). Noted (kept): two different runs of the same kernel on the
 * same host and arch (the source column tells their rows apart), and
 * columns this hookbench does not know that only some sources have (empty
 * in the others' rows).
 */
#ifndef HB_FLEET_CHECK_H
#define HB_FLEET_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "fleet_sources.h"

/* 0, or -EINVAL with why (the directories involved); notes go to notes (may be NULL). */
int hb_fleet_check(const struct hb_fleet_input *in, FILE *notes, char *why, size_t len);

#endif
