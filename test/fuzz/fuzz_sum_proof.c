/*
 * fuzz_sum_proof.c - libFuzzer target for the liabilities proof parser
 *
 * Any input must either parse or fail with a syntax, parameter, range,
 * limit or memory error and a message.  A parsed proof must write back to
 * JSON that parses to the same proof, and verification must give a
 * verdict (any sums, overflowing ones included) without a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sum_tree.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cd_error	err;
	cd_sum_proof proof;
	size_t		len;
	char		json[CD_SUM_PROOF_JSON_MAX];
	cd_sum_proof again;

	cd_error_clear(&err);
	if (!cd_sum_proof_parse((const char *) data, size, &proof, &err))
	{
		if (err.message[0] == '\0' ||
			(err.code != CD_ERR_SYNTAX && err.code != CD_ERR_PARAM && err.code != CD_ERR_RANGE &&
			 err.code != CD_ERR_LIMIT && err.code != CD_ERR_NOMEM))
			abort();
		return 0;
	}
	(void) cd_sum_proof_verify(&proof);
	len = cd_sum_proof_format(&proof, json);
	if (len >= CD_SUM_PROOF_JSON_MAX || len != strlen(json))
		abort();
	if (!cd_sum_proof_parse(json, len, &again, &err) || memcmp(&proof, &again, sizeof(proof)) != 0)
		abort();
	return 0;
}
