/*
 * pg_bytes.c - byte strings between SQL values and the core's buffers
 *
 * The core works on (pointer, length) in UTF-8; these are the few ways
 * the glue turns SQL values into that and 32-byte results back into
 * bytea, written once.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "core/length_check.h"

/* see pg_bytes.h */
bytea *
bytea_alloc(size_t len)
{
	bytea	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	return result;
}

/* see pg_bytes.h */
bytea *
bytea_from_bytes(const void *bytes, size_t len)
{
	bytea	   *result = bytea_alloc(len);

	memcpy(VARDATA(result), bytes, len);
	return result;
}

/* see pg_bytes.h */
const char *
server_to_utf8(const char *s, size_t len, size_t *utf8_len)
{
	char	   *utf8 = pg_server_to_any(s, (int) len, PG_UTF8);

	/* a conversion is NUL-terminated; the unconverted input may not be */
	*utf8_len = (utf8 != s) ? strlen(utf8) : len;
	return utf8;
}

/* see pg_bytes.h */
const uint8 *
text_utf8(const text *t, size_t *len)
{
	return (const uint8 *) server_to_utf8(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), len);
}

/* see pg_bytes.h */
const uint8 *
bytes_or_text_arg(FunctionCallInfo fcinfo, int argno, bool is_text, size_t *len)
{
	bytea	   *b;

	if (is_text)
		return text_utf8(PG_GETARG_TEXT_PP(argno), len);
	b = PG_GETARG_BYTEA_PP(argno);
	*len = VARSIZE_ANY_EXHDR(b);
	return (const uint8 *) VARDATA_ANY(b);
}

/* see pg_bytes.h */
const uint8 *
fixed_length_bytes(const bytea *b, const char *what, size_t len)
{
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_require_length(what, VARSIZE_ANY_EXHDR(b), len, &err))
		cd_raise(&err);
	return (const uint8 *) VARDATA_ANY(b);
}
