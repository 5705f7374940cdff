/*
 * fuzz_curve.c - libFuzzer target for the bonding_curve text parser
 *
 * Any input must either parse or fail with a syntax or range error that
 * has a message and a detail; a parsed curve must validate, print, and
 * re-parse to the same bytes, and its reserve and spot price at a few
 * supplies must be computable or fail cleanly (no crash, no leak, no
 * undefined behaviour); a spot price has exactly scale decimals.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "core/bonding_curve.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cd_curve	c;
	cd_curve	again;
	char		text[CD_CURVE_TEXT_LEN];
	cd_error	err;
	static const uint64_t supplies[] = {0, 1, 2, 1000, 1000000007};
	static const int scales[] = {0, 2, 18, 41, 100};
	size_t		i;

	cd_error_clear(&err);
	if (!cd_curve_parse((const char *) data, size, &c, &err))
	{
		if ((err.code != CD_ERR_SYNTAX && err.code != CD_ERR_RANGE) ||
			err.message[0] == '\0' || err.detail[0] == '\0')
			abort();
		return 0;
	}
	if (!cd_curve_validate(&c, &err))
		abort();
	cd_curve_format(&c, text);
	if (!cd_curve_parse(text, strlen(text), &again, &err) ||
		memcmp(&c, &again, sizeof(c)) != 0 || cd_curve_cmp(&c, &again) != 0)
		abort();
	for (i = 0; i < sizeof(supplies) / sizeof(supplies[0]); i++)
	{
		cd_u256		s;
		cd_u256		r;
		cd_u256		one;
		cd_u256		p;

		cd_u256_from_u64(&s, supplies[i]);
		cd_u256_from_u64(&one, 1);
		{
			char		spot[CD_CURVE_SPOT_LEN];
			const char *point;

			if (cd_curve_spot_price(&c, &s, scales[i], spot, sizeof(spot), &err))
			{
				point = strchr(spot, '.');
				if (scales[i] == 0 ? point != NULL :
					point == NULL || strlen(point + 1) != (size_t) scales[i])
					abort();
			}
			else if (err.code != CD_ERR_RANGE && err.code != CD_ERR_PARAM)
				abort();
		}
		if (cd_curve_reserve(&c, &s, &r, &err) && cd_curve_buy_cost(&c, &s, &one, &p, &err))
		{
			cd_u256		r1;

			/* reserve(s + 1) = reserve(s) + price(s) */
			cd_u256_add(&s, &one, &s);
			if (!cd_curve_reserve(&c, &s, &r1, &err) || !cd_u256_add(&r, &p, &r) ||
				cd_u256_cmp(&r, &r1) != 0)
				abort();
		}
	}
	mpfr_free_cache();
	return 0;
}
