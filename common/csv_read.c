// SPDX-License-Identifier: GPL-2.0-only
#include "csv_read.h"
#include "readfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE (256u << 20)

/* A growing list of pointers. */
struct list {
	void **items;
	size_t n, cap;
};

static int list_push(struct list *l, void *item)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		void **p = realloc(l->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		l->items = p;
		l->cap = cap;
	}
	l->items[l->n++] = item;
	return 0;
}

static void free_row(char **fields, size_t n)
{
	for (size_t i = 0; fields && i < n; i++)
		free(fields[i]);
	free(fields);
}

/*
 * Parse one record starting at *pos. Returns 0 with the fields in *out,
 * 1 at the end of the text, or -errno.
 */
static int parse_record(const char *text, size_t len, size_t *pos, struct list *out,
			size_t *line, char *why, size_t whylen)
{
	size_t p = *pos, cap = 64, used = 0;
	bool quoted = false, was_quoted = false;
	char *field;
	int err = 0;

	if (p >= len)
		return 1;
	field = malloc(cap);
	if (!field)
		return -ENOMEM;
	for (;;) {
		char ch = p < len ? text[p] : '\n';
		bool end_of_text = p >= len;

		if (quoted) {
			if (end_of_text) {
				snprintf(why, whylen, "line %zu: a quoted field is never closed", *line);
				err = -EINVAL;
				break;
			}
			p++;
			if (ch == '"') {
				if (p < len && text[p] == '"') {
					p++;
				} else {
					quoted = false;
					continue;
				}
			} else if (ch == '\n') {
				(*line)++;
			}
		} else if (ch == '"' && used == 0 && !was_quoted) {
			quoted = was_quoted = true;
			p++;
			continue;
		} else if (ch == ',' || ch == '\n' || (ch == '\r' && p + 1 < len && text[p + 1] == '\n')) {
			field[used] = '\0';
			err = list_push(out, field);
			if (err) {
				free(field);
				return err;
			}
			if (ch == ',') {
				p++;
				used = 0;
				was_quoted = false;
				cap = 64;
				field = malloc(cap);
				if (!field)
					return -ENOMEM;
				continue;
			}
			p += end_of_text ? 0 : (ch == '\r' ? 2 : 1);
			(*line)++;
			*pos = p;
			return 0;
		} else {
			if (was_quoted) {
				snprintf(why, whylen, "line %zu: text after a closing quote", *line);
				err = -EINVAL;
				break;
			}
			p++;
		}
		if (used + 2 > cap) {
			char *bigger = realloc(field, cap * 2);

			if (!bigger) {
				err = -ENOMEM;
				break;
			}
			field = bigger;
			cap *= 2;
		}
		field[used++] = ch;
	}
	free(field);
	return err;
}

int hb_csv_parse(const char *text, size_t len, struct hb_csv_table *t, char *why, size_t whylen)
{
	struct list rows = { 0 }, fields = { 0 };
	size_t pos = 0, line = 1, record_line;
	int err = 0, r;

	memset(t, 0, sizeof(*t));
	for (;;) {
		record_line = line;
		fields.n = fields.cap = 0;
		fields.items = NULL;
		r = parse_record(text, len, &pos, &fields, &line, why, whylen);
		if (r == 1)
			break;
		if (r < 0) {
			err = r;
			free_row((char **)fields.items, fields.n);
			goto cleanup;
		}
		if (!t->header) {
			t->header = (char **)fields.items;
			t->ncols = fields.n;
			continue;
		}
		if (fields.n != t->ncols) {
			snprintf(why, whylen, "line %zu has %zu fields, the header has %zu", record_line,
				 fields.n, t->ncols);
			free_row((char **)fields.items, fields.n);
			err = -EINVAL;
			goto cleanup;
		}
		err = list_push(&rows, fields.items);
		if (err) {
			free_row((char **)fields.items, fields.n);
			goto cleanup;
		}
	}
	if (!t->header) {
		snprintf(why, whylen, "empty: no header row");
		err = -EINVAL;
	}
cleanup:
	t->rows = (char ***)rows.items;
	t->nrows = rows.n;
	if (err)
		hb_csv_free(t);
	return err;
}

int hb_csv_load(const char *path, struct hb_csv_table *t, char *why, size_t whylen)
{
	char *text;
	size_t len;
	int err;

	memset(t, 0, sizeof(*t));
	err = hb_read_file(path, MAX_FILE, &text, &len, why, whylen);
	if (err)
		return err;
	err = hb_csv_parse(text, len, t, why, whylen);
	if (err)
		hb_prefix_path(path, why, whylen);
	free(text);
	return err;
}

int hb_csv_col(const struct hb_csv_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	return -1;
}

const char *hb_csv_get(const struct hb_csv_table *t, size_t row, int col)
{
	if (col < 0 || (size_t)col >= t->ncols || row >= t->nrows)
		return "";
	return t->rows[row][col];
}

void hb_csv_free(struct hb_csv_table *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		free_row(t->rows[r], t->ncols);
	free(t->rows);
	free_row(t->header, t->ncols);
	memset(t, 0, sizeof(*t));
}
