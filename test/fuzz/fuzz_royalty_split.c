/*
 * fuzz_royalty_split.c - libFuzzer target for the royalty_split text parser
 *
 * Any input must either parse into a valid split or fail with a filled
 * error; a parsed split must print, re-parse to the same split, survive
 * the JSON formatter, and distribute an amount derived from the input
 * with the rows adding up to that amount.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/royalty_split.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cd_split_recipient first[CD_SPLIT_MAX_RECIPIENTS];
static cd_split_recipient second[CD_SPLIT_MAX_RECIPIENTS];
static char text[CD_SPLIT_TEXT_MAX(CD_SPLIT_MAX_RECIPIENTS)];
static char json[CD_SPLIT_JSON_MAX(CD_SPLIT_MAX_RECIPIENTS)];
static cd_u256 amounts[CD_SPLIT_MAX_RECIPIENTS];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cd_split	s = {0, 0, first};
	cd_split	again = {0, 0, second};
	cd_error	err;
	cd_u256		amount;
	cd_u256		fee;
	cd_u256		sum;
	uint32_t	i;
	uint64_t	total = 0;

	cd_error_clear(&err);
	if (!cd_split_parse((const char *) data, size, &s, &err))
	{
		if (err.code == CD_OK || err.message[0] == '\0')
			abort();
		return 0;
	}
	/* the invariants of a valid split */
	if (s.count == 0 || s.count > CD_SPLIT_MAX_RECIPIENTS || s.fee > CD_SPLIT_MAX_FEE)
		abort();
	for (i = 0; i < s.count; i++)
	{
		if (s.r[i].share == 0)
			abort();
		if (i > 0 && memcmp(s.r[i - 1].addr, s.r[i].addr, CD_ETH_ADDRESS_LEN) >= 0)
			abort();
		total += s.r[i].share;
	}
	if (total != CD_SPLIT_SCALE)
		abort();
	/* canonical text round trip */
	if (cd_split_format(&s, text) >= sizeof(text))
		abort();
	if (!cd_split_parse(text, strlen(text), &again, &err) || cd_split_cmp(&s, &again) != 0)
		abort();
	if (cd_split_format_json(&s, json) >= sizeof(json))
		abort();
	/* conservation for an amount made from the input bytes */
	cd_u256_zero(&amount);
	memcpy(amount.limb, data, size < sizeof(amount.limb) ? size : sizeof(amount.limb));
	cd_split_distribute(&s, &amount, &fee, amounts);
	sum = fee;
	for (i = 0; i < s.count; i++)
		if (!cd_u256_add(&sum, &amounts[i], &sum))
			abort();
	if (cd_u256_cmp(&sum, &amount) != 0)
		abort();
	return 0;
}
