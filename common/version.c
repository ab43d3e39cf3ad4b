// SPDX-License-Identifier: GPL-2.0-only
#include "version.h"

void hb_print_version(FILE *f, const char *prog)
{
	fprintf(f, "%s %s (git %s)\n", prog, HB_VERSION, HB_GIT_REVISION);
}
