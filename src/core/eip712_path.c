/*
 * eip712_path.c - the JSON path of the value being encoded, and the errors
 * that name it
 *
 * Every EIP-712 error says where in the typed data it is
 * ("invalid address checksum at message.to.wallets[1]").  The path is kept
 * in the encoder state as the walk goes, by the type table's reader and
 * by the value encoder alike; it is separate so that both share one way
 * of building it and one way of failing, and neither knows the other.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eip712_internal.h"

/* Append text to the path; a path that no longer fits ends in "...". */
static void
path_append(enc *e, const char *s, size_t n)
{
	if (e->pathlen + n + 4 > PATH_LEN)
	{
		if (e->pathlen + 4 <= PATH_LEN && (e->pathlen < 3 || memcmp(e->path + e->pathlen - 3, "...", 3) != 0))
		{
			memcpy(e->path + e->pathlen, "...", 3);
			e->pathlen += 3;
			e->path[e->pathlen] = '\0';
		}
		return;
	}
	memcpy(e->path + e->pathlen, s, n);
	e->pathlen += n;
	e->path[e->pathlen] = '\0';
}

/* Set the path to a root name ("message", "types"). */
void
eip712_path_set(enc *e, const char *root)
{
	e->pathlen = 0;
	e->path[0] = '\0';
	path_append(e, root, strlen(root));
}

/* Enter member key; returns the length to restore with eip712_path_pop. */
size_t
eip712_path_push_key(enc *e, const char *key, size_t len)
{
	size_t		saved = e->pathlen;
	char		quoted[128];
	const char *shown = cd_quote_input(key, len, quoted, sizeof(quoted));

	if (e->pathlen > 0)
		path_append(e, ".", 1);
	path_append(e, shown, strlen(shown));
	return saved;
}

/* Enter array element i. */
size_t
eip712_path_push_index(enc *e, size_t i)
{
	size_t		saved = e->pathlen;
	char		buf[32];
	int			n = snprintf(buf, sizeof(buf), "[%zu]", i);

	path_append(e, buf, (size_t) n);
	return saved;
}

/*
 * Fail with "<what> at <path>" and an optional detail sentence; every
 * error about a value names where it is.
 */
bool
eip712_fail_at(enc *e, cd_errcode code, const char *what, const char *detail_fmt,...)
{
	if (e->pathlen > 0)
		cd_fail(e->err, code, "%s at %s", what, e->path);
	else
		cd_fail(e->err, code, "%s", what);
	if (detail_fmt != NULL && e->err != NULL)
	{
		va_list		ap;

		va_start(ap, detail_fmt);
		vsnprintf(e->err->detail, sizeof(e->err->detail), detail_fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Fail with CD_ERR_NOMEM: the arena could not grow. */
bool
eip712_fail_nomem(enc *e)
{
	return cd_fail(e->err, CD_ERR_NOMEM, "out of memory while hashing typed data");
}

/* Wrong JSON kind for what was expected there. */
bool
eip712_fail_kind(enc *e, const char *expected, const cd_json *v)
{
	return eip712_fail_at(e, CD_ERR_PARAM, "wrong JSON type", "Expected %s, got %s.",
						  expected, cd_json_kind_name(v->kind));
}

/* A required value is absent at the current path. */
bool
eip712_fail_missing(enc *e, const char *needed)
{
	return eip712_fail_at(e, CD_ERR_PARAM, "missing value", "%s", needed);
}
