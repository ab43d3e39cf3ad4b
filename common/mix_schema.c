// SPDX-License-Identifier: GPL-2.0-only
#include "mix_schema.h"

const char *const hb_mix_columns[] = {
	"syscall_nr", "name", "abi", "count", "share", "seconds", "total", "kernel",
};
_Static_assert(sizeof(hb_mix_columns) / sizeof(hb_mix_columns[0]) == HB_MIX_NCOLUMNS,
	       "HB_MIX_NCOLUMNS counts the columns");
