/* SPDX-License-Identifier: GPL-2.0-only */
/* The CPU mitigations of meta.json, shortened for report.md's Environment. */
#ifndef HB_MITIGATIONS_H
#define HB_MITIGATIONS_H

#include <stddef.h>

struct json_object;

/*
 * One vulnerabilities file's text, short: "" for "Not affected"; else
 * without "Mitigation: ", up to its first ';' or " and ", at most 40
 * characters, "Vulnerable" in lower case ("Mitigation: Retpolines; STIBP:
 * disabled" gives "Retpolines").
 */
void hb_mitigation_short(const char *text, char *buf, size_t len);

/*
 * "spectre_v2 (Retpolines), meltdown (PTI)": each of cpu.mitigations (an
 * object of name -> text) that is affected, in the object's order; "none"
 * when every one reads "Not affected"; "unknown" without the object.
 */
void hb_mitigations_summary(struct json_object *mitigations, char *buf, size_t len);

#endif
