/*
 * pg_hash.c - SQL access to Keccak-256
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "core/keccak.h"

static bytea *
keccak256_bytes(const uint8 *data, size_t len)
{
	bytea	   *result = palloc(VARHDRSZ + CD_KECCAK256_DIGEST_SIZE);

	SET_VARSIZE(result, VARHDRSZ + CD_KECCAK256_DIGEST_SIZE);
	cd_keccak256(data, len, (uint8 *) VARDATA(result));
	return result;
}

PG_FUNCTION_INFO_V1(keccak256_bytea);
/*
 * keccak256(bytea): Ethereum's Keccak-256 of the bytes.
 */
Datum
keccak256_bytea(PG_FUNCTION_ARGS)
{
	bytea	   *data = PG_GETARG_BYTEA_PP(0);

	PG_RETURN_BYTEA_P(keccak256_bytes((const uint8 *) VARDATA_ANY(data), VARSIZE_ANY_EXHDR(data)));
}

PG_FUNCTION_INFO_V1(keccak256_text);
/*
 * keccak256(text): Keccak-256 of the text's UTF-8 bytes, whatever the
 * database encoding, so that results match ethers' id() and viem's
 * keccak256(toBytes(...)).
 */
Datum
keccak256_text(PG_FUNCTION_ARGS)
{
	text	   *data = PG_GETARG_TEXT_PP(0);
	int			len = VARSIZE_ANY_EXHDR(data);
	char	   *utf8 = pg_server_to_any(VARDATA_ANY(data), len, PG_UTF8);

	if (utf8 != VARDATA_ANY(data))
		len = strlen(utf8);
	PG_RETURN_BYTEA_P(keccak256_bytes((const uint8 *) utf8, len));
}
