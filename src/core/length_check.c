/*
 * length_check.c - the one wording for wrong-length byte strings
 */
#include "length_check.h"

/*
 * Compare a length with the one required; the message names both so that
 * a caller who passed a hex string of the wrong size sees what was wanted.
 */
bool
cd_require_length(const char *what, size_t len, size_t expected, cd_error *err)
{
	if (len == expected)
		return true;
	return cd_fail(err, CD_ERR_PARAM, "invalid %s length: %zu bytes (expected %zu)",
				   what, len, expected);
}
