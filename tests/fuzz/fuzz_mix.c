// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: mix.csv's reader (report and plot's --mix, DIR/mix.csv).
 * A file it accepts describes a count that adds up: unlinkat within the
 * total, its share between 0 and 1, the most frequent few in order.
 */
#include <errno.h>
#include <string.h>

#include "csv_read.h"
#include "fuzz.h"
#include "mix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hb_csv_table t;
	struct hb_mix m;
	char why[512], desc[200];
	int err;

	if (hb_csv_parse((const char *)data, size, &t, why, sizeof(why)))
		return 0;
	why[0] = '\0';
	err = hb_mix_from_table(&t, "mix.csv", &m, why, sizeof(why));
	FUZZ_CHECK(err == 0 || err == -EINVAL);
	FUZZ_CHECK(memchr(why, '\0', sizeof(why)));
	if (err) {
		FUZZ_CHECK(strncmp(why, "mix.csv: ", 9) == 0);
	} else {
		FUZZ_CHECK(m.total > 0 && m.unlinkat <= m.total && m.unlink <= m.total);
		FUZZ_CHECK(m.share >= 0 && m.share <= 1 && m.seconds > 0);
		FUZZ_CHECK(m.ntop <= HB_MIX_TOP);
		for (size_t i = 0; i < m.ntop; i++) {
			FUZZ_CHECK(m.top[i].count > 0 && m.top[i].count <= m.total);
			FUZZ_CHECK(i == 0 || m.top[i - 1].count >= m.top[i].count);
		}
		hb_mix_describe(&m, desc, sizeof(desc));
		FUZZ_CHECK(memchr(desc, '\0', sizeof(desc)));
	}
	hb_csv_free(&t);
	return 0;
}
