// SPDX-License-Identifier: GPL-2.0-only
#include "refusal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "lockdown.h"

static bool empty(const char *s)
{
	return !s || !*s;
}

void hb_refusal_reason(const struct hb_refusal *r, char *buf, size_t len)
{
	const char *mode = r->lockdown ? r->lockdown : "unknown";

	if (!empty(r->notice))
		snprintf(buf, len, "kernel lockdown (%s) refuses it: %s is restricted", mode, r->notice);
	else if (!empty(r->verifier))
		snprintf(buf, len, "the verifier rejected it: %s", r->verifier);
	else if (r->err == -EPERM && r->lockdown && hb_lockdown_active(r->lockdown) && r->log_read)
		/* The lockdown LSM logs the refusals it makes (rate-limited): none came. */
		snprintf(buf, len, "the kernel refused it: %s; kernel lockdown (%s) logged no "
			 "refusal of it", r->failure, mode);
	else if (r->err == -EPERM && r->lockdown && hb_lockdown_active(r->lockdown))
		snprintf(buf, len, "the kernel refused it: %s; kernel lockdown is %s (the kernel "
			 "log, which names its refusals, was not readable)", r->failure, mode);
	else
		snprintf(buf, len, "the kernel refused it: %s", r->failure);
}

/* The verifier's closing statistics, printed after the error on a failed load too. */
static bool is_statistics(const char *line)
{
	static const char *const prefixes[] = { "processed ", "verification time ", "stack depth " };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(line, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

void hb_verifier_last_lines(const char *log, unsigned n, char *buf, size_t len)
{
	const char *start[HB_VERIFIER_MAX_LINES], *end[HB_VERIFIER_MAX_LINES], *p = log;
	unsigned kept = 0;
	size_t used = 0;

	snprintf(buf, len, "%s", "");
	if (!log || !n)
		return;
	n = n < HB_VERIFIER_MAX_LINES ? n : HB_VERIFIER_MAX_LINES;
	while (*p) {
		const char *eol = p + strcspn(p, "\n"), *e = eol;

		while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > p && !is_statistics(p)) {
			/* A ring of the last n lines: kept counts every line, slot kept % n is next. */
			start[kept % n] = p;
			end[kept % n] = e;
			kept++;
		}
		p = *eol ? eol + 1 : eol;
	}
	for (unsigned i = kept > n ? kept - n : 0; i < kept && used < len; i++) {
		unsigned k = i % n;

		used += (size_t)snprintf(buf + used, len - used, "%s%.*s", used ? " / " : "",
					 (int)(end[k] - start[k]), start[k]);
	}
}

void hb_verifier_last_line(const char *log, char *buf, size_t len)
{
	hb_verifier_last_lines(log, 1, buf, len);
}

void hb_kmsg_mark(struct hb_kmsg_mark *m)
{
	m->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (m->fd >= 0 && lseek(m->fd, 0, SEEK_END) < 0) {
		close(m->fd);
		m->fd = -1;
	}
}

int hb_lockdown_notice_parse(const char *record, const char *comm, char *buf, size_t len)
{
	const char *msg = strchr(record, ';'), *what, *end;
	size_t clen = strlen(comm);

	msg = msg ? msg + 1 : record;
	if (strncmp(msg, "Lockdown: ", 10) || strncmp(msg + 10, comm, clen) ||
	    strncmp(msg + 10 + clen, ": ", 2))
		return -ENOENT;
	what = msg + 10 + clen + 2;
	end = strstr(what, " is restricted");
	if (!end || end == what)
		return -ENOENT;
	snprintf(buf, len, "%.*s", (int)(end - what), what);
	return 0;
}

void hb_kmsg_lockdown_notice(struct hb_kmsg_mark *m, char *buf, size_t len)
{
	char record[8192], comm[17] = "";
	ssize_t n;

	snprintf(buf, len, "%s", "");
	if (m->fd < 0)
		return;
	prctl(PR_GET_NAME, comm);
	for (;;) {
		n = read(m->fd, record, sizeof(record) - 1);
		if (n < 0 && (errno == EPIPE || errno == EINTR))
			continue; /* EPIPE: records overwritten before they were read */
		if (n <= 0)
			break;
		record[n] = '\0';
		if (!hb_lockdown_notice_parse(record, comm, buf, len))
			break;
	}
	close(m->fd);
	m->fd = -1;
}
