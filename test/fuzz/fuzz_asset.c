/*
 * fuzz_asset.c - libFuzzer target for the CAIP-19 asset parser
 *
 * Any input must either parse or fail with a syntax error and a detail.
 * A parsed asset is canonical: it re-parses to itself, splits into parts,
 * and the constructor rebuilds it from those parts.  The same bytes are
 * also split into up to four parts for the constructor directly.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/caip19.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Rebuild a canonical asset from its parts; it must come back unchanged. */
static void
check_round_trip(const char *canonical, size_t len)
{
	char		again[CD_ASSET_TEXT_LEN];
	size_t		again_len;
	cd_asset_parts p;
	cd_error	err;

	if (len > CD_ASSET_MAX_LEN || strlen(canonical) != len)
		abort();
	if (!cd_asset_parse(canonical, len, again, &again_len, &err) ||
		again_len != len || memcmp(again, canonical, len) != 0)
		abort();
	if (!cd_asset_split(canonical, len, &p))
		abort();
	if (!cd_asset_from_parts(canonical, p.chain_len,
							 canonical + p.namespace_off, p.namespace_len,
							 canonical + p.reference_off, p.reference_len,
							 p.token_len ? canonical + p.token_off : NULL, p.token_len,
							 again, &again_len, &err) ||
		again_len != len || memcmp(again, canonical, len) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	char		canonical[CD_ASSET_TEXT_LEN];
	size_t		len;
	cd_error	err;
	size_t		cut[3];
	size_t		i;
	size_t		found = 0;

	cd_error_clear(&err);
	if (cd_asset_parse(text, size, canonical, &len, &err))
		check_round_trip(canonical, len);
	else if (err.code != CD_ERR_SYNTAX || err.message[0] == '\0' || err.detail[0] == '\0')
		abort();

	/* the constructor, on the input cut at its first three NUL bytes */
	for (i = 0; i < size && found < 3; i++)
		if (data[i] == 0)
			cut[found++] = i;
	if (found >= 2)
	{
		const char *token = found == 3 ? text + cut[2] + 1 : NULL;
		size_t		token_len = found == 3 ? size - cut[2] - 1 : 0;
		size_t		ref_end = found == 3 ? cut[2] : size;

		cd_error_clear(&err);
		if (cd_asset_from_parts(text, cut[0], text + cut[0] + 1, cut[1] - cut[0] - 1,
								text + cut[1] + 1, ref_end - cut[1] - 1, token, token_len,
								canonical, &len, &err))
			check_round_trip(canonical, len);
		else if (err.code != CD_ERR_PARAM || err.message[0] == '\0' || err.detail[0] == '\0')
			abort();
	}
	return 0;
}
