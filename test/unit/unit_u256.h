/*
 * unit_u256.h - uint256 values from and to decimal text in unit tests
 */
#ifndef UNIT_U256_H
#define UNIT_U256_H

#include <stdlib.h>
#include <string.h>

#include "core/uint256.h"

/* the value of a decimal literal the test knows is valid */
static inline cd_u256
u256(const char *decimal)
{
	cd_u256		v;

	if (!cd_u256_parse_decimal(decimal, strlen(decimal), &v, "amount", NULL))
		abort();
	return v;
}

/* decimal text of v, in one of four rotating buffers (four at once) */
static inline const char *
dec(const cd_u256 *v)
{
	static char out[4][CD_U256_DECIMAL_LEN];
	static int	next;

	next = (next + 1) % 4;
	cd_u256_format_decimal(v, out[next]);
	return out[next];
}

#endif							/* UNIT_U256_H */
