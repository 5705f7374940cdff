/*
 * cd_error.c - error reporting for the pure C core
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cd_error.h"

void
cd_error_clear(cd_error *err)
{
	if (err == NULL)
		return;
	err->code = CD_OK;
	err->message[0] = '\0';
	err->detail[0] = '\0';
	err->hint[0] = '\0';
}

/* Format the variable arguments after fmt into the array field (of err). */
#define FORMAT_INTO(field, fmt) \
	do { \
		va_list		ap; \
		\
		va_start(ap, fmt); \
		vsnprintf((field), sizeof(field), (fmt), ap); \
		va_end(ap); \
	} while (0)

bool
cd_fail(cd_error *err, cd_errcode code, const char *fmt,...)
{
	if (err == NULL)
		return false;
	cd_error_clear(err);
	err->code = code;
	FORMAT_INTO(err->message, fmt);
	return false;
}

void
cd_error_detail(cd_error *err, const char *fmt,...)
{
	if (err != NULL)
		FORMAT_INTO(err->detail, fmt);
}

void
cd_error_vdetail(cd_error *err, const char *fmt, va_list ap)
{
	if (err != NULL)
		vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
}

void
cd_error_hint(cd_error *err, const char *fmt,...)
{
	if (err != NULL)
		FORMAT_INTO(err->hint, fmt);
}

/*
 * Copy at most ~100 bytes of input for quoting in a message; longer input is
 * cut and marked with "...".  Control bytes are shown as '?' so that a
 * message never carries a NUL or a terminal escape.
 */
const char *
cd_quote_input(const char *input, size_t len, char *buf, size_t bufsize)
{
	const size_t max_shown = 100;
	size_t		n = len < max_shown ? len : max_shown;
	size_t		i;

	if (bufsize < 4)
		return "";
	if (n > bufsize - 4)
		n = bufsize - 4;
	for (i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) input[i];

		buf[i] = (c < 0x20 || c == 0x7f) ? '?' : (char) c;
	}
	if (n < len)
	{
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

const char *
cd_describe_char(unsigned char c, char out[16])
{
	if (c > 0x20 && c < 0x7f)
		snprintf(out, 16, "'%c'", c);
	else
		snprintf(out, 16, "byte 0x%02X", c);
	return out;
}
