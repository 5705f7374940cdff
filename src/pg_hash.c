/*
 * pg_hash.c - SQL access to Keccak-256
 */
#include "postgres.h"

#include "fmgr.h"

#include "pg_bytes.h"
#include "pg_function_families.h"
#include "core/keccak.h"

/* The Keccak-256 digest of argument 0, bytea or text (as UTF-8), as bytea. */
static Datum
keccak256_arg(FunctionCallInfo fcinfo, bool is_text)
{
	size_t		len;
	const uint8 *data = bytes_or_text_arg(fcinfo, 0, is_text, &len);
	bytea	   *result = bytea_alloc(CD_KECCAK256_DIGEST_SIZE);

	cd_keccak256(data, len, (uint8 *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

/*
 * keccak256(bytea): Ethereum's Keccak-256 of the bytes.
 */
CD_FUNCTION_VARIANT(keccak256_bytea, keccak256_arg, false)

/*
 * keccak256(text): Keccak-256 of the text's UTF-8 bytes, whatever the
 * database encoding, so that results match ethers' id() and viem's
 * keccak256(toBytes(...)).
 */
CD_FUNCTION_VARIANT(keccak256_text, keccak256_arg, true)
