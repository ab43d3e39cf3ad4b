// SPDX-License-Identifier: GPL-2.0-only
#include "json_read.h"
#include "readfile.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64
#define MAX_FILE (64u << 20)

struct parser {
	const char *s;
	size_t len, pos;
	char *why;
	size_t whylen;
};

static int fail(struct parser *p, const char *what)
{
	snprintf(p->why, p->whylen, "at byte %zu: %s", p->pos, what);
	return -EINVAL;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) && p->s[p->pos])
		p->pos++;
}

static int peek(struct parser *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static int literal(struct parser *p, const char *word)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, "unknown literal");
	p->pos += n;
	return 0;
}

static int hex4(struct parser *p, unsigned *out)
{
	unsigned v = 0;

	if (p->len - p->pos < 4)
		return fail(p, "short \\u escape");
	for (int i = 0; i < 4; i++) {
		char c = p->s[p->pos++];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return fail(p, "bad \\u escape");
	}
	*out = v;
	return 0;
}

/* Append code point cp as UTF-8 (surrogates become '?'). */
static size_t put_utf8(char *o, unsigned cp)
{
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = '?';
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (cp >> 12));
	o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

static int parse_string(struct parser *p, char **out)
{
	size_t start = ++p->pos, used = 0;
	char *buf;
	int err = 0;

	/* Escapes only shrink: the raw length bounds the result. */
	while (p->pos < p->len && p->s[p->pos] != '"')
		p->pos += p->s[p->pos] == '\\' ? 2 : 1;
	if (p->pos >= p->len)
		return fail(p, "unterminated string");
	buf = malloc(p->pos - start + 1);
	if (!buf)
		return -ENOMEM;
	p->pos = start;
	while (!err && p->s[p->pos] != '"') {
		unsigned char c = (unsigned char)p->s[p->pos++];
		unsigned cp;

		if (c < 0x20) {
			err = fail(p, "control character in a string");
		} else if (c != '\\') {
			buf[used++] = (char)c;
		} else {
			c = (unsigned char)p->s[p->pos++];
			switch (c) {
			case '"': case '\\': case '/': buf[used++] = (char)c; break;
			case 'b': buf[used++] = '\b'; break;
			case 'f': buf[used++] = '\f'; break;
			case 'n': buf[used++] = '\n'; break;
			case 'r': buf[used++] = '\r'; break;
			case 't': buf[used++] = '\t'; break;
			case 'u':
				err = hex4(p, &cp);
				if (!err)
					used += put_utf8(buf + used, cp);
				break;
			default: err = fail(p, "bad escape");
			}
		}
	}
	if (err) {
		free(buf);
		return err;
	}
	p->pos++;
	buf[used] = '\0';
	*out = buf;
	return 0;
}

static int parse_number(struct parser *p, double *out)
{
	char tmp[64], *end;
	size_t n = 0;

	while (p->pos + n < p->len && n < sizeof(tmp) - 1 && strchr("+-0123456789.eE", p->s[p->pos + n]) &&
	       p->s[p->pos + n])
		n++;
	memcpy(tmp, p->s + p->pos, n);
	tmp[n] = '\0';
	*out = strtod(tmp, &end);
	if (n == 0 || (size_t)(end - tmp) != n || !isfinite(*out))
		return fail(p, "bad number");
	p->pos += n;
	return 0;
}

static int parse_value(struct parser *p, struct hb_jval *v, int depth);

static int parse_container(struct parser *p, struct hb_jval *v, int depth, char close)
{
	size_t cap = 0;
	int err = 0;

	p->pos++;
	skip_ws(p);
	if (peek(p) == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		char *key = NULL;

		skip_ws(p);
		if (close == '}') {
			if (peek(p) != '"')
				return fail(p, "expected a key");
			err = parse_string(p, &key);
			if (err)
				return err;
			skip_ws(p);
			if (peek(p) != ':') {
				free(key);
				return fail(p, "expected ':'");
			}
			p->pos++;
		}
		if (v->n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct hb_jval *items = realloc(v->items, ncap * sizeof(*items));
			char **keys = close == '}' ? realloc(v->keys, ncap * sizeof(*keys)) : NULL;

			if (items)
				v->items = items;
			if (keys)
				v->keys = keys;
			if (!items || (close == '}' && !keys)) {
				free(key);
				return -ENOMEM;
			}
			cap = ncap;
		}
		memset(&v->items[v->n], 0, sizeof(v->items[0]));
		if (close == '}')
			v->keys[v->n] = key;
		v->n++;
		err = parse_value(p, &v->items[v->n - 1], depth + 1);
		if (err)
			return err;
		skip_ws(p);
		if (peek(p) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p) == close) {
			p->pos++;
			return 0;
		}
		return fail(p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static int parse_value(struct parser *p, struct hb_jval *v, int depth)
{
	int c;

	if (depth > MAX_DEPTH)
		return fail(p, "nested too deep");
	skip_ws(p);
	c = peek(p);
	switch (c) {
	case '{': v->type = HB_JOBJ; return parse_container(p, v, depth, '}');
	case '[': v->type = HB_JARR; return parse_container(p, v, depth, ']');
	case '"': v->type = HB_JSTR; return parse_string(p, &v->str);
	case 't': v->type = HB_JBOOL; v->boolean = true; return literal(p, "true");
	case 'f': v->type = HB_JBOOL; return literal(p, "false");
	case 'n': v->type = HB_JNULL; return literal(p, "null");
	case -1: return fail(p, "unexpected end");
	default:
		if (c == '-' || (c >= '0' && c <= '9')) {
			v->type = HB_JNUM;
			return parse_number(p, &v->num);
		}
		return fail(p, "unexpected character");
	}
}

int hb_jparse(const char *text, size_t len, struct hb_jval *out, char *why, size_t whylen)
{
	struct parser p = { .s = text, .len = len, .why = why, .whylen = whylen };
	int err;

	memset(out, 0, sizeof(*out));
	err = parse_value(&p, out, 0);
	if (!err) {
		skip_ws(&p);
		if (p.pos != p.len)
			err = fail(&p, "text after the value");
	}
	if (err)
		hb_jfree(out);
	return err;
}

int hb_jload(const char *path, struct hb_jval *out, char *why, size_t whylen)
{
	char *text;
	size_t len;
	int err;

	memset(out, 0, sizeof(*out));
	err = hb_read_file(path, MAX_FILE, &text, &len, why, whylen);
	if (err)
		return err;
	err = hb_jparse(text, len, out, why, whylen);
	if (err)
		hb_prefix_path(path, why, whylen);
	free(text);
	return err;
}

const struct hb_jval *hb_jget(const struct hb_jval *v, const char *path)
{
	while (v && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);
		const struct hb_jval *next = NULL;

		if (v->type != HB_JOBJ)
			return NULL;
		for (size_t i = 0; i < v->n && !next; i++)
			if (strlen(v->keys[i]) == n && strncmp(v->keys[i], path, n) == 0)
				next = &v->items[i];
		v = next;
		path += n + (dot ? 1 : 0);
	}
	return v;
}

const char *hb_jstr(const struct hb_jval *v, const char *path, const char *fallback)
{
	const struct hb_jval *s = hb_jget(v, path);

	return s && s->type == HB_JSTR ? s->str : fallback;
}

void hb_jfree(struct hb_jval *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		if (v->items)
			hb_jfree(&v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->str);
	memset(v, 0, sizeof(*v));
}
