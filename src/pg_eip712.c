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
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "pg_creative_defi.h"
#include "pg_eth_address.h"
#include "core/ecdsa.h"
#include "core/eip712.h"

/* The JSON text of a jsonb value, in UTF-8 whatever the database encoding. */
static char *
jsonb_utf8(Jsonb *jb, size_t *len)
{
	char	   *text = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
	size_t		n = strlen(text);
	char	   *utf8 = pg_server_to_any(text, (int) n, PG_UTF8);

	if (utf8 != text)
		n = strlen(utf8);
	*len = n;
	return utf8;
}

/* A 32-byte hash as bytea. */
static bytea *
hash_bytea(const uint8 hash[CD_EIP712_HASH_LEN])
{
	bytea	   *result = palloc(VARHDRSZ + CD_EIP712_HASH_LEN);

	SET_VARSIZE(result, VARHDRSZ + CD_EIP712_HASH_LEN);
	memcpy(VARDATA(result), hash, CD_EIP712_HASH_LEN);
	return result;
}

PG_FUNCTION_INFO_V1(eip712_hash);
/*
 * eip712_hash(typed_data jsonb): the digest eth_signTypedData_v4 signs.
 */
Datum
eip712_hash(PG_FUNCTION_ARGS)
{
	size_t		len;
	char	   *json = jsonb_utf8(PG_GETARG_JSONB_P(0), &len);
	uint8		digest[CD_EIP712_HASH_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eip712_hash(json, len, digest, &err))
		cd_raise(&err);
	PG_RETURN_BYTEA_P(hash_bytea(digest));
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
	char	   *domain = jsonb_utf8(PG_GETARG_JSONB_P(0), &domain_len);
	size_t		types_len = 0;
	char	   *types = NULL;
	uint8		hash[CD_EIP712_HASH_LEN];
	cd_error	err;

	if (PG_NARGS() > 1)
		types = jsonb_utf8(PG_GETARG_JSONB_P(1), &types_len);
	cd_error_clear(&err);
	if (!cd_eip712_domain_separator(domain, domain_len, types, types_len, hash, &err))
		cd_raise(&err);
	PG_RETURN_BYTEA_P(hash_bytea(hash));
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
	char	   *types = jsonb_utf8(PG_GETARG_JSONB_P(0), &types_len);
	text	   *primary_text = PG_GETARG_TEXT_PP(1);
	int			primary_len = VARSIZE_ANY_EXHDR(primary_text);
	char	   *primary = pg_server_to_any(VARDATA_ANY(primary_text), primary_len, PG_UTF8);
	size_t		data_len;
	char	   *data = jsonb_utf8(PG_GETARG_JSONB_P(2), &data_len);
	uint8		hash[CD_EIP712_HASH_LEN];
	cd_error	err;

	if (primary != VARDATA_ANY(primary_text))
		primary_len = strlen(primary);
	cd_error_clear(&err);
	if (!cd_eip712_hash_struct(types, types_len, primary, primary_len, data, data_len, hash, &err))
		cd_raise(&err);
	PG_RETURN_BYTEA_P(hash_bytea(hash));
}

/*
 * The address that signed typed data's digest; false with *recovered
 * false when the signature does not recover.  Errors (bad typed data, a
 * signature of the wrong length) are raised.
 */
static void
recover_typed_data(FunctionCallInfo fcinfo, int td_arg, int sig_arg,
				   uint8 address[CD_ETH_ADDRESS_LEN], bool *recovered)
{
	size_t		len;
	char	   *json = jsonb_utf8(PG_GETARG_JSONB_P(td_arg), &len);
	bytea	   *sig = PG_GETARG_BYTEA_PP(sig_arg);
	uint8		digest[CD_EIP712_HASH_LEN];
	cd_error	err;

	cd_error_clear(&err);
	if (!cd_eip712_hash(json, len, digest, &err) ||
		!cd_ecrecover(digest, (const uint8 *) VARDATA_ANY(sig), VARSIZE_ANY_EXHDR(sig),
					  address, recovered, &err))
		cd_raise(&err);
}

PG_FUNCTION_INFO_V1(eip712_recover);
/*
 * eip712_recover(typed_data jsonb, signature bytea): who signed the typed
 * data, or NULL when the signature does not recover (ecrecover's rules).
 */
Datum
eip712_recover(PG_FUNCTION_ARGS)
{
	uint8		address[CD_ETH_ADDRESS_LEN];
	bool		recovered;

	recover_typed_data(fcinfo, 0, 1, address, &recovered);
	if (!recovered)
		PG_RETURN_NULL();
	PG_RETURN_ETH_ADDRESS_P(eth_address_from_bytes(address));
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
	EthAddress *signer = PG_GETARG_ETH_ADDRESS_P(0);
	uint8		address[CD_ETH_ADDRESS_LEN];
	bool		recovered;

	recover_typed_data(fcinfo, 1, 2, address, &recovered);
	PG_RETURN_BOOL(recovered && memcmp(address, signer->bytes, CD_ETH_ADDRESS_LEN) == 0);
}
