/*
 * pg_eip712.c - SQL access to EIP-712 typed data hashing
 *
 * jsonb is turned into its JSON text (numbers come out exactly as numeric
 * prints them, so uint256 values keep every digit) in UTF-8, and the pure
 * C core (core/eip712.c) parses and hashes it.  The core frees everything
 * it allocated before it returns, so cd_raise() may longjmp right after.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/jsonb.h"

#include "pg_bytes.h"
#include "pg_creative_defi.h"
#include "pg_ecdsa.h"
#include "core/eip712.h"

/* The JSON text of a jsonb value, in UTF-8 whatever the database encoding. */
static const char *
jsonb_utf8(Jsonb *jb, size_t *len)
{
	char	   *text = JsonbToCString(NULL, &jb->root, VARSIZE(jb));

	return server_to_utf8(text, strlen(text), len);
}

/*
 * The EIP-712 digest of the typed data (jsonb) in argument argno; bad
 * typed data is an error.
 */
static void
typed_data_hash(FunctionCallInfo fcinfo, int argno, uint8 digest[CD_EIP712_HASH_LEN])
{
	size_t		len;
	const char *json = jsonb_utf8(PG_GETARG_JSONB_P(argno), &len);
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eip712_hash(json, len, digest, &err))
		cd_raise(&err);
}

PG_FUNCTION_INFO_V1(eip712_hash);
/*
 * eip712_hash(typed_data jsonb): the digest eth_signTypedData_v4 signs.
 */
Datum
eip712_hash(PG_FUNCTION_ARGS)
{
	bytea	   *result = bytea_alloc(CD_EIP712_HASH_LEN);

	typed_data_hash(fcinfo, 0, (uint8 *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

PG_FUNCTION_INFO_V1(eip712_domain_separator);
/*
 * eip712_domain_separator(domain jsonb [, types jsonb]): hashStruct of the
 * domain, EIP712Domain taken from types or inferred from the domain.
 */
Datum
eip712_domain_separator(PG_FUNCTION_ARGS)
{
	size_t		domain_len;
	const char *domain = jsonb_utf8(PG_GETARG_JSONB_P(0), &domain_len);
	size_t		types_len = 0;
	const char *types = NULL;
	uint8		hash[CD_EIP712_HASH_LEN];
	cd_error	err;

	if (PG_NARGS() > 1)
		types = jsonb_utf8(PG_GETARG_JSONB_P(1), &types_len);
	cd_error_clear(&err);
	if (!cd_eip712_domain_separator(domain, domain_len, types, types_len, hash, &err))
		cd_raise(&err);
	PG_RETURN_BYTEA_P(bytea_from_bytes(hash, CD_EIP712_HASH_LEN));
}

PG_FUNCTION_INFO_V1(eip712_hash_struct);
/*
 * eip712_hash_struct(types jsonb, primary_type text, data jsonb):
 * hashStruct(primary_type, data).
 */
Datum
eip712_hash_struct(PG_FUNCTION_ARGS)
{
	size_t		types_len;
	const char *types = jsonb_utf8(PG_GETARG_JSONB_P(0), &types_len);
	size_t		primary_len;
	const char *primary = (const char *) text_utf8(PG_GETARG_TEXT_PP(1), &primary_len);
	size_t		data_len;
	const char *data = jsonb_utf8(PG_GETARG_JSONB_P(2), &data_len);
	uint8		hash[CD_EIP712_HASH_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eip712_hash_struct(types, types_len, primary, primary_len, data, data_len, hash, &err))
		cd_raise(&err);
	PG_RETURN_BYTEA_P(bytea_from_bytes(hash, CD_EIP712_HASH_LEN));
}

PG_FUNCTION_INFO_V1(eip712_recover);
/*
 * eip712_recover(typed_data jsonb, signature bytea): who signed the typed
 * data, or NULL when the signature does not recover (ecrecover's rules).
 */
Datum
eip712_recover(PG_FUNCTION_ARGS)
{
	uint8		digest[CD_EIP712_HASH_LEN];
	uint8		address[CD_ETH_ADDRESS_LEN];

	typed_data_hash(fcinfo, 0, digest);
	PG_RETURN_SIGNER(recover_signer(digest, PG_GETARG_BYTEA_PP(1), address), address);
}

PG_FUNCTION_INFO_V1(eip712_verify);
/*
 * eip712_verify(signer eth_address, typed_data jsonb, signature bytea):
 * true when signer signed the typed data; false for any other signer or
 * a signature that does not recover.
 */
Datum
eip712_verify(PG_FUNCTION_ARGS)
{
	uint8		digest[CD_EIP712_HASH_LEN];

	typed_data_hash(fcinfo, 1, digest);
	PG_RETURN_BOOL(signed_by(PG_GETARG_ETH_ADDRESS_P(0), digest, PG_GETARG_BYTEA_PP(2)));
}
